package vn.dvcwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.Cause;
import vn.dvcwatch.result.CertificateProblem;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.testkit.Poll;

/**
 * The warm-up pass (docs/PROBING.md, "The warm-up pass"): complete probes of a loopback page before the first real
 * one, trusted for the pass only, bounded, never failing, leaving nothing behind.
 */
class WarmUpPassTest {
  private Vertx vertx;
  private Prober prober;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    prober = new Prober(vertx, ProbeSettings.defaults());
  }

  @AfterEach
  void stop() throws Exception {
    prober.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void everyProbeOfThePassRunsTheWholePathAndIsUp() throws Exception {
    AtomicReference<WarmUpSite> site = new AtomicReference<>();
    WarmUp.Pass pass = prober.warmUp(Duration.ofSeconds(60), 8, WarmUpSite.start(vertx).onSuccess(site::set))
        .await(90, TimeUnit.SECONDS);
    // UP means: connected, handshaken, answered 200, body decoded, certificate trusted (the pass's CA) for
    // localhost, page and headers read. A refused certificate would make it DOWN (certificate).
    assertThat(pass.probes()).isEqualTo(8);
    assertThat(pass.up()).as(pass.describe()).isEqualTo(8);
    assertThat(pass.note()).isNull();
    assertThat(pass.took()).isLessThan(Duration.ofSeconds(60));
    assertThat(pass.describe()).startsWith("8 probes of a loopback page, 8 UP, in ");
    // Nothing of it stays: no last error for its pages, the server closed, the caches forget the page.
    assertThat(prober.lastError(WarmUp.PASS_PORTAL, Target.HOMEPAGE)).isNull();
    assertThat(prober.lastError(WarmUp.PASS_PORTAL, Target.EFORM)).isNull();
    URI page = site.get().page(0);
    Poll.await("the pass's page forgotten", () -> !prober.remembers(page), Duration.ofSeconds(30));
    ProbeResult after = prober.probe("p", Target.HOMEPAGE, page).await(30, TimeUnit.SECONDS);
    assertThat(after.outcome()).as("the page is gone with the pass").isEqualTo(Outcome.DOWN);
    assertThat(after.cause()).isEqualTo(Cause.CONNECT);
  }

  @Test
  void theFleetsTrustNeverLearnsThePassesCa() throws Exception {
    WarmUpSite site = WarmUpSite.start(vertx).await(60, TimeUnit.SECONDS);
    try {
      ProbeResult r = prober.probe("p", Target.HOMEPAGE, site.page(1)).await(60, TimeUnit.SECONDS);
      assertThat(r.outcome()).isEqualTo(Outcome.DOWN);
      assertThat(r.cause()).isEqualTo(Cause.CERTIFICATE);
      assertThat(r.tls().problems()).contains(CertificateProblem.UNTRUSTED);
      assertThat(r.tls().hostnameMatch()).isTrue();
    } finally {
      site.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aPassWhoseChainTrustIsExtendedLeavesTheOriginalAsItWas() throws Exception {
    TestPki.Issued ca = TestPki.ca("Throwaway");
    TestPki.Issued leaf = TestPki.leaf(ca, "localhost", Duration.ofDays(1));
    ChainTrust fleet = new ChainTrust(List.of());
    java.security.cert.X509Certificate[] chain = {leaf.cert()};
    assertThat(fleet.with(ca.cert()).trust(chain)).as("trusted for the pass").isNull();
    assertThat(fleet.trust(chain)).as("never for the fleet").isNotNull();
  }

  @Test
  void aPageThatCannotStartEndsThePassAtOnceAndSaysWhy() throws Exception {
    WarmUp.Pass pass = prober.warmUp(Duration.ofSeconds(30), 8,
        Future.failedFuture(new IOException("no loopback here"))).await(10, TimeUnit.SECONDS);
    assertThat(pass.probes()).isZero();
    assertThat(pass.up()).isZero();
    assertThat(pass.note()).startsWith("failed: ").contains("no loopback here");
    assertThat(pass.took()).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aPassTurnedOffProbesNothingAndClosesItsPage() throws Exception {
    WarmUpSite site = WarmUpSite.start(vertx).await(60, TimeUnit.SECONDS);
    WarmUp.Pass pass = prober.warmUp(Duration.ofSeconds(30), 0, Future.succeededFuture(site))
        .await(10, TimeUnit.SECONDS);
    assertThat(pass.probes()).isZero();
    assertThat(pass.note()).isEqualTo("off");
    Poll.await("the unused page closed", () -> Cause.CONNECT.equals(
        prober.probe("p", Target.HOMEPAGE, site.page(0)).await(30, TimeUnit.SECONDS).cause()), Duration.ofSeconds(30));
  }

  @Test
  void aPassNeverOutlastsItsBound() throws Exception {
    Promise<WarmUpSite> never = Promise.promise();
    long t0 = System.nanoTime();
    WarmUp.Pass pass = prober.warmUp(Duration.ofMillis(300), 8, never.future()).await(10, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(pass.probes()).isZero();
    assertThat(pass.note()).isEqualTo("stopped at its bound of 300 ms");
  }

  @Test
  void aPageReadyAfterTheBoundIsClosedUnprobed() throws Exception {
    Promise<WarmUpSite> late = Promise.promise();
    WarmUp.Pass pass = prober.warmUp(Duration.ofMillis(200), 8, late.future()).await(10, TimeUnit.SECONDS);
    assertThat(pass.note()).startsWith("stopped at its bound");
    WarmUpSite site = WarmUpSite.start(vertx).await(60, TimeUnit.SECONDS);
    late.complete(site);
    URI page = site.page(0);
    Poll.await("the late page closed", () -> Cause.CONNECT.equals(
        prober.probe("p", Target.HOMEPAGE, page).await(30, TimeUnit.SECONDS).cause()), Duration.ofSeconds(30));
    assertThat(pass.probes()).isZero();
  }
}
