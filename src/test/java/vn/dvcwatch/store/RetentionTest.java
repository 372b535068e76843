package vn.dvcwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.Target;

/** Partitions are created ahead and on demand; retention drops whole old partitions and old rollups. */
class RetentionTest {

  private static List<String> partitions(Store store) {
    return store.pool().query("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
        + " WHERE i.inhparent = 'probe_result'::regclass ORDER BY 1").execute().await().stream()
        .map(r -> r.getString(0)).toList();
  }

  @Test
  void partitionsAheadAndRetentionDropping() {
    Vertx vertx = Vertx.vertx();
    DbSettings s = new DbSettings("", "postgres", "postgres", 4, 1000, 100, Duration.ofMillis(200),
        Duration.ofDays(3), Duration.ofDays(5));
    Store store = Fixtures.start(vertx, s, Fixtures.dataDir("retention"));
    try {
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
      assertThat(partitions(store)).contains(Partitions.name(today.minusDays(1)), Partitions.name(today),
          Partitions.name(today.plusDays(Housekeeping.DAYS_AHEAD)));

      ProbeLog log = store.probes();
      Instant twoDaysAgo = now.minus(Duration.ofDays(2));
      log.append(Fixtures.up("ret", Target.HOMEPAGE, twoDaysAgo, 100, 900));   // a day created on demand
      log.append(Fixtures.up("ret", Target.HOMEPAGE, now.minus(Duration.ofDays(4)), 100, 900)); // past retention
      log.append(Fixtures.up("ret", Target.HOMEPAGE, now.minusSeconds(5), 100, 900));
      log.flush().await();
      assertThat(log.written()).isEqualTo(2);
      assertThat(log.expired()).isEqualTo(1);
      assertThat(partitions(store)).contains(Partitions.name(Partitions.day(twoDaysAgo)))
          .doesNotContain(Partitions.name(Partitions.day(now.minus(Duration.ofDays(4)))));
      store.housekeep(now).await();
      assertThat(Fixtures.count(store, "SELECT count(*) FROM probe_hourly WHERE portal_id = 'ret'")).isEqualTo(2);

      // two days later the partition of two days ago is past the 3-day raw retention; its rollup is not
      Instant later = now.plus(Duration.ofDays(2));
      store.housekeep(later).await();
      assertThat(partitions(store)).doesNotContain(Partitions.name(Partitions.day(twoDaysAgo)))
          .contains(Partitions.name(Partitions.day(later).plusDays(Housekeeping.DAYS_AHEAD)));
      assertThat(log.history("ret", now.minus(Duration.ofDays(5)), now.plusSeconds(1), 10).await())
          .hasSize(1);
      assertThat(Fixtures.count(store, "SELECT count(*) FROM probe_hourly WHERE portal_id = 'ret'")).isEqualTo(2);

      // and four days after that, the rollups are past their 5-day retention too
      store.housekeep(later.plus(Duration.ofDays(4))).await();
      assertThat(Fixtures.count(store, "SELECT count(*) FROM probe_hourly WHERE portal_id = 'ret'")).isEqualTo(0);
      assertThat(Fixtures.count(store, "SELECT count(*) FROM probe_posture")).isZero();
    } finally {
      store.close().await();
      vertx.close().await();
    }
  }
}
