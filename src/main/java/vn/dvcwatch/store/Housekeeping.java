package vn.dvcwatch.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's periodic job: partitions created ahead, rollups brought up to date, retention applied,
 * the maintenance calendar reloaded. Each step is idempotent, so a run cut short by a crash or an outage
 * is simply done again by the next one.
 */
final class Housekeeping {
  private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
  static final int DAYS_AHEAD = 3;
  private static final Instant OPEN_END = Instant.parse("9999-01-01T00:00:00Z");
  private static final Duration RETENTION_EVERY = Duration.ofHours(1);

  private final Pool pool;
  private final Partitions partitions;
  private final Rollups rollups;
  private final ProbeLog probes;
  private final MaintenanceLog maintenance;
  private final DbSettings settings;
  private Instant dailyDirty;
  private Instant lastRetention = Instant.EPOCH;
  private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();

  Housekeeping(Pool pool, Partitions partitions, ProbeLog probes, MaintenanceLog maintenance, DbSettings settings) {
    this.pool = pool;
    this.partitions = partitions;
    this.rollups = new Rollups(pool);
    this.probes = probes;
    this.maintenance = maintenance;
    this.settings = settings;
  }

  /**
   * First run at start-up: the rollups are recomputed from just before the newest hour they hold (what
   * was written after it was lost with the previous process's dirty mark).
   */
  Future<Void> startUp(Instant now) {
    String sql = "SELECT coalesce((SELECT max(hour) - interval '1 hour' FROM probe_hourly),"
        + " (SELECT min(first_probe_at) FROM portal_seen)) AS since";
    return partitions.load()
        .compose(x -> pool.query(sql).execute())
        .compose(rows -> {
          Instant since = Sql.instant(rows.iterator().next(), "since");
          Instant floor = now.minus(settings.rawRetention());
          if (since != null) {
            probes.markDirty(since.isBefore(floor) ? floor : since);
          }
          return run(now, true);
        });
  }

  /**
   * One run; a run still going when the next is due makes the next one a no-op. Rollups cover complete
   * hours and finished days only, unless {@code includeOpen}: the running hour and day are then rolled
   * up too (at start-up, and when asked through {@link Store#housekeep}). Re-aggregating the running
   * hour every minute would cost more than it tells at a large fleet's write rate.
   */
  Future<Void> run(Instant now, boolean includeOpen) {
    if (!running.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    return partitions.ensureAround(now, DAYS_AHEAD)
        .compose(x -> rollUp(now, includeOpen))
        .compose(x -> retention(now))
        .compose(x -> maintenance.refresh())
        .onFailure(e -> LOG.warn("housekeeping did not finish: {}", e.toString()))
        .onComplete(x -> running.set(false));
  }

  private Future<Void> rollUp(Instant now, boolean includeOpen) {
    Instant hourEnd = includeOpen ? OPEN_END : now.truncatedTo(ChronoUnit.HOURS);
    Instant today = now.atZone(Rollups.VIETNAM).toLocalDate().atStartOfDay(Rollups.VIETNAM).toInstant();
    Instant dayEnd = includeOpen ? OPEN_END : today;
    return probes.takeDirtySince().compose(since -> {
      if (since != null) {
        dailyDirty = dailyDirty == null || since.isBefore(dailyDirty) ? since : dailyDirty;
      }
      Future<Void> hourly;
      if (since == null) {
        hourly = Future.succeededFuture();
      } else if (!since.isBefore(hourEnd)) {
        probes.markDirty(since); // only the running hour changed: its turn comes when it ends
        hourly = Future.succeededFuture();
      } else {
        hourly = rollups.hourly(since, hourEnd)
            .onSuccess(x -> {
              if (!includeOpen) {
                probes.markDirty(hourEnd); // rows of the running hour, rolled up once it is complete
              }
            })
            .onFailure(e -> probes.markDirty(since));
      }
      return hourly.compose(x -> {
        if (dailyDirty == null || !dailyDirty.isBefore(dayEnd)) {
          return Future.succeededFuture();
        }
        return rollups.daily(dailyDirty, dayEnd).onSuccess(y -> dailyDirty = includeOpen ? null : today);
      });
    });
  }

  private Future<Void> retention(Instant now) {
    if (Duration.between(lastRetention, now).compareTo(RETENTION_EVERY) < 0) {
      return Future.succeededFuture();
    }
    Instant rawCutoff = now.minus(settings.rawRetention());
    return partitions.dropBefore(rawCutoff)
        .onSuccess(days -> {
          if (!days.isEmpty()) {
            LOG.info("retention: dropped raw partitions {}", days);
          }
        })
        .compose(x -> rollups.deleteBefore(now.minus(settings.rollupRetention())))
        // a posture seen since the cutoff may still be pointed at by a kept row; one older may not
        .compose(x -> pool.preparedQuery("DELETE FROM probe_posture WHERE last_seen < $1")
            .execute(io.vertx.sqlclient.Tuple.of(Sql.utc(rawCutoff.minus(Duration.ofDays(2))))))
        .onSuccess(x -> lastRetention = now)
        .mapEmpty();
  }
}
