package vn.dvcwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.CertificateProblem;
import vn.dvcwatch.result.TlsPosture;

/** Each distinct chain is validated and its leaf read once; the judgement of a remembered chain is still exact. */
class ChainReadingTest {
  private final ChainTrust trust = new ChainTrust(List.of());

  @Test
  void theSameChainInFreshObjectsIsReadOnce() throws Exception {
    TestPki.Issued ca = TestPki.ca("Reading CA");
    TestPki.Issued leaf = TestPki.leaf(ca, "dvc.example.gov.vn", Duration.ofDays(30));
    // as the native engine hands them: new certificate objects for every handshake, the same bytes
    ChainTrust.Reading first = trust.read(new X509Certificate[] {reparsed(leaf.cert()), reparsed(ca.cert())});
    ChainTrust.Reading again = trust.read(new X509Certificate[] {reparsed(leaf.cert()), reparsed(ca.cert())});
    assertThat(again).isSameAs(first);
    assertThat(first.leaf().notAfter()).isEqualTo(leaf.cert().getNotAfter().toInstant());
    assertThat(first.leaf().names()).containsExactly(new LeafFacts.Name(2, "dvc.example.gov.vn"));
    assertThat(first.leaf().selfSigned()).isFalse();

    TestPki.Issued other = TestPki.leaf(ca, "khac.example.gov.vn", Duration.ofDays(30));
    assertThat(trust.read(new X509Certificate[] {other.cert(), ca.cert()})).isNotSameAs(first);
  }

  @Test
  void aRememberedChainIsJudgedForTheHostAndTheMomentOfEachProbe() throws Exception {
    TestPki.Issued ca = TestPki.ca("Reading CA 2");
    TestPki.Issued leaf = TestPki.leaf(ca, "dvc.example.gov.vn", Duration.ofDays(10));
    ChainTrust trusting = trust.with(ca.cert());
    CertificateJudge.Handshake h = new CertificateJudge.Handshake(new X509Certificate[] {leaf.cert()}, "TLSv1.3",
        "TLS_AES_128_GCM_SHA256", null);
    Instant now = Instant.now();
    TlsPosture today = CertificateJudge.judge(trusting, h, "dvc.example.gov.vn", now, List.of());
    assertThat(today.problems()).isEmpty();
    // the same chain, remembered: another host does not match, and eleven days on it has expired
    TlsPosture elsewhere = CertificateJudge.judge(trusting, h, "khac.example.gov.vn", now, List.of());
    assertThat(elsewhere.problems()).containsExactly(CertificateProblem.HOSTNAME_MISMATCH);
    TlsPosture later = CertificateJudge.judge(trusting, h, "dvc.example.gov.vn", now.plus(Duration.ofDays(11)), List.of());
    assertThat(later.problems()).containsExactly(CertificateProblem.EXPIRED);
    assertThat(later.daysLeft()).isNegative();
  }

  private static X509Certificate reparsed(X509Certificate c) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(c.getEncoded()));
  }
}
