package vn.dvcwatch.cluster;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.status.PortalStatus;
import vn.dvcwatch.status.StatusEvent;
import vn.dvcwatch.status.VantageVote;
import vn.dvcwatch.status.VotedStatus;

/**
 * One verdict per portal from the vantages' reports: every node votes on what it has heard (so any node
 * can show the voted status), and only the leader acts on the result. When a node becomes leader it first
 * restores the statuses and open incidents the database holds (what earlier leaders decided), then lets
 * one round of reports arrive ({@code settle}: a node that has just started, or whose reports were in
 * flight, would otherwise close a restored outage on the word of the one vantage it has heard), and only
 * then hands its decisions on, each with the fencing token of the epoch it was made under. A node that stops
 * leading stops acting at once; its next leadership restores afresh.
 *
 * <p>Runs on one context (the exchange's and the election's); {@link #status} and {@link #failing} may be
 * read from any thread.
 */
public final class ClusterVerdicts {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterVerdicts.class);

  /** What the database remembers of earlier leaders' decisions. */
  public record Restored(Map<String, PortalStatus> statuses, List<Incident> openIncidents) {}

  /** Where the leader's decisions go: storage, board and alerts, each write fenced by {@code token}. */
  public interface Decisions {
    void decided(List<StatusEvent> events, Fence.Token token);
  }

  private final VantageExchange exchange;
  private final VantageVote vote;
  private final VotedStatus voted = new VotedStatus();
  private final Supplier<Set<String>> portals;
  private final Supplier<Future<Restored>> restore;
  private final Fence fence;
  private final Decisions decisions;
  private final Clock clock;
  private final java.time.Duration settle;
  private volatile Instant actingFrom = Instant.MAX;
  private Runnable onVoted = () -> { };
  /** Whose reports on a portal count: every vantage's, or with a spread fleet only its assigned vantages'. */
  private volatile java.util.function.BiPredicate<String, String> counts = (portal, vantage) -> true;
  /** 0: not leading; otherwise the epoch this node leads with, set once the restore is done. */
  private long actingEpoch;
  private long restoringEpoch;

  public ClusterVerdicts(VantageExchange exchange, VantageVote vote, Supplier<Set<String>> portals,
      Supplier<Future<Restored>> restore, Fence fence, Decisions decisions, Clock clock, java.time.Duration settle) {
    this.settle = settle;
    this.exchange = exchange;
    this.vote = vote;
    this.portals = portals;
    this.restore = restore;
    this.fence = fence;
    this.decisions = decisions;
    this.clock = clock;
  }

  /** The election's listener: becoming leader restores, then acts; losing it stops acting. */
  public void onRole(ClusterStatus s) {
    if (s.role() != Role.LEADER) {
      if (actingEpoch != 0 || restoringEpoch != 0) {
        LOG.info("no longer leader: the vote's decisions are not acted on here");
      }
      actingEpoch = 0;
      restoringEpoch = 0;
      return;
    }
    if (actingEpoch == s.epoch() || restoringEpoch == s.epoch()) {
      return;
    }
    long epoch = s.epoch();
    actingEpoch = 0;
    restoringEpoch = epoch;
    restore.get().onComplete(r -> {
      if (restoringEpoch != epoch) {
        return; // lost or changed leadership meanwhile
      }
      restoringEpoch = 0;
      if (r.failed()) {
        LOG.warn("cannot restore the decided statuses for epoch {}: {}; trying again on the next change", epoch,
            r.cause().toString());
        return;
      }
      voted.clear();
      r.result().statuses().forEach((id, st) -> voted.restore(id, st, null));
      r.result().openIncidents().forEach(i -> voted.restore(i.portalId(), PortalStatus.DOWN, i));
      actingEpoch = epoch;
      actingFrom = clock.instant().plus(settle);
      LOG.info("leader with epoch {}: {} statuses and {} open incidents restored; deciding in {} ms", epoch,
          r.result().statuses().size(), r.result().openIncidents().size(), settle.toMillis());
    });
  }

  /** Votes on every portal; the leader acts on what changed. Called after every report received. */
  public void decideAll() {
    Instant now = clock.instant();
    if (settling(now)) {
      // A new leader settles (a round of reports has not yet arrived): it applies nothing, not even to the state it
      // restored, since a change applied now would never be written: a recovery during the settle moved the state
      // to UP in memory and left the incident open in the database for ever. Its first vote after the settle
      // decides from the restored state.
      return;
    }
    Fence.Token token = acting(now) ? fence.token() : null;
    boolean acting = token != null && token.epoch() == actingEpoch;
    boolean changed = false;
    for (String id : portals.get()) {
      VantageVote.Verdict v = vote.decide(exchange.ballots(id).stream().filter(b -> counts.test(id, b.vantage())).toList(),
          now);
      List<String> failingBefore = voted.failing(id);
      List<StatusEvent> events = voted.apply(id, v, exchange.downSince(id, v.failing()), now);
      changed |= !events.isEmpty() || !failingBefore.equals(v.failing());
      if (acting && !events.isEmpty()) {
        decisions.decided(events, token);
      }
    }
    if (changed) {
      onVoted.run();
    }
  }

  /**
   * From now on only the vantages {@code counts} accepts vote on a portal ({@code (portal, vantage)}): those
   * assigned to probe it when the fleet is spread (docs/CLUSTER.md, "The vote with k vantages per portal").
   */
  public void countOnly(java.util.function.BiPredicate<String, String> counts) {
    this.counts = counts;
  }

  /** {@code listener} runs after a vote changed a status on this node (leader or not): the board is stale. */
  public void onVoted(Runnable listener) {
    this.onVoted = listener;
  }

  /** The voted status of a portal, as this node last computed it. */
  public PortalStatus status(String portalId) {
    return voted.status(portalId);
  }

  /** The vantages that saw the portal DOWN at the last vote. */
  public List<String> failing(String portalId) {
    return voted.failing(portalId);
  }

  /** True while this node acts on the vote (it leads, has restored, and has heard a round of reports since). */
  public boolean acting() {
    return acting(clock.instant());
  }

  private boolean acting(Instant now) {
    return actingEpoch != 0 && !settling(now);
  }

  /** A new leader that has restored but not yet heard a round of reports: it votes on nothing yet. */
  private boolean settling(Instant now) {
    return actingEpoch != 0 && now.isBefore(actingFrom);
  }
}
