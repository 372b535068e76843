package vn.dvcwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dvcwatch.result.Cause;
import vn.dvcwatch.result.CertificateProblem;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.result.TlsPosture;

/** Each kind of certificate a portal may serve is judged as a browser would judge it. */
class CertificatePostureTest {
  static Vertx vertx;
  static TestPki.Issued ca;
  static Path caFile;
  static Prober prober;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    LegacyTls.allowInThisJvm();
    vertx = Vertx.vertx();
    ca = TestPki.ca("dvc-watch test CA");
    caFile = ca.writeCert(dir);
    prober = new Prober(vertx, ProbeSettings.defaults().withExtraCaFiles(List.of(caFile))
        .withHosts(Map.of("portal.test", "127.0.0.1", "other.test", "127.0.0.1")));
  }

  @AfterAll
  static void stop() {
    prober.close().await();
    vertx.close().await();
  }

  static TlsPosture tlsOf(TestPki.Issued cert, Set<String> protocols) throws Exception {
    HttpServer site = TestSites.https(vertx, cert, cert.cert().getIssuerX500Principal()
        .equals(ca.cert().getSubjectX500Principal()) ? ca : null, protocols, req -> req.response().end("ok"));
    try {
      ProbeResult r = prober.probe("p", Target.HOMEPAGE, URI.create("https://portal.test:" + site.actualPort() + "/"))
          .await();
      // A certificate a browser refuses makes the page DOWN for its certificate (the default of
      // probe.certificateFailure); any other posture leaves the page UP.
      if (r.tls().browserAccepts()) {
        assertThat(r.cause()).as("probe cause").isNull();
      } else {
        assertThat(r.outcome()).isEqualTo(Outcome.DOWN);
        assertThat(r.cause()).as("probe cause").isEqualTo(Cause.CERTIFICATE);
      }
      return r.tls();
    } finally {
      site.close().await();
    }
  }

  @Test
  void expiredCertificate() throws Exception {
    TlsPosture tls = tlsOf(TestPki.leaf(ca, "portal.test", Duration.ofDays(-3)), null);
    assertThat(tls.expired()).isTrue();
    assertThat(tls.daysLeft()).isBetween(-4, -3); // -4 once a second boundary passes
    assertThat(tls.trusted()).as("chain trust is apart from expiry").isTrue();
    assertThat(tls.hostnameMatch()).isTrue();
    assertThat(tls.valid()).isFalse();
    assertThat(tls.problems()).containsExactly(CertificateProblem.EXPIRED);
  }

  @Test
  void notYetValid() throws Exception {
    Instant now = Instant.now();
    TlsPosture tls = tlsOf(TestPki.leaf(ca, "portal.test", now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(90)),
        TestPki.ec()), null);
    assertThat(tls.trusted()).as("chain trust is apart from the validity period").isTrue();
    assertThat(tls.problems()).containsExactly(CertificateProblem.NOT_YET_VALID);
    assertThat(tls.browserAccepts()).isFalse();
  }

  @Test
  void expiringSoon() throws Exception {
    TlsPosture tls = tlsOf(TestPki.leaf(ca, "portal.test", Duration.ofDays(10).plusHours(1)), null);
    assertThat(tls.valid()).isTrue();
    assertThat(tls.daysLeft()).isEqualTo(10);
    assertThat(tls.notAfter()).isAfter(Instant.now().plus(Duration.ofDays(10)));
  }

  @Test
  void certificateForAnotherHost() throws Exception {
    TlsPosture tls = tlsOf(TestPki.leaf(ca, "other.test", Duration.ofDays(90)), null);
    assertThat(tls.trusted()).isTrue();
    assertThat(tls.hostnameMatch()).isFalse();
    assertThat(tls.valid()).isFalse();
    assertThat(tls.problems()).containsExactly(CertificateProblem.HOSTNAME_MISMATCH);
  }

  @Test
  void selfSigned() throws Exception {
    TlsPosture tls = tlsOf(TestPki.leaf(null, "portal.test", Duration.ofDays(90)), null);
    assertThat(tls.trusted()).isFalse();
    assertThat(tls.hostnameMatch()).isTrue();
    assertThat(tls.problems()).containsExactly(CertificateProblem.SELF_SIGNED);
  }

  @Test
  void signedByAnUnknownCa() throws Exception {
    TestPki.Issued stranger = TestPki.ca("Unknown CA");
    TlsPosture tls = tlsOf(TestPki.leaf(stranger, "portal.test", Duration.ofDays(90)), null);
    assertThat(tls.trusted()).isFalse();
    assertThat(tls.trustError()).isNotBlank();
    assertThat(tls.problems()).containsExactly(CertificateProblem.UNTRUSTED);
  }

  @Test
  void ecKeyIsReported() throws Exception {
    Instant now = Instant.now();
    TlsPosture tls = tlsOf(TestPki.leaf(ca, "portal.test", now.minusSeconds(60), now.plus(Duration.ofDays(30)),
        TestPki.ec()), null);
    assertThat(tls.keyType()).isEqualTo("EC");
    assertThat(tls.keyBits()).isEqualTo(256);
    assertThat(tls.valid()).isTrue();
  }

  @Test
  void legacyProtocolsStillAcceptedAreFound() throws Exception {
    TlsPosture tls = tlsOf(TestPki.leaf(ca, "portal.test", Duration.ofDays(90)),
        Set.of("TLSv1", "TLSv1.1", "TLSv1.2"));
    assertThat(tls.protocol()).isEqualTo("TLSv1.2");
    assertThat(tls.legacyProtocols()).containsExactly("TLSv1", "TLSv1.1");
    assertThat(tls.forwardSecrecy()).isTrue();
  }

  @Test
  void onlyTls11StillAccepted() throws Exception {
    TlsPosture tls = tlsOf(TestPki.leaf(ca, "portal.test", Duration.ofDays(90)), Set.of("TLSv1.1", "TLSv1.2"));
    assertThat(tls.legacyProtocols()).containsExactly("TLSv1.1");
  }

  /**
   * A portal that presents a refused certificate and then never answers the request: a browser stops at the
   * certificate, so the page is DOWN for its certificate (not for the timeout behind it), and the alert that
   * follows is the certificate one. With {@code degraded} the timeout is the outage; an accepted certificate
   * (even a weak key) leaves the timeout as the cause.
   */
  @Test
  void aRefusedCertificateBeforeATimeoutIsTheCause() throws Exception {
    Instant now = Instant.now();
    Map<String, TestPki.Issued> table = new java.util.LinkedHashMap<>();
    table.put(CertificateProblem.EXPIRED, TestPki.leaf(ca, "portal.test", Duration.ofDays(-3)));
    table.put(CertificateProblem.NOT_YET_VALID, TestPki.leaf(ca, "portal.test", now.plus(Duration.ofDays(2)),
        now.plus(Duration.ofDays(90)), TestPki.ec()));
    table.put(CertificateProblem.UNTRUSTED, TestPki.leaf(TestPki.ca("Unknown CA"), "portal.test", Duration.ofDays(90)));
    table.put(CertificateProblem.SELF_SIGNED, TestPki.leaf(null, "portal.test", Duration.ofDays(90)));
    table.put(CertificateProblem.HOSTNAME_MISMATCH, TestPki.leaf(ca, "other.test", Duration.ofDays(90)));
    table.put(CertificateProblem.WEAK_KEY, TestPki.leaf(ca, "portal.test", now.minusSeconds(60),
        now.plus(Duration.ofDays(90)), TestPki.rsa(1024)));
    ProbeSettings quick = ProbeSettings.defaults().withExtraCaFiles(List.of(caFile))
        .withHosts(Map.of("portal.test", "127.0.0.1")).withDeadline(Duration.ofMillis(800));
    Prober strict = new Prober(vertx, quick);
    Prober lenient = new Prober(vertx, quick.withCertificateFailure(CertificateFailure.DEGRADED));
    try {
      for (Map.Entry<String, TestPki.Issued> e : table.entrySet()) {
        TestPki.Issued cert = e.getValue();
        boolean ourCa = cert.cert().getIssuerX500Principal().equals(ca.cert().getSubjectX500Principal());
        HttpServer silent = TestSites.https(vertx, cert, ourCa ? ca : null, null, req -> { }); // never answers
        try {
          URI url = URI.create("https://portal.test:" + silent.actualPort() + "/");
          ProbeResult r = strict.probe("p", Target.HOMEPAGE, url).await();
          ProbeResult d = lenient.probe("p", Target.HOMEPAGE, url).await();
          assertThat(r.tls().problems()).as(e.getKey()).containsExactly(e.getKey());
          assertThat(r.outcome()).as(e.getKey()).isEqualTo(Outcome.DOWN);
          assertThat(d.outcome()).as(e.getKey() + " degraded").isEqualTo(Outcome.DOWN);
          assertThat(d.cause()).as(e.getKey() + " degraded").isEqualTo(Cause.TIMEOUT);
          if (CertificateProblem.refused(e.getKey())) {
            assertThat(r.cause()).as(e.getKey()).isEqualTo(Cause.CERTIFICATE);
            assertThat(strict.lastError("p", Target.HOMEPAGE)).as(e.getKey())
                .isEqualTo(CertificateProblem.words(e.getKey()));
          } else {
            assertThat(r.cause()).as(e.getKey()).isEqualTo(Cause.TIMEOUT);
          }
        } finally {
          silent.close().await();
        }
      }
    } finally {
      strict.close().await();
      lenient.close().await();
    }
  }

  @Test
  void wildcardMatchesOneLabelOnly() {
    assertThat(CertificateJudge.dnsMatch("*.gov.vn", "dichvucong.gov.vn")).isTrue();
    assertThat(CertificateJudge.dnsMatch("*.gov.vn", "a.b.gov.vn")).isFalse();
    assertThat(CertificateJudge.dnsMatch("*.gov.vn", "gov.vn")).isFalse();
    assertThat(CertificateJudge.dnsMatch("*.vn", "gov.vn")).isFalse();
    assertThat(CertificateJudge.dnsMatch("DVC.HaNoi.gov.vn.", "dvc.hanoi.gov.vn")).isTrue();
  }
}
