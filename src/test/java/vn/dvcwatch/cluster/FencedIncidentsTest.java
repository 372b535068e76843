package vn.dvcwatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.status.PortalStatus;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.store.DbFailure;
import vn.dvcwatch.store.DbSettings;
import vn.dvcwatch.store.IncidentLog;
import vn.dvcwatch.store.Store;

/**
 * The store's leader writes go through the fence (a real embedded PostgreSQL): the status change, the
 * incident and, in its transaction, whatever the caller adds (the alert outbox rows) are written under the
 * current epoch and refused under an older one, before anything is written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FencedIncidentsTest {
  @TempDir static Path dir;
  private Vertx vertx;
  private Store store;
  private volatile long held;
  private final List<StaleLeaderException> refusals = new CopyOnWriteArrayList<>();
  private final Fence fence = new Fence(() -> held, refusals::add);

  @BeforeAll
  void start() throws Exception {
    vertx = Vertx.vertx();
    store = Store.start(vertx, DbSettings.embeddedDefaults(), dir, "hn").await();
  }

  @AfterAll
  void stop() {
    store.close().await();
    vertx.close().await();
  }

  @BeforeEach
  void noRefusalsYet() {
    refusals.clear();
  }

  private long epochInTheDatabase(long epoch) {
    store.pool().query("UPDATE cluster_leader SET epoch = " + epoch).execute().await();
    return epoch;
  }

  private long count(String sql) {
    return store.pool().query(sql).execute().await().iterator().next().getLong(0);
  }

  @Test
  void aWriteUnderTheCurrentEpochLandsAndOneUnderAnOlderEpochWritesNothing() {
    held = epochInTheDatabase(4);
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Incident i = new Incident("fenced:1", "fenced", at, null, "connect", Target.HOMEPAGE);
    IncidentLog leader = store.incidents().fenced(fence, fence.token());
    leader.transition("fenced", PortalStatus.UP, PortalStatus.DOWN, "connect", at).await();
    leader.open(i, tx -> tx.query("CREATE TEMP TABLE alsoInTx (x int) ON COMMIT DROP").execute().mapEmpty()).await();
    assertThat(count("SELECT count(*) FROM incident WHERE id = 'fenced:1'")).isEqualTo(1);

    // another node claims epoch 5 while this one still holds its decision of epoch 4
    IncidentLog stale = store.incidents().fenced(fence, fence.token());
    epochInTheDatabase(5);
    Incident closed = i.close(at.plusSeconds(60));
    assertThatThrownBy(() -> stale.close(closed, tx -> Future.failedFuture("never reached")).await())
        .isInstanceOf(StaleLeaderException.class)
        .satisfies(e -> assertThat(DbFailure.of(e)).as("a refusal: never retried").isEqualTo(DbFailure.REFUSED));
    assertThatThrownBy(() -> stale.transition("fenced", PortalStatus.DOWN, PortalStatus.UP, null, at.plusSeconds(60))
        .await()).isInstanceOf(StaleLeaderException.class);
    assertThat(count("SELECT count(*) FROM incident WHERE id = 'fenced:1' AND ended_at IS NULL")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM status_transition WHERE portal_id = 'fenced'")).isEqualTo(1);
    assertThat(refusals).hasSize(2);
  }

  @Test
  void aGradeIsStoredUnderTheCurrentEpochAndRefusedUnderAnOlderOne() {
    held = epochInTheDatabase(11);
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    store.grades().fenced(fence, fence.token()).record("graded", "B", 71.5, at).await();
    var stale = store.grades().fenced(fence, fence.token());
    epochInTheDatabase(12);
    assertThatThrownBy(() -> stale.record("graded", "C", 60.0, at.plusSeconds(30)).await())
        .isInstanceOf(StaleLeaderException.class);
    assertThatThrownBy(() -> store.grades().fenced(fence, new Fence.Token(0)).record("graded", "C", 60.0, at).await())
        .as("a follower").isInstanceOf(StaleLeaderException.class);
    assertThat(count("SELECT count(*) FROM grade_history WHERE portal_id = 'graded'")).isEqualTo(1);
  }

  @Test
  void theUnfencedLogOfASingleNodeWritesAsBefore() {
    epochInTheDatabase(9); // whatever the row says: a single node never reads it
    store.incidents().transition("alone", PortalStatus.UNKNOWN, PortalStatus.UP, null, Instant.now()).await();
    assertThat(count("SELECT count(*) FROM status_transition WHERE portal_id = 'alone'")).isEqualTo(1);
  }
}
