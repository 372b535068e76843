package vn.dvcwatch.cluster;

import java.util.Locale;

/** What a node is in the cluster right now; {@link #label()} is the JSON value of {@code cluster.role}. */
public enum Role {
  /** Holds the newest epoch and sees a strict majority of the configured members: it decides. */
  LEADER,
  /** Sees a majority; another node leads (or is about to). */
  FOLLOWER,
  /** Sees fewer than a strict majority of the configured members: it must not decide anything. */
  NO_QUORUM,
  /** No cluster configured: one process decides alone, as before the cluster existed. */
  SINGLE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for the roles that may make leader decisions (grading, status, incidents, alerts). */
  public boolean decides() {
    return this == LEADER || this == SINGLE;
  }
}
