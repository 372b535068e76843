package vn.dvcwatch.app;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.function.Supplier;
import vn.dvcwatch.alert.AlertFence;
import vn.dvcwatch.cluster.Fence;
import vn.dvcwatch.cluster.StaleLeaderException;

/**
 * The cluster's {@link Fence} as the alert room sees it ({@link AlertFence}): a cluster node's alert sender and
 * its own alert writes follow this node's leadership (docs/CLUSTER.md). The fence is looked up on each use: a node
 * leads nothing until its election has started ({@link Fence#joining()}).
 */
public final class LeaderFence implements AlertFence {
  private final Supplier<Fence> fence;

  public LeaderFence(Supplier<Fence> fence) {
    this.fence = fence;
  }

  @Override
  public long epoch() {
    return fence.get().token().epoch();
  }

  @Override
  public Future<Void> check(SqlConnection tx, long epoch) {
    return fence.get().check(tx, new Fence.Token(epoch));
  }

  @Override
  public RuntimeException notLeader() {
    return new StaleLeaderException(0, -1);
  }
}
