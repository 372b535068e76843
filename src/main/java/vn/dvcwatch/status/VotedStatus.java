package vn.dvcwatch.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import vn.dvcwatch.result.Target;

/**
 * The cluster leader's status of each portal, from the vote of its vantages ({@link VantageVote}), as a
 * plain state machine that speaks the {@link StatusTracker}'s language: the same {@link StatusEvent}s go
 * to storage, the board and the alerts. An incident opens when the vote says DOWN and closes when it says
 * UP, DEGRADED or PARTIAL; its id comes from the earliest failure the failing vantages confirmed, so a
 * new leader that decides the same outage again writes the same incident (the store's unique key makes
 * that a no-op) and one that restored it from the database opens nothing. PARTIAL is a status change
 * only: no incident, no alert. Nobody voting (UNKNOWN) changes nothing.
 *
 * <p>Updates come from one context; {@link #status} and {@link #failing} may be read from any thread.
 */
public final class VotedStatus {
  private static final class State {
    volatile PortalStatus status = PortalStatus.UNKNOWN;
    volatile List<String> failing = List.of();
    volatile Incident incident;
  }

  private final Map<String, State> states = new ConcurrentHashMap<>();

  /**
   * Applies one verdict.
   *
   * @param downSince the earliest first failure of the failing vantages (the incident's start), or null
   *     to start it now
   */
  public List<StatusEvent> apply(String portalId, VantageVote.Verdict v, Instant downSince, Instant now) {
    List<StatusEvent> events = new ArrayList<>();
    State s = states.computeIfAbsent(portalId, id -> new State());
    PortalStatus next = v.status();
    if (next == PortalStatus.UNKNOWN) {
      return events;
    }
    s.failing = v.failing();
    if (next != s.status) {
      if (next == PortalStatus.FLAPPING || s.status == PortalStatus.FLAPPING) {
        events.add(new StatusEvent.Flapping(portalId, next == PortalStatus.FLAPPING, now));
      }
      events.add(new StatusEvent.StatusChanged(portalId, s.status, next, next == PortalStatus.UP ? null : v.cause(),
          now));
      s.status = next;
    }
    if (next == PortalStatus.DOWN && s.incident == null) {
      Instant start = downSince == null || downSince.isAfter(now) ? now : downSince;
      s.incident = new Incident(portalId + ":" + start.toEpochMilli(), portalId, start, null, v.cause(),
          Target.HOMEPAGE);
      events.add(new StatusEvent.IncidentOpened(s.incident));
    } else if (s.incident != null && next != PortalStatus.DOWN && next != PortalStatus.FLAPPING) {
      events.add(new StatusEvent.IncidentClosed(s.incident.close(now)));
      s.incident = null;
    }
    return events;
  }

  public PortalStatus status(String portalId) {
    State s = states.get(portalId);
    return s == null ? PortalStatus.UNKNOWN : s.status;
  }

  /** The vantages that saw the portal DOWN at the last vote (empty when none did). */
  public List<String> failing(String portalId) {
    State s = states.get(portalId);
    return s == null ? List.of() : s.failing;
  }

  /** Continues from what the database remembers: a new leader's first step, before its first vote. */
  public void restore(String portalId, PortalStatus status, Incident openIncidentOrNull) {
    State s = states.computeIfAbsent(portalId, id -> new State());
    s.status = status;
    s.incident = openIncidentOrNull;
  }

  /** Forgets everything: a node that stops leading restores afresh when it leads again. */
  public void clear() {
    states.clear();
  }

  /** Forgets portals that left the fleet. */
  public void retain(Set<String> ids) {
    states.keySet().retainAll(ids);
  }
}
