package vn.dvcwatch.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides when a portal is flapping: {@code openings} incidents opened within {@code window}. An
 * episode lasts until the portal has had no new incident for a whole {@code window}. Kept in memory,
 * and {@link #seed seeded} from the outbox the first time a portal is seen after a restart.
 */
final class FlapGuard {
  /** What an incident opening means for alerting. */
  enum Verdict { NORMAL, STARTED, ONGOING }

  private static final class State {
    final Deque<Instant> openings = new ArrayDeque<>();
    Instant episodeStart;
    Instant lastActivity;
    String lastIncident;
    Verdict lastVerdict;
  }

  private final int openings;
  private final Duration window;
  private final Map<String, State> states = new HashMap<>();

  FlapGuard(int openings, Duration window) {
    this.openings = openings;
    this.window = window;
  }

  /**
   * An incident was opened; the same incident reported twice counts once and gets the same verdict. Its
   * opening is counted before its transaction commits, so a retry of a transaction that failed is such a
   * replay, and must find STARTED again to write the episode's notice (under the same key).
   */
  synchronized Verdict opened(String portalId, String incidentId, Instant at) {
    State s = states.computeIfAbsent(portalId, k -> new State());
    endIfQuiet(s, at);
    if (incidentId != null && incidentId.equals(s.lastIncident)) {
      if (s.lastVerdict == Verdict.STARTED && s.episodeStart != null) {
        return Verdict.STARTED;
      }
      return s.episodeStart != null ? Verdict.ONGOING : Verdict.NORMAL;
    }
    s.lastIncident = incidentId;
    s.lastVerdict = counted(s, at);
    return s.lastVerdict;
  }

  private Verdict counted(State s, Instant at) {
    while (!s.openings.isEmpty() && s.openings.peekFirst().isBefore(at.minus(window))) {
      s.openings.removeFirst();
    }
    s.openings.addLast(at);
    s.lastActivity = at;
    if (s.episodeStart != null) {
      return Verdict.ONGOING;
    }
    if (s.openings.size() >= openings) {
      s.episodeStart = at;
      return Verdict.STARTED;
    }
    return Verdict.NORMAL;
  }

  synchronized boolean knows(String portalId) {
    return states.containsKey(portalId);
  }

  /** Restores what the outbox remembers: recent openings, and the start of a running episode (or null). */
  synchronized void seed(String portalId, List<Instant> recentOpenings, Instant flappingSince, String lastIncidentId) {
    if (states.containsKey(portalId)) {
      return; // another call got there first and may already have counted a new opening
    }
    State s = new State();
    states.put(portalId, s);
    recentOpenings.stream().sorted().forEach(s.openings::addLast);
    s.episodeStart = flappingSince;
    s.lastIncident = lastIncidentId;
    s.lastActivity = s.openings.isEmpty() ? flappingSince : s.openings.peekLast();
    if (flappingSince != null && flappingSince.isAfter(s.lastActivity)) {
      s.lastActivity = flappingSince;
    }
  }

  /** The status engine declared the portal flapping itself; STARTED only if no episode was running. */
  synchronized Verdict declared(String portalId, Instant at) {
    State s = states.computeIfAbsent(portalId, k -> new State());
    endIfQuiet(s, at);
    s.lastActivity = at;
    if (s.episodeStart != null) {
      return Verdict.ONGOING;
    }
    s.episodeStart = at;
    return Verdict.STARTED;
  }

  synchronized boolean flapping(String portalId, Instant at) {
    State s = states.get(portalId);
    if (s == null) {
      return false;
    }
    endIfQuiet(s, at);
    return s.episodeStart != null;
  }

  synchronized Instant episodeStart(String portalId) {
    State s = states.get(portalId);
    return s == null ? null : s.episodeStart;
  }

  synchronized int recentOpenings(String portalId) {
    State s = states.get(portalId);
    return s == null ? 0 : s.openings.size();
  }

  private void endIfQuiet(State s, Instant at) {
    if (s.episodeStart != null && !s.lastActivity.plus(window).isAfter(at)) {
      s.episodeStart = null;
      s.openings.clear();
    }
  }
}
