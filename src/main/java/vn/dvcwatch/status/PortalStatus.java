package vn.dvcwatch.status;

import vn.dvcwatch.result.Outcome;

/**
 * A portal's confirmed status, as the board and the alerts see it. Unlike a single probe's
 * {@link Outcome}, it changes only after confirmation (docs/PROBING.md).
 */
public enum PortalStatus {
  /** Not yet probed enough to say. */
  UNKNOWN,
  UP,
  DEGRADED,
  /** Confirmed down: consecutive failures, retried. */
  DOWN,
  /** Changing state too often to page anyone about each change. */
  FLAPPING,
  /**
   * Failing from a minority of the vantages that vote (a cluster, {@link VantageVote}): shown with the
   * failing vantages named, never an outage and never paged. A process without a cluster never has it.
   */
  PARTIAL
}
