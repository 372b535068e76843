package vn.dvcwatch.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;

/**
 * Writes one batch of probe results in one transaction: the partitions it needs, the postures and
 * first-seen portals it brings, and its rows. Remembers what it already wrote (postures, portals) so
 * that a steady fleet costs one INSERT per batch, and the earliest time written since the rollups last
 * ran. Not thread-safe: used only on the store's context.
 */
final class BatchWriter {
  private static final int POSTURE_CACHE = 20_000;

  /** What became of one batch: rows inserted, rows already past retention, rows missing a key field. */
  record Written(int rows, int expired, int incomplete) {}

  private final Pool pool;
  private final Partitions partitions;
  private final Duration rawRetention;
  private final Set<String> seenPortals = new HashSet<>();
  private final Map<PageKey, Posture> lastPosture = new HashMap<>();
  private final Map<String, Instant> postureWritten = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Instant> e) {
      return size() > POSTURE_CACHE;
    }
  };
  private Instant dirtySince;
  private final String vantage;

  BatchWriter(Pool pool, Partitions partitions, Duration rawRetention, String vantage) {
    this.vantage = vantage;
    this.pool = pool;
    this.partitions = partitions;
    this.rawRetention = rawRetention;
  }

  /** Never throws: a batch that cannot even be encoded fails with a {@link Rejected}. */
  Future<Written> write(List<ProbeResult> batch) {
    try {
      return insert(batch);
    } catch (RuntimeException e) {
      return Future.failedFuture(new Rejected(e));
    }
  }

  /** A batch our own code could not encode, or one the server {@link DbFailure#REFUSED refused}: retrying cannot help. */
  static boolean rejected(Throwable e) {
    return e instanceof Rejected || DbFailure.of(e) == DbFailure.REFUSED;
  }

  /** A batch that cannot be written as it is, whatever the database's state. */
  private static final class Rejected extends RuntimeException {
    Rejected(Throwable cause) {
      super(cause.toString(), cause);
    }
  }

  Instant takeDirty() {
    Instant d = dirtySince;
    dirtySince = null;
    return d;
  }

  void markDirty(Instant since) {
    dirtySince = dirtySince == null || since.isBefore(dirtySince) ? since : dirtySince;
  }

  private Future<Written> insert(List<ProbeResult> batch) {
    List<ProbeResult> complete = batch.stream().filter(r -> r.portalId() != null && r.target() != null
        && r.startedAt() != null && r.outcome() != null).toList();
    Instant cutoff = Instant.now().minus(rawRetention);
    List<ProbeResult> rows = complete.stream().filter(r -> r.startedAt().isAfter(cutoff)).toList();
    Written result = new Written(rows.size(), complete.size() - rows.size(), batch.size() - complete.size());
    if (rows.isEmpty()) {
      return Future.succeededFuture(result);
    }
    Set<LocalDate> days = new TreeSet<>();
    // sorted: two batches in flight upsert shared rows in the same order, so they cannot deadlock
    Map<String, Posture> newPostures = new TreeMap<>();
    Map<String, Instant> newSeen = new TreeMap<>();
    List<Posture> perRow = new ArrayList<>(rows.size());
    Instant earliest = rows.get(0).startedAt();
    Instant newest = earliest;
    for (ProbeResult r : rows) {
      Instant at = r.startedAt();
      days.add(Partitions.day(at));
      earliest = at.isBefore(earliest) ? at : earliest;
      newest = at.isAfter(newest) ? at : newest;
      Posture p = posture(r);
      perRow.add(p);
      // last_seen is refreshed twice a day per posture: enough for retention, which counts in days
      if (p != null && !newPostures.containsKey(p.key())) {
        Instant was = postureWritten.get(p.key());
        if (was == null || Duration.between(was, at).toHours() >= 12) {
          newPostures.put(p.key(), p);
        }
      }
      if (!seenPortals.contains(r.portalId())) {
        newSeen.merge(r.portalId(), at, (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    Instant first = earliest;
    Instant last = newest;
    return partitions.ensure(days)
        .compose(x -> pool.withTransaction(c -> postures(c, newPostures.values(), last)
            .compose(y -> seen(c, newSeen))
            .compose(y -> c.preparedQuery(ProbeRows.INSERT).execute(ProbeRows.batch(rows, perRow, vantage)))))
        .map(x -> {
          newPostures.keySet().forEach(k -> postureWritten.put(k, last));
          seenPortals.addAll(newSeen.keySet());
          markDirty(first);
          return result;
        });
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

  private static Future<Void> postures(SqlClient c, Collection<Posture> ps, Instant seen) {
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
}
