package vn.dvcwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.alert.AlertService;
import vn.dvcwatch.alert.AlertSettings;
import vn.dvcwatch.alert.MaintenanceCalendar;
import vn.dvcwatch.grade.FleetEvaluator;
import vn.dvcwatch.grade.ScoringModel;
import vn.dvcwatch.metrics.DvcMetrics;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.Phases;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.status.StatusTracker;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.registry.PortalKind;
import vn.dvcwatch.store.DbSettings;
import vn.dvcwatch.store.Store;
import vn.dvcwatch.testkit.Poll;
import vn.dvcwatch.testkit.StoppablePostgres;
import vn.dvcwatch.web.EventHub;

/**
 * The pipeline's decisions against a real PostgreSQL that goes away and comes back: a flapping notice or a
 * watchdog-network alert decided while the database is unreachable is written when it returns, not lost.
 */
class ProbePipelineTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static StoppablePostgres pg;
  private static Vertx vertx;
  private static Store store;
  private Context owner;
  private RetryQueue writes;
  private ProbePipeline pipeline;
  private Instant clock = Instant.parse("2026-11-24T07:05:00Z");

  @BeforeAll
  static void database() throws Exception {
    pg = StoppablePostgres.start();
    vertx = Vertx.vertx();
    store = Store.start(vertx, DbSettings.embeddedDefaults().withUrl(pg.url()), Files.createTempDirectory("dvc-pipe"))
        .await();
  }

  @AfterAll
  static void closeDatabase() {
    if (store != null) {
      store.close().await();
    }
    vertx.close().await();
    pg.close();
  }

  @BeforeEach
  void freshOutbox() {
    store.pool().query("TRUNCATE alert_outbox, status_transition RESTART IDENTITY").execute().await();
    owner = vertx.getOrCreateContext();
  }

  private void pipeline(List<Portal> fleet, int confirmDown) {
    AlertSettings alerting = AlertSettings.defaults()
        .withSmtp(new AlertSettings.Smtp("127.0.0.1", 1, AlertSettings.StartTls.NONE, false, null, null,
            "dvc-watch <canhbao@dvc-watch.test>"))
        .withRouting("giamsat@cds.gov.vn", Set.of(), Set.of(), 20);
    // the outbox is written whether or not the sender runs; no SMTP server is needed to see what was decided
    AlertService alerts = new AlertService(store.pool(), alerting, MaintenanceCalendar.NONE, Clock.systemUTC());
    StatusTracker tracker = new StatusTracker(confirmDown, 1, 0.8, Clock.systemUTC());
    EventHub hub = new EventHub(vertx, JsonObject::new, 100, 10, 100);
    writes = new RetryQueue(vertx, Duration.ofMillis(50));
    pipeline = new ProbePipeline(new DvcMetrics(), store, new FleetEvaluator(ScoringModel.defaults(),
        Duration.ofSeconds(30)), tracker, alerts, hub, writes, false);
    pipeline.fleet(fleet);
  }

  private static Portal portal(String id) {
    return new Portal(id, "Tỉnh " + id, PortalKind.PROVINCE, URI.create("https://" + id + ".gov.vn/"),
        URI.create("https://" + id + ".gov.vn/eform"), "UBND " + id, List.of("cntt@" + id + ".gov.vn"), 0.995, null,
        null, true);
  }

  /** Feeds one homepage result on the pipeline's own context, as the scheduler does. */
  private void probe(String portalId, boolean up) {
    clock = clock.plusSeconds(1);
    ProbeResult r = up
        ? new ProbeResult(portalId, Target.HOMEPAGE, "https://" + portalId + ".gov.vn/", clock, Outcome.UP, null, 200,
            new Phases(1.0, 2.0, 10.0, 90.0, 4.0, 700.0), 1, 40_000L, null, null, null)
        : new ProbeResult(portalId, Target.HOMEPAGE, "https://" + portalId + ".gov.vn/", clock, Outcome.DOWN,
            "connect", null, new Phases(1.0, null, null, null, null, 5000.0), 0, 0L, null, null, null);
    Promise<Void> done = Promise.promise();
    owner.runOnContext(v -> {
      pipeline.accept(r);
      done.complete();
    });
    done.future().await();
  }

  /** Stops the database, runs what decides, and starts the database again once a write has failed for it. */
  private void whileTheDatabaseIsAway(Runnable decide) {
    long failedBefore = writes.failedAttempts();
    pg.stop();
    decide.run();
    Poll.await("a write failed while the database was away", () -> writes.failedAttempts() > failedBefore, WAIT);
    pg.startAgain();
    Poll.await("every queued write stored", () -> writes.depth() == 0, WAIT);
  }

  private void awaitStored() {
    Poll.await("every queued write stored", () -> writes.depth() == 0, WAIT);
  }

  private long outboxKeys(String like) {
    return store.pool().preparedQuery("SELECT count(DISTINCT alert_key) FROM alert_outbox WHERE alert_key LIKE $1")
        .execute(io.vertx.sqlclient.Tuple.of(like)).await().iterator().next().getLong(0);
  }

  @Test
  void aFlappingNoticeDecidedWhileTheDatabaseIsAwayIsWrittenWhenItReturns() {
    pipeline(List.of(portal("ha-noi")), 100); // no confirmed outage: only the flap detector speaks
    for (int k = 0; k < 8; k++) {
      probe("ha-noi", k % 2 == 0);
    }
    awaitStored();
    assertThat(outboxKeys("flapping:%")).as("not flapping yet").isZero();

    whileTheDatabaseIsAway(() -> {
      for (int k = 8; k < 21; k++) {
        probe("ha-noi", k % 2 == 0);
      }
    });

    assertThat(outboxKeys("flapping:ha-noi:%")).as("the flapping notice survived the outage").isEqualTo(1);
  }

  @Test
  void aWatchdogNetworkAlertDecidedWhileTheDatabaseIsAwayIsWrittenWhenItReturns() {
    List<Portal> fleet = new ArrayList<>();
    for (int k = 1; k <= 5; k++) {
      fleet.add(portal("p" + k));
    }
    pipeline(fleet, 100);
    fleet.forEach(p -> probe(p.id(), true));
    // one whole episode with the database up: the network edge has read its state from the outbox
    fleet.subList(0, 4).forEach(p -> probe(p.id(), false));
    fleet.forEach(p -> probe(p.id(), true));
    awaitStored();
    assertThat(outboxKeys("network:%")).isEqualTo(1);
    assertThat(outboxKeys("network-ok:%")).isEqualTo(1);

    whileTheDatabaseIsAway(() -> fleet.subList(0, 4).forEach(p -> probe(p.id(), false)));

    assertThat(outboxKeys("network:%")).as("the second network alert survived the outage").isEqualTo(2);
  }
}
