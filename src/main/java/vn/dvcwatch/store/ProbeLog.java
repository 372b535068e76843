package vn.dvcwatch.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;

/**
 * Probe results on their way to {@code probe_result} and back. {@link #append} only puts the result in a
 * bounded buffer, so probing and the board never wait on the database (docs/STORAGE.md; R2 of docs/RELIABILITY.md). The store's context
 * drains it through a {@link BatchWriter}, at most two batches in flight, every {@code flushEvery} or at
 * once when a batch is full. A failed batch goes back to the front of the buffer and is written when the
 * database returns.
 */
public final class ProbeLog {
  private static final Logger LOG = LoggerFactory.getLogger(ProbeLog.class);

  private final Context ctx;
  private final Pool pool;
  private final DbHealth health;
  private final ResultBuffer buffer;
  private final int batchSize;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong expired = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicBoolean kickScheduled = new AtomicBoolean();
  private final BatchWriter writer;
  private final int maxWriters;
  // Confined to ctx:
  private final List<Promise<Void>> waiters = new ArrayList<>();
  private int writers;
  private volatile int inFlight;

  ProbeLog(Vertx vertx, Pool pool, DbHealth health, Partitions partitions, DbSettings s, String vantage) {
    this.ctx = vertx.getOrCreateContext();
    this.pool = pool;
    this.health = health;
    this.writer = new BatchWriter(pool, partitions, s.rawRetention(), vantage);
    this.buffer = new ResultBuffer(s.bufferCapacity());
    this.batchSize = s.batchSize();
    // two batches in flight let PostgreSQL commit one while the next is sent; more only queue on 2 cores
    this.maxWriters = Math.max(1, Math.min(2, s.poolSize() / 2));
  }

  /** Queues a result for writing. Never blocks and never waits on the database; safe from any thread. */
  public void append(ProbeResult r) {
    // while the database is away, only the timer and the ping decide when to try again
    if (buffer.add(r) >= batchSize && health.up()) {
      kick();
    }
  }

  /** Results not yet committed: in the buffer plus the batch being written. */
  public int bufferDepth() {
    return buffer.size() + inFlight;
  }

  /** Results dropped because the buffer was full (the oldest go first). */
  public long overflowed() {
    return buffer.overflowed();
  }

  /** Results committed since start. */
  public long written() {
    return written.get();
  }

  /** Results not written because they were already older than raw retention when their turn came. */
  public long expired() {
    return expired.get();
  }

  /** Results the database refused as data (a constraint or data error): dropped, logged and counted. */
  public long rejected() {
    return rejected.get();
  }

  /** Writes everything buffered now; fails if the database fails (the results stay buffered). */
  public Future<Void> flush() {
    Promise<Void> p = Promise.promise();
    ctx.runOnContext(v -> {
      waiters.add(p);
      drain();
    });
    return p.future();
  }

  /** Starts a drain unless one is running; called by the timer and by a full batch. */
  void kick() {
    if (kickScheduled.compareAndSet(false, true)) {
      ctx.runOnContext(v -> {
        kickScheduled.set(false);
        drain();
      });
    }
  }

  private void drain() {
    while (writers < maxWriters && (health.up() || !waiters.isEmpty())) {
      List<ProbeResult> batch = buffer.take(batchSize);
      if (batch.isEmpty()) {
        break;
      }
      writers++;
      inFlight += batch.size();
      writer.write(batch).onComplete(ar -> {
        writers--;
        inFlight -= batch.size();
        if (ar.succeeded()) {
          health.reachable();
          written.addAndGet(ar.result().rows());
          expired.addAndGet(ar.result().expired());
          rejected.addAndGet(ar.result().incomplete());
          drain();
        } else if (BatchWriter.rejected(ar.cause())) {
          // the server refuses these rows as data: retrying would block everything behind them forever
          rejected.addAndGet(batch.size());
          LOG.error("{} probe results rejected by the database and dropped: {}", batch.size(), ar.cause().toString());
          drain();
        } else {
          buffer.putBack(batch);
          health.failed(ar.cause());
          finish(ar.cause());
        }
      });
    }
    if (writers == 0 && buffer.size() == 0) {
      finish(null);
    }
  }

