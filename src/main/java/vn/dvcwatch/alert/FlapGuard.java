package vn.dvcwatch.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides when a portal is flapping: {@code openings} incidents opened within {@code window}. An
 * episode lasts until the portal has had no new incident for a whole {@code window}. Kept in memory:
 * after a restart a flapping portal needs {@code openings} new incidents to be recognised again.
 */
final class FlapGuard {
  /** What an incident opening means for alerting. */
  enum Verdict { NORMAL, STARTED, ONGOING }

  private static final class State {
    final Deque<Instant> openings = new ArrayDeque<>();
    Instant episodeStart;
    Instant lastActivity;
    String lastIncident;
  }

  private final int openings;
  private final Duration window;
  private final Map<String, State> states = new HashMap<>();

  FlapGuard(int openings, Duration window) {
    this.openings = openings;
    this.window = window;
  }

  /** An incident was opened; the same incident reported twice (a replay) counts once. */
  synchronized Verdict opened(String portalId, String incidentId, Instant at) {
    State s = states.computeIfAbsent(portalId, k -> new State());
    endIfQuiet(s, at);
    if (incidentId != null && incidentId.equals(s.lastIncident)) {
      return s.episodeStart != null ? Verdict.ONGOING : Verdict.NORMAL;
    }
    s.lastIncident = incidentId;
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
