package vn.dvcwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.status.PortalStatus;

/** Incidents commit together with the caller's outbox rows, or not at all. */
class IncidentLogTest {
  private static Vertx vertx;
  private static Store store;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    store = Fixtures.start(vertx, Fixtures.settings(1000, 50), Fixtures.dataDir("incidents"));
  }

  @AfterAll
  static void stop() {
    store.close().await();
    vertx.close().await();
  }

  private static long outboxRows(String key) {
    return store.pool().preparedQuery("SELECT count(*) FROM alert_outbox WHERE alert_key = $1")
        .execute(Tuple.of(key)).await().iterator().next().getLong(0);
  }

  private static Future<Void> outbox(io.vertx.sqlclient.SqlClient c, String key) {
    return c.preparedQuery("INSERT INTO alert_outbox (alert_key, recipient, kind, subject, text_body, html_body,"
        + " message_id) VALUES ($1, 'owner@example.gov.vn', 'down', 's', 't', 'h', 'm')").execute(Tuple.of(key))
        .mapEmpty();
  }

  @Test
  void openCommitsTheIncidentWithTheOutboxRows() {
    Incident i = Fixtures.incident("inc-1", "tx", Instant.parse("2026-11-20T01:00:00Z"), null);
    store.incidents().open(i, c -> outbox(c, "down:inc-1")).await();
    assertThat(store.incidents().forPortal("tx", 10).await()).containsExactly(i);
    assertThat(outboxRows("down:inc-1")).isEqualTo(1);
    // replaying the opening after a crash changes nothing
    store.incidents().open(i, c -> Future.succeededFuture()).await();
    assertThat(store.incidents().forPortal("tx", 10).await()).containsExactly(i);
  }

  @Test
  void aFailingOutboxWriteRollsTheIncidentBack() {
    Incident i = Fixtures.incident("inc-2", "rollback", Instant.parse("2026-11-20T02:00:00Z"), null);
    assertThatThrownBy(() -> store.incidents().open(i, c -> outbox(c, "down:inc-2")
        .compose(x -> Future.failedFuture(new IllegalStateException("template broke")))).await())
        .hasMessageContaining("template broke");
    assertThat(store.incidents().forPortal("rollback", 10).await()).isEmpty();
    assertThat(outboxRows("down:inc-2")).isZero();

    // and a failing SQL statement inside alsoInTx too
    assertThatThrownBy(() -> store.incidents().open(i, c -> c.query("INSERT INTO no_such_table VALUES (1)")
        .execute().mapEmpty()).await());
    assertThat(store.incidents().forPortal("rollback", 10).await()).isEmpty();
  }

  @Test
  void closeEndsTheIncidentAndWorksEvenIfTheOpeningWasLost() {
    Instant s = Instant.parse("2026-11-21T03:00:00Z");
    Incident open = Fixtures.incident("inc-3", "closing", s, null);
    store.incidents().open(open, null).await();
    Incident closed = open.close(s.plusSeconds(600));
    store.incidents().close(closed, c -> outbox(c, "up:inc-3")).await();
    assertThat(store.incidents().forPortal("closing", 10).await()).containsExactly(closed);
    assertThat(store.incidents().openIncidents().await()).extracting(Incident::id).doesNotContain("inc-3");

    Incident neverOpened = Fixtures.incident("inc-4", "closing", s.plusSeconds(3600), s.plusSeconds(4200));
    store.incidents().close(neverOpened, null).await();
    assertThat(store.incidents().forPortal("closing", 10).await()).containsExactly(neverOpened, closed);
  }

  @Test
  void lastStatusIsTheNewestTransition() {
    Instant t = Instant.parse("2026-11-22T00:00:00Z");
    store.incidents().transition("st", PortalStatus.UNKNOWN, PortalStatus.UP, null, t).await();
    store.incidents().transition("st", PortalStatus.UP, PortalStatus.DOWN, "connect", t.plusSeconds(60)).await();
    store.incidents().transition("st2", PortalStatus.UNKNOWN, PortalStatus.DEGRADED, "slow", t).await();
    assertThat(store.incidents().lastStatuses().await())
        .containsEntry("st", PortalStatus.DOWN).containsEntry("st2", PortalStatus.DEGRADED);
  }
}
