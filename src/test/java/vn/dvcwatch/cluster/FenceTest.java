package vn.dvcwatch.cluster;

import vn.dvcwatch.store.BundledPostgres;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The epoch row and the fence on a real PostgreSQL: claims, refusals and the lock that orders them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FenceTest {
  private EmbeddedPostgres pg;
  private Vertx vertx;
  private Pool pool;
  private LeaderTable table;
  private long epoch;
  private final List<StaleLeaderException> refusals = new CopyOnWriteArrayList<>();
  private final Fence fence = new Fence(() -> epoch, refusals::add);

  @BeforeAll
  void database() throws IOException {
    pg = BundledPostgres.builder().start();
    Flyway.configure().dataSource(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres")
        .locations("classpath:db/migration").load().migrate();
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4).setMaxWaitQueueSize(64))
        .connectingTo(new PgConnectOptions().setHost("localhost").setPort(pg.getPort()).setDatabase("postgres")
            .setUser("postgres").setPassword("postgres")).using(vertx).build();
    pool.query("CREATE TABLE decision (epoch bigint NOT NULL, what text NOT NULL)").execute().await();
    table = new LeaderTable(pool, Duration.ofSeconds(5), Duration.ofSeconds(15));
  }

  @AfterAll
  void stop() throws IOException {
    vertx.close().await();
    pg.close();
  }

  @BeforeEach
  void freshRow() {
    pool.query("UPDATE cluster_leader SET epoch = 0, node = NULL, pid = NULL, claimed_at = NULL, renewed_at = NULL")
        .execute().await();
    pool.query("TRUNCATE decision").execute().await();
    refusals.clear();
  }

  @Test
  void ofTwoClaimsOnTheSameEpochExactlyOneWins() {
    LeaderRow row = table.read().await();
    assertThat(row).isEqualTo(new LeaderRow(0, null, 0, false, false));
    List<Long> won = Future.all(table.claim(0, "a", 11), table.claim(0, "b", 12)).await().list();
    assertThat(won).containsExactlyInAnyOrder(1L, 0L);
    LeaderRow after = table.read().await();
    assertThat(after.epoch()).isEqualTo(1);
    assertThat(after.fresh()).isTrue();
    assertThat(table.renew(1, after.node(), after.pid()).await()).isTrue();
    assertThat(table.renew(1, after.node().equals("a") ? "b" : "a", 99).await()).as("not the holder").isFalse();
  }

  @Test
  void aReleasedRowIsNoLongerFreshButStillRecent() {
    table.claim(0, "a", 11).await();
    table.release(1, "a", 11).await();
    assertThat(table.read().await()).as("the oldest claims at once, the others still leave it to the oldest")
        .isEqualTo(new LeaderRow(1, "a", 11, false, true));
  }

  @Test
  void aWriteUnderTheCurrentEpochPassesAndAStaleOneIsRefusedBeforeItWrites() {
    epoch = table.claim(0, "a", 11).await();
    Fence.Token decided = fence.token();
    decide(decided, "first").await();

    table.claim(1, "b", 12).await(); // while "a" was paused, "b" took over
    Future<Void> late = decide(decided, "late");
    assertThatThrownBy(late::await).isInstanceOf(StaleLeaderException.class).hasMessageContaining("epoch 1")
        .hasMessageContaining("epoch 2");
    assertThat(refusals).extracting(StaleLeaderException::held, StaleLeaderException::current)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 2L));
    assertThat(pool.query("SELECT what FROM decision").execute().await()).extracting(r -> r.getString(0))
        .containsExactly("first");
  }

  @Test
  void aNodeThatIsNotLeaderWritesNothingAndAsksNothing() {
    epoch = 0;
    assertThatThrownBy(() -> decide(fence.token(), "x").await()).isInstanceOf(StaleLeaderException.class)
        .hasMessageContaining("not the leader");
    assertThat(refusals).as("no database refusal: nothing was asked").isEmpty();
  }

  @Test
  void theSingleNodeFenceAddsNoCheck() {
    // epoch row untouched (0, nobody): a single node never claims and its writes still go through
    Fence single = Fence.single();
    single.inTransaction(pool, tx -> tx.query("INSERT INTO decision VALUES (0, 'alone')").execute().mapEmpty())
        .await();
    assertThat(pool.query("SELECT count(*) FROM decision").execute().await().iterator().next().getLong(0)).isOne();
  }

  @Test
  void aClaimWaitsForTheLeaderTransactionInFlight() {
    epoch = table.claim(0, "a", 11).await();
    Promise<Void> inFlight = Promise.promise();
    Future<Void> write = fence.inTransaction(pool, tx -> tx.query("INSERT INTO decision VALUES (1, 'slow')").execute()
        .compose(x -> inFlight.future()));
    awaitEpochLocked();
    Future<Long> claim = table.claim(1, "b", 12);
    awaitClaimBlocked();
    assertThat(claim.isComplete()).as("the claim waits for the leader's transaction").isFalse();
    inFlight.complete();
    write.await();
    assertThat(claim.await()).isEqualTo(2);
    assertThat(pool.query("SELECT epoch FROM decision").execute().await()).extracting(r -> r.getLong(0))
        .containsExactly(1L);
  }

  private Future<Void> decide(Fence.Token token, String what) {
    return fence.inTransaction(pool, token, tx -> tx.preparedQuery("INSERT INTO decision VALUES ($1, $2)")
        .execute(Tuple.of(token.epoch(), what)).mapEmpty());
  }

  private void awaitEpochLocked() {
    assertThat(ClusterDrillTest.eventually(() -> count("SELECT count(*) FROM pg_locks l JOIN pg_class c"
        + " ON c.oid = l.relation WHERE c.relname = 'decision' AND l.granted") > 0, Duration.ofSeconds(10))).isTrue();
  }

  private void awaitClaimBlocked() {
    assertThat(ClusterDrillTest.eventually(() -> count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type"
        + " = 'Lock' AND query LIKE 'UPDATE cluster_leader%'") > 0, Duration.ofSeconds(10))).isTrue();
  }

  private long count(String sql) {
    return pool.query(sql).execute().await().iterator().next().getLong(0);
  }
}
