package vn.dvcwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

/**
 * What a stapled OCSP response may say, and what it takes to believe it: only a response signed by the
 * certificate's issuer, for this serial, saying revoked, makes it revoked.
 */
class StapledOcspTest {
  static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");

  static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  static X509Certificate cert(String subject, String issuer, KeyPair subjectKeys, KeyPair issuerKeys, long serial,
      boolean ca) throws Exception {
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuer), BigInteger.valueOf(serial),
        Date.from(NOW.minus(Duration.ofDays(10))), Date.from(NOW.plus(Duration.ofDays(90))), new X500Name("CN=" + subject),
        subjectKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
  }

  static byte[] response(X509Certificate issuer, KeyPair signer, long serial, CertificateStatus status) throws Exception {
    DigestCalculator sha1 = new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
    BasicOCSPRespBuilder b = new JcaBasicOCSPRespBuilder(signer.getPublic(), sha1);
    b.addResponse(new CertificateID(sha1, new JcaX509CertificateHolder(issuer), BigInteger.valueOf(serial)), status,
        Date.from(NOW.minus(Duration.ofHours(1))), Date.from(NOW.plus(Duration.ofDays(1))));
    return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL,
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate()), null, Date.from(NOW)))
        .getEncoded();
  }

  @Test
  void onlyARevocationSignedByTheIssuerForThisSerialCounts() throws Exception {
    KeyPair caKeys = ec();
    KeyPair leafKeys = ec();
    KeyPair stranger = ec();
    X509Certificate ca = cert("Test CA", "Test CA", caKeys, caKeys, 1, true);
    X509Certificate leaf = cert("portal.gov.vn", "Test CA", leafKeys, caKeys, 42, false);
    RevokedStatus revoked = new RevokedStatus(Date.from(NOW.minus(Duration.ofDays(1))), CRLReason.keyCompromise);

    assertThat(StapledOcsp.revoked(response(ca, caKeys, 42, revoked), leaf, ca)).isTrue();
    assertThat(StapledOcsp.revoked(response(ca, caKeys, 42, CertificateStatus.GOOD), leaf, ca)).as("good").isFalse();
    assertThat(StapledOcsp.revoked(response(ca, caKeys, 42, new UnknownStatus()), leaf, ca)).as("unknown").isFalse();
    assertThat(StapledOcsp.revoked(response(ca, caKeys, 43, revoked), leaf, ca)).as("another serial").isFalse();
    assertThat(StapledOcsp.revoked(response(ca, stranger, 42, revoked), leaf, ca)).as("signed by a stranger").isFalse();
    assertThat(StapledOcsp.revoked(null, leaf, ca)).as("no staple").isFalse();
    assertThat(StapledOcsp.revoked(new byte[] {1, 2, 3}, leaf, ca)).as("garbage").isFalse();
    assertThat(StapledOcsp.revoked(response(ca, caKeys, 42, revoked), leaf, leaf)).as("not the issuer").isFalse();
    assertThat(StapledOcsp.revoked(new OCSPRespBuilder().build(OCSPRespBuilder.TRY_LATER, null).getEncoded(), leaf, ca))
        .as("tryLater").isFalse();
  }
}
