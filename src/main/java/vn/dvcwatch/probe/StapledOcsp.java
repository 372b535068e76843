package vn.dvcwatch.probe;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Reads the OCSP response a server stapled to its handshake (RFC 6066 status_request, RFC 6960): the only
 * revocation dvc-watch knows, since it fetches no OCSP or CRL itself (docs/PROBING.md). A certificate is
 * revoked when the response is well formed, signed by the certificate's issuer (or by a responder
 * certificate the issuer signed), and its entry for this certificate's serial and issuer says revoked —
 * as Firefox, which acts on a stapled "revoked", would. Anything else (no staple, "good", "unknown", a
 * response for another certificate, a bad signature, no issuer in the chain) is "not known to be revoked".
 */
final class StapledOcsp {
  private StapledOcsp() {}

  /** Whether {@code response} (DER, may be null) says that {@code leaf}, issued by {@code issuer}, is revoked. */
  static boolean revoked(byte[] response, X509Certificate leaf, X509Certificate issuer) {
    if (response == null || response.length == 0 || issuer == null
        || !leaf.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      return false;
    }
    try {
      OCSPResp resp = new OCSPResp(response);
      if (resp.getStatus() != OCSPResp.SUCCESSFUL || !(resp.getResponseObject() instanceof BasicOCSPResp basic)) {
        return false;
      }
      X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
      if (!signedByIssuer(basic, issuer, issuerHolder)) {
        return false;
      }
      DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
      BigInteger serial = leaf.getSerialNumber();
      for (SingleResp single : basic.getResponses()) {
        if (single.getCertID().getSerialNumber().equals(serial) && single.getCertID().matchesIssuer(issuerHolder, digests)) {
          return single.getCertStatus() instanceof RevokedStatus;
        }
      }
      return false;
    } catch (Exception e) { // a malformed staple is not knowledge of a revocation
      return false;
    }
  }

  /** Signed by the issuer itself, or by a responder certificate the issuer signed (RFC 6960, 4.2.2.2). */
  private static boolean signedByIssuer(BasicOCSPResp basic, X509Certificate issuer, X509CertificateHolder issuerHolder)
      throws Exception {
    JcaContentVerifierProviderBuilder verifiers = new JcaContentVerifierProviderBuilder();
    if (basic.isSignatureValid(verifiers.build(issuer.getPublicKey()))) {
      return true;
    }
    for (X509CertificateHolder responder : basic.getCerts()) {
      ExtendedKeyUsage usage = responder.getExtensions() == null ? null
          : ExtendedKeyUsage.fromExtensions(responder.getExtensions());
      if (responder.getIssuer().equals(issuerHolder.getSubject()) && usage != null
          && usage.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)
          && responder.isSignatureValid(verifiers.build(issuer.getPublicKey()))
          && basic.isSignatureValid(verifiers.build(responder))) {
        return true;
      }
    }
    return false;
  }
}