  private void finish(Throwable failure) {
    List<Promise<Void>> done = new ArrayList<>(waiters);
    waiters.clear();
    done.forEach(p -> {
      if (failure == null) {
        p.tryComplete();
      } else {
        p.tryFail(failure);
      }
    });
  }

  /** The earliest result time written since the last call (null if none); the rollups start from it. */
  Future<Instant> takeDirtySince() {
    Promise<Instant> p = Promise.promise();
    ctx.runOnContext(v -> p.complete(writer.takeDirty()));
    return p.future();
  }

  /** Gives back a dirty mark whose rollup failed, so the next run covers it. */
  void markDirty(Instant since) {
    ctx.runOnContext(v -> writer.markDirty(since));
  }

  /**
   * A portal's results in [from, to), both targets: the newest {@code limit} of them, oldest first (the
   * order a chart draws them in).
   */
  public Future<List<ProbeResult>> history(String portalId, Instant from, Instant to, int limit) {
    String sql = "SELECT " + ResultReader.COLUMNS + " FROM probe_result WHERE portal_id = $1 AND started_at >= $2"
        + " AND started_at < $3 ORDER BY started_at DESC, target DESC LIMIT $4";
    return pool.preparedQuery(sql).execute(Tuple.of(portalId, Sql.utc(from), Sql.utc(to), limit))
        .compose(rows -> ResultReader.read(pool, rows))
        .map(newestFirst -> {
          List<ProbeResult> out = new ArrayList<>(newestFirst);
          java.util.Collections.reverse(out);
          return out;
        });
  }

  /** Hourly rollups since a time, oldest first, to seed in-memory scoring windows after a restart. */
  public Future<List<HourlyRollup>> hourly(Instant since) {
    String sql = "SELECT portal_id, target, hour, probes, up, ttfb_p75_ms, total_p75_ms, within_a FROM probe_hourly"
        + " WHERE hour >= $1 ORDER BY hour, portal_id, target";
    return pool.preparedQuery(sql).execute(Tuple.of(Sql.utc(since))).map(rows -> {
      List<HourlyRollup> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        out.add(new HourlyRollup(r.getString("portal_id"), Target.fromLabel(r.getString("target")),
            Sql.instant(r, "hour"), r.getLong("probes"), r.getLong("up"), r.getDouble("ttfb_p75_ms"),
            r.getDouble("total_p75_ms"), r.getLong("within_a")));
      }
      return out;
    });
  }

  /** A portal's daily rollups for Vietnam days [from, to], oldest first. */
  public Future<List<DailyRollup>> daily(String portalId, java.time.LocalDate from, java.time.LocalDate to) {
    String sql = "SELECT portal_id, target, day, probes, up, ttfb_p75_ms, total_p75_ms, within_a FROM probe_daily"
        + " WHERE portal_id = $1 AND day BETWEEN $2 AND $3 ORDER BY day, target";
    return pool.preparedQuery(sql).execute(Tuple.of(portalId, from, to)).map(rows -> {
      List<DailyRollup> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        out.add(new DailyRollup(r.getString("portal_id"), Target.fromLabel(r.getString("target")),
            r.getLocalDate("day"), r.getLong("probes"), r.getLong("up"), r.getDouble("ttfb_p75_ms"),
            r.getDouble("total_p75_ms"), r.getLong("within_a")));
      }
      return out;
    });
  }

  /** The latest result per portal and target (to rebuild the board after a restart). */
  public Future<List<ProbeResult>> latest() {
    String sql = "SELECT x.* FROM portal_seen s CROSS JOIN (VALUES ('homepage'), ('eform')) AS t(target),"
        + " LATERAL (SELECT " + ResultReader.COLUMNS + " FROM probe_result r WHERE r.portal_id = s.portal_id"
        + " AND r.target = t.target ORDER BY r.started_at DESC LIMIT 1) x ORDER BY x.portal_id, x.target";
    return pool.query(sql).execute().compose(rows -> ResultReader.read(pool, rows));
  }
}
