package vn.dvcwatch.alert;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Who may write and send alerts, as the alert room sees the cluster's fence (docs/CLUSTER.md; the cluster
 * room's {@code Fence} is what the app wires behind it). In a cluster only the leader sends the outbox and
 * writes the alerts of its own decisions (certificates, grade drops, budget burns, flapping, escalations):
 * each claim and each such write first checks, inside its transaction, that the epoch it was made under is
 * still the leader's, so a deposed or thawed leader neither claims nor writes. A node alone ({@link
 * #SINGLE}) checks nothing and adds no query, as before the cluster existed.
 */
public interface AlertFence {
  /** The epoch of a node alone: nothing to check. */
  long ALONE = -1;

  /** The fence of a node without a cluster. */
  AlertFence SINGLE = new AlertFence() {
    @Override
    public long epoch() {
      return ALONE;
    }

    @Override
    public Future<Void> check(SqlConnection tx, long epoch) {
      return Future.succeededFuture();
    }

    @Override
    public RuntimeException notLeader() {
      return new IllegalStateException("a node alone always leads");
    }
  };

  /** The epoch a claim or write made now carries: {@link #ALONE} without a cluster, 0 when not the leader. */
  long epoch();

  /** Fails, before anything is written in {@code tx}, unless {@code epoch} is still the leader's. */
  Future<Void> check(SqlConnection tx, long epoch);

  /** The failure of an alert write a node that does not lead attempted: a refusal, never retried. */
  RuntimeException notLeader();
}
