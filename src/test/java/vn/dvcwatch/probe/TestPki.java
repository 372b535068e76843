package vn.dvcwatch.probe;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test certificates made on the spot: a CA, and leaves it signs (or that sign themselves). */
final class TestPki {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  /** A key and its certificate, as PEM for Vert.x servers and as a file for {@code extraCaFiles}. */
  record Issued(KeyPair keys, X509Certificate cert) {
    PemKeyCertOptions serverOptions(Issued... chain) throws Exception {
      StringBuilder certs = new StringBuilder(pem(cert));
      for (Issued c : chain) {
        certs.append(pem(c.cert()));
      }
      return new PemKeyCertOptions().setKeyValue(Buffer.buffer(pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(keys.getPrivate(), null))))
          .setCertValue(Buffer.buffer(certs.toString()));
    }

    Path writeCert(Path dir) throws Exception {
      Path file = Files.createTempFile(dir, "ca", ".pem");
      Files.writeString(file, pem(cert));
      return file;
    }
  }

  private TestPki() {}

  static Issued ca(String name) throws Exception {
    KeyPair keys = rsa(2048);
    return new Issued(keys, sign(name, keys, name, keys, Instant.now().minus(Duration.ofDays(1)),
        Instant.now().plus(Duration.ofDays(3650)), true, null));
  }

  /** A server certificate for {@code dnsName}, signed by {@code issuer} (or by itself when null). */
  static Issued leaf(Issued issuer, String dnsName, Instant notBefore, Instant notAfter, KeyPair keys)
      throws Exception {
    KeyPair own = keys == null ? rsa(2048) : keys;
    return issuer == null
        ? new Issued(own, sign(dnsName, own, dnsName, own, notBefore, notAfter, false, dnsName))
        : new Issued(own, sign(dnsName, own, subject(issuer), issuer.keys(), notBefore, notAfter, false, dnsName));
  }

  /** A leaf valid for {@code valid} from now (expired when negative), on a key shared by all such leaves. */
  static Issued leaf(Issued issuer, String dnsName, Duration valid) throws Exception {
    Instant now = Instant.now();
    return valid.isNegative()
        ? leaf(issuer, dnsName, now.plus(valid).minus(Duration.ofDays(30)), now.plus(valid), sharedKey())
        : leaf(issuer, dnsName, now.minus(Duration.ofDays(1)), now.plus(valid), sharedKey());
  }

  private static KeyPair shared;

  /** RSA key generation takes a good part of a second; tests about certificates do not need fresh keys. */
  static synchronized KeyPair sharedKey() throws Exception {
    if (shared == null) {
      shared = rsa(2048);
    }
    return shared;
  }

  static KeyPair rsa(int bits) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(bits);
    return g.generateKeyPair();
  }

  static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    return g.generateKeyPair();
  }

  private static String subject(Issued i) {
    return i.cert().getSubjectX500Principal().getName().replaceFirst("^CN=", "");
  }

  private static X509Certificate sign(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
      Instant notBefore, Instant notAfter, boolean ca, String dnsName) throws Exception {
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuer),
        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
        new X500Name("CN=" + subject), subjectKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (ca) {
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      b.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
    }
    String alg = issuerKeys.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder(alg).build(issuerKeys.getPrivate())));
  }

  static String pem(Object o) {
    try {
      if (o instanceof org.bouncycastle.util.io.pem.PemObjectGenerator g) {
        StringWriter w = new StringWriter();
        try (org.bouncycastle.util.io.pem.PemWriter p = new org.bouncycastle.util.io.pem.PemWriter(w)) {
          p.writeObject(g);
        }
        return w.toString();
      }
      StringWriter w = new StringWriter();
      try (JcaPEMWriter p = new JcaPEMWriter(w)) {
        p.writeObject(o);
      }
      return w.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
