package vn.dvcwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An external PostgreSQL by URL: migrated from empty, and a second start applies nothing again. */
class MigrationTest {

  private static List<String> versions(Store s) {
    return s.pool().query("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
        .execute().await().stream().map(r -> r.getString(0)).toList();
  }

  @Test
  void migratesAnEmptyDatabaseOnceWhicheverUrlFormIsUsed() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (EmbeddedPostgres external = BundledPostgres.builder().start()) {
      DbSettings base = Fixtures.settings(1000, 50);
      Store first = Fixtures.start(vertx,
          base.withUrl("postgresql://postgres:postgres@localhost:" + external.getPort() + "/postgres"),
          Fixtures.dataDir("external"));
      List<String> applied;
      try {
        applied = versions(first);
        assertThat(applied).containsExactly("1", "2", "3", "4", "50", "100", "130", "140", "141", "142", "170", "171", "175", "190", "195", "200", "350");
        assertThat(first.embedded()).isNull();
        assertThat(Fixtures.count(first, "SELECT count(*) FROM pg_partitioned_table p JOIN pg_class c"
            + " ON c.oid = p.partrelid WHERE c.relname = 'probe_result'")).isEqualTo(1);
      } finally {
        first.close().await();
      }

      Store second = Fixtures.start(vertx, base.withUrl("jdbc:postgresql://localhost:" + external.getPort()
          + "/postgres"), Fixtures.dataDir("external-again"));
      try {
        assertThat(versions(second)).isEqualTo(applied);
        assertThat(second.up()).isTrue();
      } finally {
        second.close().await();
      }
    } finally {
      vertx.close().await();
    }
  }
}
