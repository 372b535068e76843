package vn.dvcwatch.cluster;

import java.util.List;

/**
 * What a node does on each election tick, as a pure function of what it sees: its member list (oldest
 * first, the same order on every member of one Hazelcast cluster), the configured majority and the
 * leader row. Kept apart from timers and SQL so that every case has a table-driven test.
 */
final class LeaderRule {
  enum Action {
    /** Fewer than a strict majority visible: stop deciding (and stop leading). */
    NO_QUORUM,
    /** Leading: renew the epoch (a fenced write; refusal means step down). */
    RENEW,
    /** Raise the epoch with a conditional update. */
    CLAIM,
    /** Someone else leads or is entitled to. */
    FOLLOW
  }

  private LeaderRule() {}

  /**
   * The leader is the oldest member of a majority view, but a running lease (the holder renewed within
   * {@link LeaderElection#LEASE}) is never overridden, whatever this node's view says: a newcomer does
   * not depose a working leader, and a node thawed after a pause, whose member list is seconds out of date,
   * does not claim on the strength of it (the cluster drill caught exactly that). When the lease has run
   * out, the oldest claims; only when the row has been silent past the takeover grace (the oldest cannot
   * lead: it lost the database, say) may any member of the majority claim. A row never claimed is the
   * oldest's alone, so the first election goes to the oldest too.
   */
  static Action next(Peer self, List<Peer> view, int majority, boolean leading, LeaderRow row) {
    if (view.size() < majority || !view.contains(self)) {
      return Action.NO_QUORUM;
    }
    if (leading) {
      return Action.RENEW;
    }
    if (row == null) {
      return Action.FOLLOW; // the row could not be read: nothing is known, nothing is claimed
    }
    boolean holderIsSelf = self.node().equals(row.node()) && self.pid() == row.pid();
    if (row.fresh() && !holderIsSelf) {
      return Action.FOLLOW;
    }
    if (view.get(0).equals(self)) {
      return Action.CLAIM;
    }
    return row.node() != null && !row.recent() ? Action.CLAIM : Action.FOLLOW;
  }
}
