package vn.dvcwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prober against real HTTPS servers on loopback: phases, timings and the posture it reports. */
class ProberTest {
  static Vertx vertx;
  static TestPki.Issued ca;
  static Path caFile;
  static HttpServer site;
  static Prober prober;
  /** How long the server really held the answer: its timer may fire late on a loaded machine. */
  static final java.util.concurrent.atomic.AtomicLong serverDelayNanos = new java.util.concurrent.atomic.AtomicLong();

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    LegacyTls.allowInThisJvm();
    vertx = Vertx.vertx();
    ca = TestPki.ca("dvc-watch test CA");
    caFile = ca.writeCert(dir);
    TestPki.Issued cert = TestPki.leaf(ca, "portal.test", Duration.ofDays(90));
    site = TestSites.https(vertx, cert, ca, null, req -> {
      String delay = req.getParam("delay");
      Runnable answer = () -> req.response().putHeader("Content-Type", "text/html; charset=utf-8")
          .putHeader("Strict-Transport-Security", "max-age=31536000")
          .putHeader("X-Content-Type-Options", "nosniff")
          .end(TestSites.PAGE);
      if (delay == null) {
        answer.run();
      } else {
        long received = System.nanoTime();
        vertx.setTimer(Long.parseLong(delay), t -> {
          serverDelayNanos.set(System.nanoTime() - received);
          answer.run();
        });
      }
    });
    prober = new Prober(vertx, settings(List.of(caFile)));
  }

  static ProbeSettings settings(List<Path> cas) {
    return ProbeSettings.defaults().withExtraCaFiles(cas).withHosts(Map.of("portal.test", "127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  static URI url(String path) {
    return URI.create("https://portal.test:" + site.actualPort() + path);
  }

  @Test
  void phasesAreAllMeasuredAndAddUp() {
    ProbeResult r = prober.probe("ha-noi", Target.HOMEPAGE, url("/")).await();
    assertThat(r.outcome()).isEqualTo(Outcome.UP);
    assertThat(r.cause()).isNull();
    assertThat(r.status()).isEqualTo(200);
    Phases p = r.phases();
    assertThat(List.of(p.dns(), p.connect(), p.tls(), p.ttfb(), p.transfer(), p.total())).doesNotContainNull()
        .allSatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(0.0));
    assertThat(p.dns() + p.connect() + p.tls() + p.ttfb() + p.transfer()).isLessThanOrEqualTo(p.total());
    assertThat(r.bytes()).isEqualTo(TestSites.PAGE.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
  }

  @Test
  void ttfbIsTheServersDelay() {
    for (int delay : new int[] {50, 200, 800}) {
      ProbeResult r = prober.probe("ha-noi", Target.HOMEPAGE, url("/?delay=" + delay)).await();
      double held = serverDelayNanos.get() / 1e6;
      assertThat(held).isGreaterThanOrEqualTo(delay - 1.0);
      // The measurement error: what the probe saw beyond what the server really waited (same JVM clock).
      // Never negative; the upper bound allows for thread wake-ups on a shared 2-core machine (bench/ measures
      // the real p99 error, P2).
      assertThat(r.phases().ttfb() - held).as("ttfb %.3f for a server delay of %.3f ms", r.phases().ttfb(), held)
          .isBetween(0.0, 25.0);
    }
  }

  @Test
  void trustedCertificateIsJudgedValid() {
    TlsPosture tls = prober.probe("ha-noi", Target.HOMEPAGE, url("/")).await().tls();
    assertThat(tls.trusted()).as(tls.trustError()).isTrue();
    assertThat(tls.hostnameMatch()).isTrue();
    assertThat(tls.daysLeft()).isBetween(88, 90);
    assertThat(tls.protocol()).isEqualTo("TLSv1.3");
    assertThat(tls.forwardSecrecy()).isTrue();
    assertThat(tls.keyType()).isEqualTo("RSA");
    assertThat(tls.keyBits()).isEqualTo(2048);
    assertThat(tls.signatureAlgorithm()).isEqualTo("SHA256withRSA");
    assertThat(tls.legacyProtocols()).isEmpty();
  }

  @Test
  void withoutTheExtraCaTheSameSiteIsUntrustedButStillUp() {
    Prober plain = new Prober(vertx, settings(List.of()));
    ProbeResult r = plain.probe("ha-noi", Target.HOMEPAGE, url("/")).await();
    assertThat(r.outcome()).isEqualTo(Outcome.UP);
    assertThat(r.tls().trusted()).isFalse();
    assertThat(r.tls().trustError()).isNotBlank();
    assertThat(r.tls().valid()).isFalse();
  }

  @Test
  void headersAndPageAreInspected() {
    ProbeResult r = prober.probe("ha-noi", Target.HOMEPAGE, url("/")).await();
    assertThat(r.headers().hsts()).isTrue();
    assertThat(r.headers().xContentTypeOptions()).isTrue();
    assertThat(r.headers().csp()).isFalse();
    assertThat(r.page()).isEqualTo(new PagePosture(true, true, true, false, 0, 0, 0, false, true));
  }

  @Test
  void httpThatRedirectsToHttpsCountsAsAnHttpsRedirect() {
    HttpServer plain = TestSites.http(vertx, req -> req.response().setStatusCode(301)
        .putHeader("Location", url("/").toString()).end());
    try {
      URI start = URI.create("http://portal.test:" + plain.actualPort() + "/");
      ProbeResult r = prober.probe("ha-noi", Target.HOMEPAGE, start).await();
      assertThat(r.outcome()).isEqualTo(Outcome.UP);
      assertThat(r.redirects()).isEqualTo(1);
      assertThat(r.url()).isEqualTo(url("/").toString());
      assertThat(r.headers().httpsRedirect()).isTrue();
      assertThat(r.phases().tls()).as("phases of the final, https hop").isNotNull();
    } finally {
      plain.close().await();
    }
  }

  @Test
  void plainHttpSiteHasNoHttpsRedirectAndNoTls() {
    HttpServer plain = TestSites.http(vertx, req -> req.response().putHeader("Content-Type", "text/html")
        .putHeader("Strict-Transport-Security", "max-age=31536000").end(TestSites.PAGE));
    try {
      ProbeResult r = prober.probe("ha-noi", Target.HOMEPAGE,
          URI.create("http://portal.test:" + plain.actualPort() + "/")).await();
      assertThat(r.outcome()).isEqualTo(Outcome.UP);
      assertThat(r.tls()).isNull();
      assertThat(r.phases().tls()).isNull();
      assertThat(r.headers().httpsRedirect()).isFalse();
      assertThat(r.headers().hsts()).as("HSTS over plain HTTP means nothing").isFalse();
      assertThat(FixHints.of(r)).anyMatch(h -> h.startsWith("Trang không dùng HTTPS"));
    } finally {
      plain.close().await();
    }
  }
}
