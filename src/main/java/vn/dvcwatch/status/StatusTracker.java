package vn.dvcwatch.status;

import java.time.Clock;
import java.time.Duration;
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
  private final Clock clock;
  private final Map<String, State> states = new ConcurrentHashMap<>();
  private final FleetCheck fleet;
  private volatile boolean networkProblem;

  /** With the default probe interval (30 s) as the fleet check's longest wait. */
  public StatusTracker(int confirmDown, int confirmUp, double fleetFailureRatio, Clock clock) {
    this(confirmDown, confirmUp, fleetFailureRatio, Duration.ofSeconds(30), clock);
  }

  /**
   * @param fleetWindow the longest an outage that no server answered waits for the fleet check (one probe
   *     interval: by then every portal has had its next probe)
   */
  public StatusTracker(int confirmDown, int confirmUp, double fleetFailureRatio, Duration fleetWindow, Clock clock) {
    this.confirmDown = confirmDown;
    this.confirmUp = confirmUp;
    this.fleet = new FleetCheck(fleetFailureRatio, fleetWindow);
    this.clock = clock;
  }

  public List<StatusEvent> record(ProbeResult r) {
    List<StatusEvent> events = new ArrayList<>();
    State s = states.computeIfAbsent(r.portalId(), id -> new State());
    s.streak(r.target()).add(r, confirmDown, confirmUp);
    Instant now = clock.instant();
    if (r.target() == Target.HOMEPAGE) {
      if (fleet.add(r.portalId(), r.startedAt(), FleetCheck.unanswered(r))) {
        networkProblem = fleet.problem();
        events.add(new StatusEvent.NetworkProblem(networkProblem, fleet.failing(), fleet.total(), now));
        if (!networkProblem) {
          forgetHeldFailures();
        }
      }
      if (s.flaps.add(r.outcome() != Outcome.DOWN)) {
        events.add(new StatusEvent.Flapping(r.portalId(), s.flaps.flapping(), now));
      }
    }
    decide(r.portalId(), s, r.startedAt(), now, events);
    if (r.target() == Target.HOMEPAGE) {
      // This result may be what the outages waiting for the fleet needed to be told apart from our network.
      for (String waiting : fleet.waiting()) {
        State w = states.get(waiting);
        if (!waiting.equals(r.portalId()) && w != null) {
          decide(waiting, w, null, now, events);
        }
      }
    }
    return events;
  }

  /** The confirmed status and incident of one portal from its streaks; {@code resultAt} ends a recovered incident. */
  private void decide(String portalId, State s, Instant resultAt, Instant now, List<StatusEvent> events) {
    boolean held = s.homepage.failing && s.incident == null && heldBack(portalId, s);
    PortalStatus next = statusOf(s);
    if (next == PortalStatus.DOWN && held) {
      next = s.status; // the failure may be ours: keep what the board showed, open nothing
    }
    if (next != s.status) {
      String cause = next == PortalStatus.UP ? null : causeOf(s);
      events.add(new StatusEvent.StatusChanged(portalId, s.status, next, cause, now));
      s.status = next;
    }
    if (s.homepage.failing && s.incident == null && !held) {
      // restored DOWN without an incident (a cluster node taking a portal over, a restart between the status and
      // the incident rows), and an eForm result first: the outage is known from now, not from a failure seen here
      Instant first = s.homepage.firstFailure != null ? s.homepage.firstFailure : resultAt;
      s.incident = new Incident(portalId + ":" + first.toEpochMilli(), portalId, first, null, s.homepage.cause,
          Target.HOMEPAGE);
      events.add(new StatusEvent.IncidentOpened(s.incident));
    } else if (!s.homepage.failing && s.incident != null) {
      Instant end = s.homepage.firstRecovery == null ? resultAt : s.homepage.firstRecovery;
      events.add(new StatusEvent.IncidentClosed(s.incident.close(end)));
      s.incident = null;
    }
    if (!held) {
      fleet.release(portalId);
    }
  }

  /**
   * Whether a confirmed homepage outage must wait: while our own network is suspected, every one does; an
   * outage whose latest failure no server answered waits until enough of the fleet was probed since its
   * confirming failure to tell (at most one window, {@link FleetCheck#judge}).
   */
  private boolean heldBack(String portalId, State s) {
    if (networkProblem) {
      return true;
    }
    return s.homepage.lastFailureUnanswered() && s.homepage.firstFailure != null
        && fleet.judge(portalId, s.homepage.firstFailure, s.homepage.lastFailure) != FleetCheck.Verdict.THEIRS;
  }

  /**
   * Our network is back: the failures it held back prove nothing about the portals, so each must fail
   * {@code confirmDown} times again to be an outage (else every portal whose recovery is not yet confirmed
   * would open an incident the moment the flag clears).
   */
  private void forgetHeldFailures() {
    states.forEach((id, s) -> {
      if (s.homepage.failing && s.incident == null) {
        s.homepage.forgetFailures(s.status != PortalStatus.DEGRADED);
        fleet.release(id);
      }
    });
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

  /** A failure or recovery seen but not yet confirmed: probe this page again soon (the confirmation retries of docs/PROBING.md). */
  public boolean awaitingConfirmation(String portalId, Target t) {
    State s = states.get(portalId);
    return s != null && s.streak(t).unsettled(confirmDown, confirmUp);
  }

  public PortalStatus status(String portalId) {
    State s = states.get(portalId);
    return s == null ? PortalStatus.UNKNOWN : s.status;
  }

  /**
   * The cause behind the confirmed status, null when UP or UNKNOWN: the single-node rule, so a run of
   * failures that showed a refused certificate is {@code certificate} even when its latest probe timed out
   * (a vantage's report to the cluster's vote carries this, not its latest probe's cause).
   */
  public String cause(String portalId) {
    State s = states.get(portalId);
    return s == null || s.status == PortalStatus.UP || s.status == PortalStatus.UNKNOWN ? null : causeOf(s);
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

  /** The fleet is these portals (called at start and after each registry edit): forgets portals that left it. */
  public void retain(Set<String> ids) {
    states.keySet().retainAll(ids);
    fleet.retain(ids);
  }

  public boolean networkProblem() {
    return networkProblem;
  }
}
