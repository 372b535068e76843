package vn.dvcwatch.alert;

import vn.dvcwatch.store.BundledPostgres;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.flywaydb.core.Flyway;

/** One real embedded PostgreSQL for the alert tests of this JVM, migrated with the project's migrations. */
final class TestDatabase {
  private static EmbeddedPostgres pg;

  private TestDatabase() {}

  static synchronized EmbeddedPostgres get() {
    if (pg == null) {
      try {
        pg = BundledPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Flyway.configure().dataSource(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres")
          .locations("classpath:db/migration").load().migrate();
      EmbeddedPostgres started = pg;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException e) {
          // the JVM is exiting; the temporary data directory is removed by the OS eventually
        }
      }));
    }
    return pg;
  }

  static Pool pool(Vertx vertx) {
    PgConnectOptions connect = new PgConnectOptions().setHost("localhost").setPort(get().getPort())
        .setDatabase("postgres").setUser("postgres").setPassword("postgres");
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(4).setMaxWaitQueueSize(100))
        .connectingTo(connect).using(vertx).build();
  }

  static void truncate(Pool pool) {
    pool.query("TRUNCATE alert_outbox RESTART IDENTITY").execute().await();
  }
}
