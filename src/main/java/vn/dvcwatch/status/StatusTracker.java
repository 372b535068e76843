package vn.dvcwatch.status;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;

/**
 * A portal's confirmed status from its probe results (docs/PROBING.md), as a plain state machine. The homepage
 * drives it: DOWN after {@code confirmDown} consecutive failed probes, back after {@code confirmUp}
 * successes; a confirmed failing eForm page, or a confirmed slow or erroring homepage, makes it DEGRADED.
 * A portal whose probes keep changing state is FLAPPING instead of toggling. When at least
 * {@code fleetFailureRatio} of a fleet of five or more fails at the same time, the watchdog's own network
 * is suspected: that is reported once, and no incidents are opened while it lasts.
 *
 * <p>Updates come from one context. {@link #status}, {@link #openIncident} and {@link #networkProblem}
 * may be read from any thread (the web room serves the board from several event loops).
 */
public final class StatusTracker {
  private static final int MIN_FLEET = 5;

  private static final class State {
    final TargetStreak homepage = new TargetStreak();
    final TargetStreak eform = new TargetStreak();
    final FlapDetector flaps = new FlapDetector();
    volatile PortalStatus status = PortalStatus.UNKNOWN;
    volatile Incident incident;

    TargetStreak streak(Target t) {
      return t == Target.HOMEPAGE ? homepage : eform;
    }
  }

  private final int confirmDown;
  private final int confirmUp;
  private final double fleetFailureRatio;
  private final Clock clock;
  private final Map<String, State> states = new ConcurrentHashMap<>();
  private volatile boolean networkProblem;
  /** Portals with a homepage result, and those whose latest one failed: kept as counts, not recounted. */
  private int reporting;
  private int failing;

  public StatusTracker(int confirmDown, int confirmUp, double fleetFailureRatio, Clock clock) {
    this.confirmDown = confirmDown;
    this.confirmUp = confirmUp;
    this.fleetFailureRatio = fleetFailureRatio;
    this.clock = clock;
  }

  public List<StatusEvent> record(ProbeResult r) {
    List<StatusEvent> events = new ArrayList<>();
    State s = states.computeIfAbsent(r.portalId(), id -> new State());
    Outcome before = s.homepage.last;
    s.streak(r.target()).add(r, confirmDown, confirmUp);
    Instant now = clock.instant();
    if (r.target() == Target.HOMEPAGE) {
      reporting += before == null ? 1 : 0;
      failing += (r.outcome() == Outcome.DOWN ? 1 : 0) - (before == Outcome.DOWN ? 1 : 0);
      updateNetwork(now, events);
      if (s.flaps.add(r.outcome() != Outcome.DOWN)) {
        events.add(new StatusEvent.Flapping(r.portalId(), s.flaps.flapping(), now));
      }
    }
    PortalStatus next = statusOf(s);
    if (next == PortalStatus.DOWN && s.incident == null && networkProblem) {
      next = s.status; // the failure is probably ours: keep what the board showed, open nothing
    }
    if (next != s.status) {
      String cause = next == PortalStatus.UP ? null : causeOf(s);
      events.add(new StatusEvent.StatusChanged(r.portalId(), s.status, next, cause, now));
      s.status = next;
    }
    if (s.homepage.failing && s.incident == null && !networkProblem) {
      s.incident = new Incident(r.portalId() + ":" + s.homepage.firstFailure.toEpochMilli(), r.portalId(),
          s.homepage.firstFailure, null, s.homepage.cause, Target.HOMEPAGE);
      events.add(new StatusEvent.IncidentOpened(s.incident));
    } else if (!s.homepage.failing && s.incident != null) {
      Instant end = s.homepage.firstRecovery == null ? r.startedAt() : s.homepage.firstRecovery;
      events.add(new StatusEvent.IncidentClosed(s.incident.close(end)));
      s.incident = null;
    }
    return events;
  }

  private PortalStatus statusOf(State s) {
    if (s.flaps.flapping()) {
      return PortalStatus.FLAPPING;
    }
    if (s.homepage.failing) {
      return PortalStatus.DOWN;
    }
    if (s.homepage.impaired || s.eform.impaired) {
      return PortalStatus.DEGRADED;
    }
    if (s.status == PortalStatus.UNKNOWN && s.homepage.last != Outcome.UP) {
      return PortalStatus.UNKNOWN; // nothing confirmed yet either way
    }
    return PortalStatus.UP;
  }

  private static String causeOf(State s) {
    return !s.homepage.failing && !s.homepage.impaired && s.eform.impaired ? s.eform.cause : s.homepage.cause;
  }

  private void updateNetwork(Instant now, List<StatusEvent> events) {
    int total = reporting;
    boolean many = total >= MIN_FLEET && failing >= fleetFailureRatio * total;
    // Cleared only well below the threshold, so a fleet hovering around it does not toggle the verdict.
    boolean few = total < MIN_FLEET || failing < fleetFailureRatio * total / 2;
    if (!networkProblem && many || networkProblem && few) {
      networkProblem = !networkProblem;
      events.add(new StatusEvent.NetworkProblem(networkProblem, failing, total, now));
    }
  }

  /** A failure or recovery seen but not yet confirmed: probe this page again soon (the confirmation retries of docs/PROBING.md). */
  public boolean awaitingConfirmation(String portalId, Target t) {
    State s = states.get(portalId);
    return s != null && s.streak(t).unsettled(confirmDown, confirmUp);
  }

  public PortalStatus status(String portalId) {
    State s = states.get(portalId);
    return s == null ? PortalStatus.UNKNOWN : s.status;
  }

  public Optional<Incident> openIncident(String portalId) {
    State s = states.get(portalId);
    return Optional.ofNullable(s == null ? null : s.incident);
  }

  /** Continues from what the database remembers after a restart. */
  public void restore(String portalId, PortalStatus status, Incident openIncidentOrNull) {
    State s = states.computeIfAbsent(portalId, id -> new State());
    s.status = status;
    s.incident = openIncidentOrNull;
    if (status == PortalStatus.DOWN || openIncidentOrNull != null) {
      s.homepage.failing = true;
      s.homepage.cause = openIncidentOrNull == null ? null : openIncidentOrNull.cause();
    }
    if (status == PortalStatus.DEGRADED) {
      s.homepage.impaired = true;
    }
    if (status == PortalStatus.FLAPPING) {
      s.flaps.assumeFlapping();
    }
  }

  /** Forgets portals that left the fleet. */
  public void retain(Set<String> ids) {
    states.keySet().retainAll(ids);
    reporting = 0;
    failing = 0;
    for (State s : states.values()) {
      reporting += s.homepage.last == null ? 0 : 1;
      failing += s.homepage.last == Outcome.DOWN ? 1 : 0;
    }
  }

  public boolean networkProblem() {
    return networkProblem;
  }
}
