package vn.dvcwatch.sim;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A throw-away certificate authority generated at start, and the leaf certificates of every posture.
 * Key generation is the slow part, so there are only five key pairs in all: the CA's (EC P-256, whose
 * signatures are cheap enough for 10,000 leaves), a second EC CA's that nobody trusts (the untrusted
 * posture), one RSA-2048 pair shared by every ordinary leaf and every self-signed one, and one RSA-1024
 * pair for the weak-key posture. Nothing is written but the
 * CA certificate: the watchdog trusts it only when told to.
 */
final class TestCa {
  static final String WRONG_HOSTNAME = "sai-ten-mien.sim.dvc.test";
  private static final Duration DAY = Duration.ofDays(1);

  private final KeyPair caKeys;
  private final X509Certificate caCert;
  /** A second CA, never written: the issuer of the untrusted posture. */
  private final KeyPair strangerKeys;
  private final X500Name strangerName;
  private final KeyPair rsa2048;
  private final KeyPair rsa1024;
  private final AtomicLong serial = new AtomicLong(System.currentTimeMillis() << 12);

  private TestCa(KeyPair caKeys, X509Certificate caCert, KeyPair strangerKeys, KeyPair rsa2048, KeyPair rsa1024) {
    this.caKeys = caKeys;
    this.caCert = caCert;
    this.strangerKeys = strangerKeys;
    this.strangerName = name("Tổ chức cấp chứng chỉ không được tin cậy (giả lập)");
    this.rsa2048 = rsa2048;
    this.rsa1024 = rsa1024;
  }

  /** Generates the keys and the CA certificate (blocking; the RSA keys are made in parallel, the slow part). */
  static TestCa generate() {
    CompletableFuture<KeyPair> rsa2048 = CompletableFuture.supplyAsync(() -> rsaKeys(2048));
    CompletableFuture<KeyPair> rsa1024 = CompletableFuture.supplyAsync(() -> rsaKeys(1024));
    try {
      KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
      ec.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair caKeys = ec.generateKeyPair();
      Instant now = Instant.now();
      X500Name name = name("dvc-watch Test CA (giả lập, không tin cậy)");
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
          Date.from(now.minus(DAY)), Date.from(now.plus(Duration.ofDays(3650))), name, caKeys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      X509Certificate ca = sign(b, "SHA256withECDSA", caKeys.getPrivate());
      return new TestCa(caKeys, ca, ec.generateKeyPair(), rsa2048.join(), rsa1024.join());
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot generate the test CA", e);
    }
  }

  private static KeyPair rsaKeys(int bits) {
    try {
      KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
      rsa.initialize(bits);
      return rsa.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an RSA-" + bits + " key", e);
    }
  }

  X509Certificate certificate() {
    return caCert;
  }

  String pem() {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(caCert);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  /**
   * A leaf certificate for {@code hostname} in the given posture; {@code daysLeft} sets its end (an hour
   * past that many days, so a reader flooring to days sees exactly {@code daysLeft}).
   */
  Leaf issue(String hostname, CertPosture posture, int daysLeft, Instant now) {
    KeyPair keys = posture == CertPosture.RSA_1024 ? rsa1024 : rsa2048;
    String subjectHost = posture == CertPosture.WRONG_HOST ? WRONG_HOSTNAME : hostname;
    Instant notAfter = now.plus(Duration.ofDays(daysLeft)).plus(Duration.ofHours(1));
    Instant notBefore = posture == CertPosture.EXPIRED ? notAfter.minus(Duration.ofDays(365))
        : posture == CertPosture.NOT_YET_VALID ? now.plus(Duration.ofDays(2)) : now.minus(Duration.ofDays(30));
    X500Name subject = name(subjectHost);
    boolean selfSigned = posture == CertPosture.SELF_SIGNED;
    boolean stranger = posture == CertPosture.UNTRUSTED;
    X500Name issuer = selfSigned ? subject : stranger ? strangerName
        : X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded());
    try {
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial.incrementAndGet()),
          Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
      b.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, subjectHost)));
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      X509Certificate cert = selfSigned
          ? sign(b, "SHA256withRSA", keys.getPrivate())
          : sign(b, posture == CertPosture.SHA1_SIGNATURE ? "SHA1withECDSA" : "SHA256withECDSA",
              stranger ? strangerKeys.getPrivate() : caKeys.getPrivate());
      return new Leaf(keys.getPrivate(), cert);
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot issue a certificate for " + hostname, e);
    }
  }

  private static X500Name name(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "VN").addRDN(BCStyle.O, "dvc-watch simulator")
        .addRDN(BCStyle.CN, commonName).build();
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, String algorithm, PrivateKey key)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(algorithm).build(key)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /**
   * An OCSP response (RFC 6960, DER) signed by this CA, saying that {@code leaf} was revoked a day before
   * {@code now} (key compromise): what a server staples once its CA has revoked its certificate.
   */
  byte[] revokedResponse(X509Certificate leaf, Instant now) {
    try {
      DigestCalculator sha1 = new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
      CertificateID id = new CertificateID(sha1, new JcaX509CertificateHolder(caCert), leaf.getSerialNumber());
      BasicOCSPRespBuilder b = new JcaBasicOCSPRespBuilder(caKeys.getPublic(), sha1);
      b.addResponse(id, new RevokedStatus(Date.from(now.minus(DAY)), CRLReason.keyCompromise),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(DAY)));
      BasicOCSPResp basic = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate()), null,
          Date.from(now));
      return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    } catch (OperatorCreationException | OCSPException | CertificateEncodingException | java.io.IOException e) {
      throw new IllegalStateException("cannot make an OCSP response for " + leaf.getSubjectX500Principal(), e);
    }
  }

  /** A leaf certificate and the private key that goes with it. */
  record Leaf(PrivateKey key, X509Certificate cert) {}
}
