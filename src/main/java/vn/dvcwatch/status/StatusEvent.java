package vn.dvcwatch.status;

import java.time.Instant;

/** What the {@link StatusTracker} concluded from a probe result; storage, board and alerts act on these. */
public sealed interface StatusEvent {
  /** The portal's confirmed status changed; {@code cause} is the failure behind it, null when healthy. */
  record StatusChanged(String portalId, PortalStatus from, PortalStatus to, String cause, Instant at)
      implements StatusEvent {}

  /** A confirmed outage began (its start is the first failed probe, not the confirmation). */
  record IncidentOpened(Incident incident) implements StatusEvent {}

  /** A confirmed outage ended; the incident carries its end. */
  record IncidentClosed(Incident incident) implements StatusEvent {}

  /** The portal started or stopped changing state too often to report each change. */
  record Flapping(String portalId, boolean started, Instant at) implements StatusEvent {}

  /** Most of the fleet fails at once: the watchdog's own network is the likely culprit. */
  record NetworkProblem(boolean problem, int failing, int total, Instant at) implements StatusEvent {}
}
