package vn.dvcwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dvcwatch.grade.Criterion;
import vn.dvcwatch.grade.Measurements;
import vn.dvcwatch.grade.Scorecard;
import vn.dvcwatch.grade.Scorer;
import vn.dvcwatch.grade.ScoringModel;
import vn.dvcwatch.result.Cause;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.status.PortalStatus;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.status.StatusEvent;
import vn.dvcwatch.status.StatusTracker;
import vn.dvcwatch.result.Target;

/**
 * "Slow" means the same on the board as in the score: a page that answers after 3 s is DEGRADED
 * {@code slow} once confirmed, and gets no TTFB points; a single slow probe changes no status.
 */
class SlowVerdictTest {
  static Vertx vertx;
  static HttpServer site;
  static Prober prober;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    vertx = Vertx.vertx();
    TestPki.Issued ca = TestPki.ca("dvc-watch test CA");
    Path caFile = ca.writeCert(dir);
    site = TestSites.https(vertx, TestPki.leaf(ca, "portal.test", Duration.ofDays(90)), ca, null,
        req -> vertx.setTimer(3000, t -> req.response().putHeader("Content-Type", "text/html; charset=utf-8")
            .end(TestSites.PAGE)));
    prober = new Prober(vertx, ProbeSettings.defaults().withExtraCaFiles(List.of(caFile))
        .withHosts(Map.of("portal.test", "127.0.0.1")));
  }

  @AfterAll
  static void stop() {
    prober.close().await();
    vertx.close().await();
  }

  @Test
  void aThreeSecondPageIsSlowOnTheStatusAndInTheScoreAlike() {
    URI url = URI.create("https://portal.test:" + site.actualPort() + "/");
    List<Future<ProbeResult>> probes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      probes.add(prober.probe("p", Target.HOMEPAGE, url));
    }
    Future.all(probes).await();
    StatusTracker tracker = new StatusTracker(3, 2, 0.5, Clock.systemUTC());
    List<StatusEvent> events = new ArrayList<>();
    for (int i = 0; i < probes.size(); i++) {
      ProbeResult r = probes.get(i).result();
      assertThat(r.outcome()).as("probe " + i).isEqualTo(Outcome.DEGRADED);
      assertThat(r.cause()).isEqualTo(Cause.SLOW);
      assertThat(r.phases().ttfb()).isGreaterThanOrEqualTo(3000.0);
      events.addAll(tracker.record(r));
      if (i < 2) {
        assertThat(tracker.status("p")).as("one slow probe is no status").isNotEqualTo(PortalStatus.DEGRADED);
      }
    }
    assertThat(tracker.status("p")).isEqualTo(PortalStatus.DEGRADED);
    assertThat(events).filteredOn(StatusEvent.StatusChanged.class::isInstance)
        .extracting(e -> ((StatusEvent.StatusChanged) e).cause()).containsExactly(Cause.SLOW);

    Scorecard card = new Scorer(ScoringModel.defaults()).score(Measurements.ofProbes(probes.get(2).result(), null));
    Criterion ttfb = card.breakdown().stream().filter(c -> c.id().equals("performance.home.ttfb")).findFirst().orElseThrow();
    assertThat(ttfb.points()).as("the score's zero line is where slow begins").isZero();
  }
}
