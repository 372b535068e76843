package vn.dvcwatch.cluster;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;

/** The statements on {@code cluster_leader} (migration V170), in one place. */
final class LeaderTable {
  private static final String READ = "SELECT epoch, node, pid,"
      + " coalesce(renewed_at > clock_timestamp() - $1::bigint * interval '1 millisecond', false) AS fresh,"
      + " coalesce(renewed_at > clock_timestamp() - $2::bigint * interval '1 millisecond', false) AS recent"
      + " FROM cluster_leader WHERE id = 1";
  // Conditional on the epoch the claimant read: of two simultaneous claims, exactly one matches.
  private static final String CLAIM = "UPDATE cluster_leader SET epoch = epoch + 1, node = $2, pid = $3,"
      + " claimed_at = clock_timestamp(), renewed_at = clock_timestamp() WHERE id = 1 AND epoch = $1 RETURNING epoch";
  private static final String RENEW = "UPDATE cluster_leader SET renewed_at = clock_timestamp()"
      + " WHERE id = 1 AND epoch = $1 AND node = $2 AND pid = $3";
  // A leader that stops hands over at once: its lease reads as just expired, so the oldest member claims
  // now (without waiting for the lease), and the others still leave the claim to it.
  private static final String RELEASE = "UPDATE cluster_leader"
      + " SET renewed_at = clock_timestamp() - $4::bigint * interval '1 millisecond'"
      + " WHERE id = 1 AND epoch = $1 AND node = $2 AND pid = $3";
  // FOR SHARE: a claim (an UPDATE of this row) waits until the leader transaction holding it ends, so no
  // write of an older epoch can commit after a newer claim has.
  private static final String FENCE = "SELECT epoch FROM cluster_leader WHERE id = 1 FOR SHARE";

  private final Pool pool;
  private final Duration lease;
  private final Duration takeover;

  LeaderTable(Pool pool, Duration lease, Duration takeover) {
    this.pool = pool;
    this.lease = lease;
    this.takeover = takeover;
  }

  Future<LeaderRow> read() {
    return pool.preparedQuery(READ).execute(Tuple.of(lease.toMillis(), takeover.toMillis())).map(rows -> {
      Row r = rows.iterator().next();
      Long pid = r.getLong("pid");
      return new LeaderRow(r.getLong("epoch"), r.getString("node"), pid == null ? 0 : pid, r.getBoolean("fresh"),
          r.getBoolean("recent"));
    });
  }

  /** The new epoch, or 0 when another node claimed first (the epoch had moved since it was read). */
  Future<Long> claim(long seen, String node, long pid) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(seen, node, pid))
        .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
  }

  /** False when the row is no longer this node's epoch: someone claimed since. */
  Future<Boolean> renew(long epoch, String node, long pid) {
    return pool.preparedQuery(RENEW).execute(Tuple.of(epoch, node, pid)).map(rows -> rows.rowCount() == 1);
  }

  Future<Void> release(long epoch, String node, long pid) {
    return pool.preparedQuery(RELEASE).execute(Tuple.of(epoch, node, pid, lease.toMillis())).mapEmpty();
  }

  /** The epoch, locked against claims until the caller's transaction ends. */
  static Future<Long> lockedEpoch(SqlConnection tx) {
    return tx.query(FENCE).execute().map(rows -> rows.iterator().next().getLong(0));
  }
}
