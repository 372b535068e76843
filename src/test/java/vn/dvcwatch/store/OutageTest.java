package vn.dvcwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.status.PortalStatus;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.testkit.Poll;

/**
 * R2: PostgreSQL stopped mid-run. Appends never wait, readiness reports the outage, nothing within the bound
 * is lost, and incident, status and grade writes fail meanwhile in a way callers know to retry.
 */
class OutageTest {
  private static final int CAPACITY = 300;

  @Test
  void resultsBufferedDuringAnOutageAreWrittenWhenTheDatabaseReturns() {
    Vertx vertx = Vertx.vertx();
    Store store = Fixtures.start(vertx, Fixtures.settings(CAPACITY, 50), Fixtures.dataDir("outage"));
    try {
      ProbeLog log = store.probes();
      Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(20));
      for (int i = 0; i < 100; i++) {
        log.append(Fixtures.up("before", Target.HOMEPAGE, t0.plusMillis(i * 10L), 90, 700));
      }
      log.flush().await();
      assertThat(store.up()).isTrue();

      store.embedded().stop();
      assertThat(Poll.until(() -> !store.up(), Duration.ofSeconds(10))).as("readiness sees the outage").isTrue();
      // 50 more than the bound can hold: the 50 oldest of the outage are dropped, and counted
      for (int i = 0; i < 350; i++) {
        log.append(Fixtures.up("during", Target.HOMEPAGE, t0.plusSeconds(60).plusMillis(i * 10L), 90, 700));
      }
      assertThat(log.bufferDepth()).isEqualTo(CAPACITY);
      assertThat(log.overflowed()).isEqualTo(50);
      // an incident, a status change and a grade decided during the outage fail as "unavailable" (never as a
      // PgException, which callers take for a refused row and skip), so that the caller retries them
      Incident outage = Fixtures.incident("during-1", "during", t0.plusSeconds(60), null);
      List<Supplier<Future<Void>>> writes = List.of(
          () -> store.incidents().open(outage, c -> Future.succeededFuture()),
          () -> store.incidents().transition("during", PortalStatus.UP, PortalStatus.DOWN, "connect", t0.plusSeconds(90)),
          () -> store.grades().record("during", "D", 55.0, t0.plusSeconds(90)));
      for (Supplier<Future<Void>> w : writes) {
        assertThatThrownBy(() -> w.get().await()).isInstanceOf(DatabaseUnavailableException.class);
      }

      store.embedded().startAgain();
      assertThat(Poll.until(() -> store.up() && log.bufferDepth() == 0, Duration.ofSeconds(20)))
          .as("buffer drained after the database returned").isTrue();

      List<ProbeResult> during = log.history("during", t0, t0.plus(Duration.ofHours(1)), 1000).await();
      assertThat(during).hasSize(CAPACITY);
      assertThat(during.get(0).startedAt()).isEqualTo(t0.plusSeconds(60).plusMillis(50 * 10L));
      assertThat(log.history("before", t0, t0.plus(Duration.ofHours(1)), 1000).await()).hasSize(100);
      assertThat(log.overflowed()).isEqualTo(50);
      for (Supplier<Future<Void>> w : writes) {
        w.get().await();
      }
      assertThat(store.incidents().openIncidents().await()).containsExactly(outage);
      assertThat(store.incidents().lastStatuses().await()).containsEntry("during", PortalStatus.DOWN);
      assertThat(store.grades().latest().await()).containsEntry("during", "D");
    } finally {
      store.close().await();
      vertx.close().await();
    }
  }
}
