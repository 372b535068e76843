package vn.dvcwatch.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.dvcwatch.result.Cause;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.ProbeResult;

/**
 * The fleet-wide "is it our own network?" check (docs/RELIABILITY.md, R6), as plain state. It counts the
 * portals whose latest homepage probe failed <em>unanswered</em>: no name, no connection, no TLS handshake,
 * a reset or a timeout before the server said anything. A server that answered (a refused certificate, an
 * HTTP 500, a malformed head) proves that our network reaches it, so it never counts.
 *
 * <p>The flag is on while at least {@code ratio} of the fleet (five portals or more, and half of the fleet
 * when its size is known) fails unanswered on its
 * latest probe, and off again below half of that. The latest probe of most portals is up to one interval
 * old, so when our network goes, the flag turns on only after enough of the fleet has had its next probe,
 * while one portal's confirmation retries are faster than that. So the decision to open an outage that
 * failed unanswered asks {@link #judge}: among the portals probed since the probe that confirmed it, can
 * enough have failed unanswered to reach the ratio once the rest are probed too? While they can, the
 * decision waits (at most {@code window}, one probe interval, from the moment it was first asked); as soon
 * as they cannot, it is not our network.
 *
 * <p>Times are the probes' start times; "now" is the latest start time seen, so the check needs no clock.
 * Per portal, probes of the homepage never overlap, so each portal's results arrive in start order.
 */
final class FleetCheck {
  static final int MIN_FLEET = 5;
  private static final Set<String> UNANSWERED = Set.of(Cause.DNS, Cause.CONNECT, Cause.TLS, Cause.RESET,
      Cause.TIMEOUT);

  /** What the check says about one outage waiting to be opened. */
  enum Verdict {
    /** Our own network is the likely cause: open nothing. */
    OURS,
    /** Not our network: open it. */
    THEIRS,
    /** Too little of the fleet seen since its confirmation to tell: wait. */
    UNDECIDED
  }

  private record Latest(Instant at, boolean unanswered) {}

  /**
   * An outage waiting for the fleet: how many portals were probed since its confirming failure, and how many of
   * those failed unanswered.
   */
  private static final class Watch {
    final Instant run;
    final Instant since;
    final Instant heldAt;
    int seen;
    int failing;

    Watch(Instant run, Instant since, Instant heldAt) {
      this.run = run;
      this.since = since;
      this.heldAt = heldAt;
    }

    /** A portal's latest result changed from {@code before} (null: none) to {@code after}. */
    void move(Latest before, Latest after) {
      if (before != null && !before.at.isBefore(since)) {
        seen--;
        failing -= before.unanswered ? 1 : 0;
      }
      if (!after.at.isBefore(since)) {
        seen++;
        failing += after.unanswered ? 1 : 0;
      }
    }
  }

  private final double ratio;
  private final Duration window;
  private final Map<String, Latest> latest = new HashMap<>();
  private final Map<String, Watch> watches = new HashMap<>();
  private int failing;
  /** The fleet's size when known ({@link #retain}), else 0. */
  private int expected;
  private boolean problem;
  private Instant now = Instant.MIN;

  FleetCheck(double ratio, Duration window) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window " + window);
    }
    this.ratio = ratio;
    this.window = window;
  }

  /** A failure the server did not answer: only these can say that our own network is down. */
  static boolean unanswered(ProbeResult r) {
    return r.outcome() == Outcome.DOWN && r.status() == null && r.tls() == null && UNANSWERED.contains(r.cause());
  }

  /** One homepage result; true when it turned the flag on or off. */
  boolean add(String portal, Instant at, boolean unanswered) {
    Latest after = new Latest(at, unanswered);
    Latest before = latest.put(portal, after);
    failing += (unanswered ? 1 : 0) - (before != null && before.unanswered ? 1 : 0);
    for (Watch w : watches.values()) {
      w.move(before, after);
    }
    if (at.isAfter(now)) {
      now = at;
    }
    int total = latest.size();
    boolean many = total >= minSample() && failing >= ratio * total;
    // Cleared only well below the threshold, so a fleet hovering around it does not toggle the verdict.
    boolean few = total < MIN_FLEET || failing < ratio * total / 2;
    if (!problem && many || problem && few) {
      problem = !problem;
      return true;
    }
    return false;
  }

  /**
   * Whether the outage of {@code portal}, a run of unanswered failures that began at {@code run} and was
   * confirmed by the probe started at {@code confirmed}, is ours. The first call of a run starts its watch:
   * the fleet is asked about the portals probed since that confirming probe (a portal that was already
   * failing before our network went would otherwise be judged on the healthy fleet of before), and waits at
   * most one window from then. {@link #release} ends the watch.
   */
  Verdict judge(String portal, Instant run, Instant confirmed) {
    int total = latest.size();
    if (total < minSample()) {
      return Verdict.THEIRS;
    }
    if (problem) {
      return Verdict.OURS;
    }
    Watch w = watches.get(portal);
    if (w == null || !w.run.equals(run)) {
      w = new Watch(run, confirmed, now);
      recount(w);
      watches.put(portal, w);
    }
    boolean couldReach = w.failing + (total - w.seen) >= ratio * total;
    if (!couldReach || !now.isBefore(w.heldAt.plus(window))) {
      return Verdict.THEIRS; // even if every portal not yet probed since fails, too few; or waited long enough
    }
    return Verdict.UNDECIDED;
  }

  /** The portals whose outage waits for the fleet. */
  List<String> waiting() {
    return watches.isEmpty() ? List.of() : new ArrayList<>(watches.keySet());
  }

  void release(String portal) {
    watches.remove(portal);
  }

  boolean problem() {
    return problem;
  }

  int failing() {
    return failing;
  }

  int total() {
    return latest.size();
  }

  /**
   * The fewest portals with a result before the fleet can say anything: five, and half of the fleet when its
   * size is known, so that the first few results after a start (the first round's cold handshakes, on a busy
   * machine the slowest) are not "most of the fleet".
   */
  private int minSample() {
    return Math.max(MIN_FLEET, (expected + 1) / 2);
  }

  /** The fleet is these portals (at start and after each registry edit); portals that left it are forgotten. */
  void retain(Set<String> ids) {
    expected = ids.size();
    latest.keySet().retainAll(ids);
    watches.keySet().retainAll(ids);
    failing = (int) latest.values().stream().filter(Latest::unanswered).count();
    watches.values().forEach(this::recount);
  }

  private void recount(Watch w) {
    w.seen = 0;
    w.failing = 0;
    latest.values().forEach(l -> w.move(null, l));
  }
}
