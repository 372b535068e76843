package vn.dvcwatch.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import vn.dvcwatch.registry.Vietnam;

/**
 * Hourly and daily rollups of {@code probe_result}. Each run recomputes, from the raw rows, every hour
 * (day) at or after the earliest result written since the last run, and upserts it: idempotent, so a
 * run repeated after a crash or a late batch from the outage buffer gives the same rows. Warm-up results
 * count in {@code probes} and {@code up} (availability) but not in the timing figures.
 */
final class Rollups {
  static final ZoneId VIETNAM = Vietnam.ZONE;

  private static final String AGGREGATES = """
      count(*), count(*) FILTER (WHERE outcome <> 'DOWN'),
      percentile_cont(0.75) WITHIN GROUP (ORDER BY ttfb_ms) FILTER (WHERE outcome <> 'DOWN' AND NOT warmup),
      percentile_cont(0.75) WITHIN GROUP (ORDER BY total_ms) FILTER (WHERE outcome <> 'DOWN' AND NOT warmup),
      count(*) FILTER (WHERE ttfb_ms <= 200 AND total_ms <= 2500 AND NOT warmup)""";

  private static final String UPDATE = " DO UPDATE SET probes = EXCLUDED.probes, up = EXCLUDED.up,"
      + " ttfb_p75_ms = EXCLUDED.ttfb_p75_ms, total_p75_ms = EXCLUDED.total_p75_ms, within_a = EXCLUDED.within_a";

  private static final String HOURLY = "INSERT INTO probe_hourly (portal_id, target, hour, probes, up, ttfb_p75_ms,"
      + " total_p75_ms, within_a) SELECT portal_id, target, date_trunc('hour', started_at, 'UTC') AS h, " + AGGREGATES
      + " FROM probe_result WHERE started_at >= $1 AND started_at < $2 GROUP BY portal_id, target, h"
      + " ON CONFLICT (portal_id, target, hour)" + UPDATE;

  private static final String DAILY = "INSERT INTO probe_daily (portal_id, target, day, probes, up, ttfb_p75_ms,"
      + " total_p75_ms, within_a) SELECT portal_id, target,"
      + " (started_at AT TIME ZONE '" + VIETNAM.getId() + "')::date AS d, "
      + AGGREGATES + " FROM probe_result WHERE started_at >= $1 AND started_at < $2 GROUP BY portal_id, target, d"
      + " ON CONFLICT (portal_id, target, day)" + UPDATE;

  private final Pool pool;

  Rollups(Pool pool) {
    this.pool = pool;
  }

  /** Recomputes the hours from the one holding {@code since} up to {@code until} (an hour boundary). */
  Future<Void> hourly(Instant since, Instant until) {
    return pool.preparedQuery(HOURLY).execute(Tuple.of(Sql.utc(since.truncatedTo(ChronoUnit.HOURS)),
        Sql.utc(until))).mapEmpty();
  }

  /** Recomputes the Vietnam days from the one holding {@code since} up to {@code until} (a day boundary). */
  Future<Void> daily(Instant since, Instant until) {
    Instant dayStart = since.atZone(VIETNAM).toLocalDate().atStartOfDay(VIETNAM).toInstant();
    return pool.preparedQuery(DAILY).execute(Tuple.of(Sql.utc(dayStart), Sql.utc(until))).mapEmpty();
  }

  /** Deletes rollups older than the retention. */
  Future<Void> deleteBefore(Instant cutoff) {
    return pool.preparedQuery("DELETE FROM probe_hourly WHERE hour < $1").execute(Tuple.of(Sql.utc(cutoff)))
        .compose(x -> pool.preparedQuery("DELETE FROM probe_daily WHERE day < $1")
            .execute(Tuple.of(cutoff.atZone(VIETNAM).toLocalDate())))
        .mapEmpty();
  }
}
