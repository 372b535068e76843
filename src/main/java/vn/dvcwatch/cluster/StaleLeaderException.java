package vn.dvcwatch.cluster;

/**
 * A leader write refused because this node no longer holds the newest epoch (or never held one): another
 * node has claimed leadership since. The write did not happen; the node has stepped down. This is a
 * refusal, not an outage: retrying it would be wrong.
 */
public final class StaleLeaderException extends RuntimeException {
  private final long held;
  private final long current;

  public StaleLeaderException(long held, long current) {
    super(held == 0 ? "not the leader: a leader write needs the leader epoch (current epoch " + current + ")"
        : "stale leader: this node holds epoch " + held + ", the database is at epoch " + current);
    this.held = held;
    this.current = current;
  }

  /** The epoch the refused write carried; 0 when the node was not leader at all. */
  public long held() {
    return held;
  }

  /** The epoch the database holds (or the node last saw); -1 when not read. */
  public long current() {
    return current;
  }
}
