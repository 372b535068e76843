package vn.dvcwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The session settings every store connection carries. The behaviour they exist for (a cluster leader frozen
 * inside a fenced transaction does not keep the next leader from claiming) is drilled in ClusterDrillTest.
 */
class StoreSessionTest {
  private static Vertx vertx;
  private static Store store;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    store = Fixtures.start(vertx, Fixtures.settings(1_000, 100), Fixtures.dataDir("session"));
  }

  @AfterAll
  static void stop() {
    store.close().await();
    vertx.close().await();
  }

  @Test
  void aSessionIdleInATransactionForTheLeaseIsEndedByPostgres() {
    Row row = store.pool().query("SELECT current_setting('idle_in_transaction_session_timeout') AS t").execute()
        .await().iterator().next();
    assertThat(row.getString("t")).isEqualTo("5s");
    assertThat(DbEndpoint.IDLE_IN_TRANSACTION_MS).isEqualTo(5_000);
  }

  @Test
  void aTransactionIdleLongerThanThatIsRolledBackAndItsConnectionClosed() {
    Throwable failed = store.pool().withTransaction(tx -> tx.query("SELECT 1").execute()
            .compose(x -> vertx.timer(DbEndpoint.IDLE_IN_TRANSACTION_MS + 1_500))
            .compose(x -> tx.query("SELECT 2").execute()))
        .map(x -> (Throwable) null).otherwise(e -> e).await();
    assertThat(failed).as("the statement after the idle spell").isNotNull();
    assertThat(store.pool().query("SELECT 3").execute().await().iterator().next().getInteger(0))
        .as("the pool goes on with a new connection").isEqualTo(3);
  }
}
