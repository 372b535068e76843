package vn.dvcwatch.probe;

import java.security.PublicKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What the certificate judgement reads from a chain's leaf, read once per distinct chain ({@link ChainTrust}
 * keeps it beside the chain's trust verdict). The native TLS engine hands every probe fresh, lazily parsed
 * certificates; reading them each time parsed the leaf's DER on every probe (about a quarter of the bytes a probe
 * allocated, in a JFR profile of P1).
 *
 * @param names the subjectAltName entries as (type, value): 2 for a DNS name, 7 for an IP address
 * @param selfSigned a single certificate whose subject is its issuer
 */
record LeafFacts(Instant notBefore, Instant notAfter, String keyType, Integer keyBits, String signature,
    boolean selfSigned, List<Name> names) {

  /** One subjectAltName entry. */
  record Name(int type, String value) {}

  static LeafFacts of(X509Certificate[] chain) {
    X509Certificate leaf = chain[0];
    PublicKey key = leaf.getPublicKey();
    return new LeafFacts(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(), keyType(key),
        keyBits(key), leaf.getSigAlgName(),
        chain.length == 1 && leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal()), names(leaf));
  }

  private static List<Name> names(X509Certificate leaf) {
    Collection<List<?>> sans;
    try {
      sans = leaf.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return List.of();
    }
    if (sans == null) {
      return List.of();
    }
    List<Name> out = new ArrayList<>(sans.size());
    for (List<?> san : sans) {
      out.add(new Name((Integer) san.get(0), String.valueOf(san.get(1))));
    }
    return List.copyOf(out);
  }

  private static String keyType(PublicKey key) {
    String alg = key.getAlgorithm();
    return switch (alg) {
      case "EC" -> "EC";
      case "RSA", "RSASSA-PSS" -> "RSA";
      default -> alg;
    };
  }

  private static Integer keyBits(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      return rsa.getModulus().bitLength();
    }
    if (key instanceof ECPublicKey ec) {
      return ec.getParams().getOrder().bitLength();
    }
    if (key instanceof DSAPublicKey dsa) {
      return dsa.getParams().getP().bitLength();
    }
    return switch (key.getAlgorithm()) {
      case "Ed25519", "EdDSA", "X25519" -> 255;
      case "Ed448", "X448" -> 448;
      default -> null;
    };
  }
}
