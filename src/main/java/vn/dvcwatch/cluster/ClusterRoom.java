package vn.dvcwatch.cluster;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import vn.dvcwatch.status.PortalStatus;
import vn.dvcwatch.status.VantageVote;

/**
 * What the app wires when {@code cluster.enabled} is true (docs/CLUSTER.md): the leader election, the
 * exchange of the vantages' reports and the vote, started together on the caller's context. Without a
 * cluster nothing of it exists and the app runs exactly as before.
 *
 * <ul>
 *   <li>Every node reports what its own vantage sees ({@code local}) every {@link #REPORT_EVERY} and at
 *       once on {@link #localChange()}.
 *   <li>Every node votes on what it has heard ({@link #status}, {@link #vantages}); the leader alone acts
 *       ({@code decisions}, each decision with its fencing token).
 * </ul>
 */
public final class ClusterRoom {
  /** How often each node reports its vantage's view: well inside the vote's window. */
  public static final Duration REPORT_EVERY = Duration.ofSeconds(2);

  private final ClusterNode node;
  private final LeaderElection election;
  private final VantageExchange exchange;
  private final ClusterVerdicts verdicts;
  private final ResultExchange results;
  private volatile ProbeAssignment assignment;
  private volatile BoardExchange board;

  private ClusterRoom(ClusterNode node, LeaderElection election, VantageExchange exchange, ClusterVerdicts verdicts,
      ResultExchange results) {
    this.node = node;
    this.election = election;
    this.exchange = exchange;
    this.verdicts = verdicts;
    this.results = results;
  }

  /**
   * Starts on the caller's context.
   *
   * @param pool the shared PostgreSQL (the epoch row)
   * @param window a vantage that has not checked a portal for this long does not vote on it
   * @param local this vantage's report, made on the caller's context
   * @param portals the ids of the fleet now
   * @param restore what earlier leaders decided, read when this node becomes leader
   * @param remote where the other vantages' probe results go (this node's scoring windows)
   */
  public static Future<ClusterRoom> start(ClusterNode node, Pool pool, Duration window, Supplier<VantageReport> local,
      Supplier<Set<String>> portals, Supplier<Future<ClusterVerdicts.Restored>> restore,
      ClusterVerdicts.Decisions decisions, ResultExchange.Remote remote) {
    ClusterSettings s = node.settings();
    LeaderElection election = new LeaderElection(node.vertx(), pool, s, node.membership());
    VantageExchange exchange = new VantageExchange(node.vertx(), REPORT_EVERY, local, Clock.systemUTC());
    ClusterVerdicts verdicts = new ClusterVerdicts(exchange, new VantageVote(window, s.quorum()), portals, restore,
        election.fence(), decisions, Clock.systemUTC(), REPORT_EVERY.multipliedBy(2));
    election.onChange(verdicts::onRole);
    exchange.onReport(verdicts::decideAll);
    ResultExchange results = new ResultExchange(node.vertx(), s.node(), s.vantage(), remote);
    ClusterRoom room = new ClusterRoom(node, election, exchange, verdicts, results);
    return results.start().compose(x -> exchange.start()).compose(x -> election.start()).map(room);
  }

  /**
   * Spreads the fleet over the live vantages ({@code probe.vantagesPerPortal}, docs/CLUSTER.md): the
   * assignment follows the member list and the reports heard, and from now on a portal's vote counts only
   * its assigned vantages. With {@code k} 0 every vantage probes and votes on every portal, as before.
   * Call once, on the room's context.
   */
  public ProbeAssignment spread(int k) {
    Clock clock = Clock.systemUTC();
    ProbeAssignment assignment = new ProbeAssignment(vantage(), k, REPORT_EVERY.multipliedBy(5),
        REPORT_EVERY.multipliedBy(2), clock.instant());
    if (!assignment.spreading()) {
      return assignment;
    }
    Membership members = node.membership();
    Runnable refresh = () -> assignment.update(members.members().stream().map(Peer::vantage).filter(java.util.Objects::nonNull).toList(),
        exchange.heard(), clock.instant());
    io.vertx.core.Context context = node.vertx().getOrCreateContext();
    members.onChange(() -> context.runOnContext(x -> refresh.run()));
    exchange.onReport(refresh);
    // until this node knows who probes what, every report counts, as without a spread fleet
    verdicts.countOnly((portal, v) -> !assignment.ready() || assignment.vantagesOf(portal).contains(v));
    this.assignment = assignment;
    return assignment;
  }

  /** True when this node's vantage probes {@code portal} (always, unless the fleet is {@link #spread}). */
  public boolean probes(String portal) {
    ProbeAssignment a = assignment;
    return a == null || a.probes(portal);
  }

  /** This node's role, for {@code /health/ready}. */
  public ClusterStatus status() {
    return election.status();
  }

  /** The fence of this node's leader writes. */
  public Fence fence() {
    return election.fence();
  }

  public String vantage() {
    return node.settings().vantage();
  }

  public String nodeName() {
    return node.settings().node();
  }

  /** The voted status of a portal, as this node computes it from what it has heard. */
  public PortalStatus status(String portalId) {
    return verdicts.status(portalId);
  }

  /** The vantages that see the portal DOWN (a PARTIAL portal's failing vantages). */
  public List<String> failing(String portalId) {
    return verdicts.failing(portalId);
  }

  /** A portal's {@code vantages}: each vantage's own status of it and when it checked it. */
  public JsonObject vantages(String portalId) {
    return exchange.vantages(portalId);
  }

  /** {@code listener} runs after a vote changed a status or the failing vantages on this node. */
  public void onVotedChange(Runnable listener) {
    verdicts.onVoted(listener);
  }

  /**
   * One of this vantage's probe results, for every other node's scoring windows; call on the room's context.
   *
   * @param abstains this vantage suspects its own network now
   */
  public void share(vn.dvcwatch.result.ProbeResult r, boolean abstains) {
    results.share(r, abstains, Clock.systemUTC().instant());
  }

  /** The fleet now (a registry reload): the exchange forgets the pages of removed portals. */
  public void retain(Set<String> portals) {
    results.retain(portals);
  }

  /**
   * Publishes this node's board while it leads, and keeps the leader's while it follows (docs/CLUSTER.md,
   * "Every node serves the leader's board"). Call once, on the room's context.
   *
   * @param entries this node's board, one JSON entry per portal (read on the room's context while it leads)
   */
  public Future<BoardExchange> publishBoard(Supplier<java.util.Map<String, JsonObject>> entries) {
    BoardExchange b = new BoardExchange(node.vertx(), nodeName(), this::leads, entries, Clock.systemUTC());
    return b.start().map(x -> {
      board = b;
      return b;
    });
  }

  /** This vantage's view changed: tell the others now rather than at the next round. */
  public void localChange() {
    exchange.publishNow();
  }

  /** True while this node holds the lead (it issues the ids of the events every node streams). */
  public boolean leads() {
    return election.status().role() == Role.LEADER;
  }

  /** True while this node acts on the vote. */
  public boolean deciding() {
    return verdicts.acting();
  }

  /** Stops reporting and leading (a leader releases its row), then leaves the cluster's event bus consumer. */
  public Future<Void> stop() {
    BoardExchange b = board;
    return election.stop().transform(x -> exchange.stop()).transform(x -> results.stop())
        .transform(x -> b == null ? Future.succeededFuture() : b.stop());
  }
}
