package vn.dvcwatch.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.probe.ProbeResult;
import vn.dvcwatch.probe.Target;

/**
 * Probe results on their way to {@code probe_result} and back. {@link #append} only puts the result in a
 * bounded buffer, so probing and the board never wait on the database (SPEC §7, R2); a single writer on
 * the store's context drains it in batches every {@code flushEvery}, or at once when a batch is full.
 * A failed batch goes back to the front of the buffer and is written when the database returns.
 */
public final class ProbeLog {
  private static final Logger LOG = LoggerFactory.getLogger(ProbeLog.class);
  private static final int POSTURE_CACHE = 20_000;

  private final Context ctx;
  private final Pool pool;
  private final DbHealth health;
  private final Partitions partitions;
  private final ResultBuffer buffer;
  private final int batchSize;
  private final Duration rawRetention;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong expired = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicBoolean kickScheduled = new AtomicBoolean();
  // Confined to ctx:
  private final List<Promise<Void>> waiters = new ArrayList<>();
  private final Set<String> seenPortals = new HashSet<>();
  private final Map<PageKey, Posture> lastPosture = new HashMap<>();
  private final Map<String, Instant> postureWritten = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Instant> e) {
      return size() > POSTURE_CACHE;
    }
  };
  private final int maxWriters;
  private int writers;
  private volatile int inFlight;
  private Instant dirtySince;

  ProbeLog(Vertx vertx, Pool pool, DbHealth health, Partitions partitions, DbSettings s) {
    this.ctx = vertx.getOrCreateContext();
    this.pool = pool;
    this.health = health;
    this.partitions = partitions;
    this.buffer = new ResultBuffer(s.bufferCapacity());
    this.batchSize = s.batchSize();
    this.rawRetention = s.rawRetention();
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
      writeSafely(batch).onComplete(ar -> {
        writers--;
        inFlight -= batch.size();
        if (ar.succeeded()) {
          health.reachable();
          written.addAndGet(batch.size());
          drain();
        } else if (rejectedByServer(ar.cause())) {
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

  /**
   * A batch our own code could not encode, or SQLSTATE classes 22 (data exception) and 23 (integrity
   * constraint violation): the rows are at fault, not the server.
   */
  static boolean rejectedByServer(Throwable e) {
    return e instanceof Rejected || e instanceof PgException pg && pg.getSqlState() != null
        && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"));
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

  private Future<Void> writeSafely(List<ProbeResult> batch) {
    try {
      return write(batch);
    } catch (RuntimeException e) {
      return Future.failedFuture(new Rejected(e));
    }
  }

  /** A batch that cannot be written as it is, whatever the database's state. */
  private static final class Rejected extends RuntimeException {
    Rejected(Throwable cause) {
      super(cause.toString(), cause);
    }
  }

  private Future<Void> write(List<ProbeResult> batch) {
    List<ProbeResult> complete = batch.stream().filter(r -> r.portalId() != null && r.target() != null
        && r.startedAt() != null && r.outcome() != null).toList();
    if (complete.size() < batch.size()) {
      rejected.addAndGet(batch.size() - complete.size());
      LOG.error("{} probe results without portal, target, time or outcome dropped", batch.size() - complete.size());
    }
    Instant cutoff = Instant.now().minus(rawRetention);
    List<ProbeResult> rows = complete.stream().filter(r -> r.startedAt().isAfter(cutoff)).toList();
    expired.addAndGet(complete.size() - rows.size());
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    Set<java.time.LocalDate> days = new TreeSet<>();
    // sorted: two batches in flight upsert shared rows in the same order, so they cannot deadlock
    Map<String, Posture> newPostures = new java.util.TreeMap<>();
    Map<String, Instant> newSeen = new java.util.TreeMap<>();
    Instant earliest = rows.get(0).startedAt();
    List<Posture> perRow = new ArrayList<>(rows.size());
    for (ProbeResult r : rows) {
      days.add(Partitions.day(r.startedAt()));
      earliest = r.startedAt().isBefore(earliest) ? r.startedAt() : earliest;
      Posture p = posture(r);
      perRow.add(p);
      // last_seen is refreshed twice a day per posture: enough for retention, which counts in days.
      if (p != null && !newPostures.containsKey(p.key())) {
        Instant was = postureWritten.get(p.key());
        if (was == null || Duration.between(was, r.startedAt()).toHours() >= 12) {
          newPostures.put(p.key(), p);
        }
      }
      if (!seenPortals.contains(r.portalId())) {
        newSeen.merge(r.portalId(), r.startedAt(), (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    Instant first = earliest;
    Instant newest = rows.stream().map(ProbeResult::startedAt).max(Instant::compareTo).orElseThrow();
    return partitions.ensure(days)
        .compose(x -> pool.withTransaction(c -> postures(c, newPostures.values(), newest)
            .compose(y -> seen(c, newSeen))
            .compose(y -> c.preparedQuery(ProbeRows.INSERT).execute(ProbeRows.batch(rows, perRow)))))
        .onSuccess(x -> {
          newPostures.keySet().forEach(k -> postureWritten.put(k, newest));
          seenPortals.addAll(newSeen.keySet());
          dirtySince = dirtySince == null || first.isBefore(dirtySince) ? first : dirtySince;
        })
        .mapEmpty();
  }

  /**
   * The posture of a result, its digest reused when the page's previous probe saw an equal one (the usual
   * case): comparing records is much cheaper than hashing their text on every probe.
   */
  private Posture posture(ProbeResult r) {
    PageKey key = new PageKey(r.portalId(), r.target());
    Posture last = lastPosture.get(key);
    if (last != null && Objects.equals(last.source().tls(), r.tls())
        && Objects.equals(last.source().headers(), r.headers()) && Objects.equals(last.source().page(), r.page())) {
      return last;
    }
    Posture p = Posture.of(r);
    if (p == null) {
      lastPosture.remove(key);
    } else {
      lastPosture.put(key, p);
    }
    return p;
  }

  private record PageKey(String portalId, Target target) {}

  private static Future<Void> postures(SqlClient c, java.util.Collection<Posture> ps, Instant seen) {
    if (ps.isEmpty()) {
      return Future.succeededFuture();
    }
    return c.preparedQuery(ProbeRows.INSERT_POSTURES).execute(ProbeRows.postures(ps, Sql.utc(seen))).mapEmpty();
  }

  private static Future<Void> seen(SqlClient c, Map<String, Instant> firsts) {
    if (firsts.isEmpty()) {
      return Future.succeededFuture();
    }
    Tuple t = Tuple.tuple().addArrayOfString(firsts.keySet().toArray(String[]::new))
        .addArrayOfOffsetDateTime(firsts.values().stream().map(Sql::utc).toArray(java.time.OffsetDateTime[]::new));
    return c.preparedQuery(ProbeRows.INSERT_SEEN).execute(t).mapEmpty();
  }

  /** The earliest result time written since the last call (null if none); the rollups start from it. */
  Future<Instant> takeDirtySince() {
    Promise<Instant> p = Promise.promise();
    ctx.runOnContext(v -> {
      Instant d = dirtySince;
      dirtySince = null;
      p.complete(d);
    });
    return p.future();
  }

  /** Gives back a dirty mark whose rollup failed, so the next run covers it. */
  void markDirty(Instant since) {
    ctx.runOnContext(v -> dirtySince = dirtySince == null || since.isBefore(dirtySince) ? since : dirtySince);
  }

  /**
   * A portal's results in [from, to), both targets: the newest {@code limit} of them, oldest first (the
   * order a chart draws them in).
   */
  public Future<List<ProbeResult>> history(String portalId, Instant from, Instant to, int limit) {
    String sql = "SELECT * FROM (SELECT " + ProbeRows.COLUMNS + ProbeRows.FROM
        + " WHERE r.portal_id = $1 AND r.started_at >= $2 AND r.started_at < $3"
        + " ORDER BY r.started_at DESC LIMIT $4) h ORDER BY started_at, target";
    return pool.preparedQuery(sql).execute(Tuple.of(portalId, Sql.utc(from), Sql.utc(to), limit))
        .map(rows -> {
          List<ProbeResult> out = new ArrayList<>(rows.size());
          rows.forEach(r -> out.add(ProbeRows.map(r)));
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

  /** The latest result per portal and target (to rebuild the board after a restart). */
  public Future<List<ProbeResult>> latest() {
    String sql = "SELECT x.* FROM portal_seen s CROSS JOIN (VALUES ('homepage'), ('eform')) AS t(target),"
        + " LATERAL (SELECT " + ProbeRows.COLUMNS + ProbeRows.FROM
        + " WHERE r.portal_id = s.portal_id AND r.target = t.target ORDER BY r.started_at DESC LIMIT 1) x"
        + " ORDER BY x.portal_id, x.target";
    return pool.query(sql).execute().map(rows -> {
      List<ProbeResult> out = new ArrayList<>(rows.size());
      rows.forEach(r -> out.add(ProbeRows.map(r)));
      return out;
    });
  }
}
