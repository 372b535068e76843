package vn.dvcwatch.app;

import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import vn.dvcwatch.cluster.ClusterNode;
import vn.dvcwatch.cluster.ClusterRoom;
import vn.dvcwatch.cluster.ClusterVerdicts;
import vn.dvcwatch.cluster.ProbeAssignment;
import vn.dvcwatch.cluster.Role;
import vn.dvcwatch.metrics.DvcMetrics;
import vn.dvcwatch.probe.ProbeScheduler;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.status.PortalStatus;
import vn.dvcwatch.status.StatusTracker;
import vn.dvcwatch.store.Store;

/**
 * The start-up step of a cluster node (docs/CLUSTER.md): joins the leader election and the vantages'
 * exchange, and turns the probe pipeline and the board over to the vote. Without a cluster it is not run.
 */
final class ClusterStep {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClusterStep.class);

  private ClusterStep() {}

  /**
   * With {@code probe.vantagesPerPortal: k} (docs/CLUSTER.md, "Who probes what"), this node probes only its
   * vantage's share of the fleet, asked again on every change of the live vantages. The tracker forgets the
   * portals it gave up (they no longer count in its fleet-wide failure check), and a portal it takes over
   * starts from the cluster's voted status, as a restart starts from the stored one: a new vantage continues
   * an outage's confirmation instead of voting UP on its first good probe. Call before the scheduler starts.
   */
  static void spread(ClusterRoom room, int k, ProbeScheduler scheduler, StatusTracker tracker,
      Supplier<Map<String, Portal>> fleet) {
    ProbeAssignment share = room.spread(k);
    if (!share.spreading()) {
      return;
    }
    Set<String> probed = new java.util.HashSet<>();
    Runnable reassign = () -> {
      if (!share.ready()) {
        scheduler.probeOnly(share::probes); // nothing until this node has heard who else probes
        return;
      }
      Set<String> ids = fleet.get().keySet();
      Set<String> mine = ids.stream().filter(share::probes).collect(java.util.stream.Collectors.toSet());
      for (String id : mine) {
        PortalStatus voted = room.status(id);
        if (!probed.contains(id) && tracker.status(id) == PortalStatus.UNKNOWN && voted != PortalStatus.UNKNOWN
            && voted != PortalStatus.PARTIAL) {
          tracker.restore(id, voted, null);
        }
      }
      tracker.retain(mine);
      probed.clear();
      probed.addAll(mine);
      scheduler.probeOnly(share::probes);
      LOG.info("vantage {} probes {} of {} portals", room.vantage(), mine.size(), ids.size());
    };
    share.onChange(reassign);
    reassign.run();
  }

  /** The cluster as this node sees it, labelled with the node and its vantage. */
  private static void gauges(DvcMetrics metrics, ClusterRoom room) {
    gauge(metrics, room, "dvc_cluster_members", "Cluster members this node sees (itself included)",
        () -> room.status().members().size());
    gauge(metrics, room, "dvc_cluster_leader_epoch", "The newest leader epoch this node knows",
        () -> room.status().epoch());
    gauge(metrics, room, "dvc_cluster_quorum", "1 while this node sees a strict majority of the configured members",
        () -> room.status().role() == Role.NO_QUORUM ? 0 : 1);
    gauge(metrics, room, "dvc_cluster_leader", "1 while this node is the leader", () -> room.status().role() == Role.LEADER ? 1 : 0);
  }

  private static void gauge(DvcMetrics metrics, ClusterRoom room, String name, String help, DoubleSupplier value) {
    Gauge.builder(name, value, DoubleSupplier::getAsDouble).description(help).tag("node", room.nodeName())
        .tag("vantage", room.vantage()).strongReference(true).register(metrics.registry());
  }

  /**
   * Starts the room on the caller's context (the watchdog's, which owns the pipeline and the board).
   *
   * @param interval the probe interval: a vantage that has not checked a portal for three of them does not
   *     vote on it (two would drop a vantage whose schedule slipped, leaving a lone failing vantage decisive)
   */
  static Future<ClusterRoom> start(ClusterNode node, Store store, ProbePipeline pipeline, LiveBoard board,
      Supplier<Map<String, Portal>> fleet, Duration interval, DvcMetrics metrics) {
    ClusterRoom[] room = new ClusterRoom[1];
    Supplier<Set<String>> ids = () -> fleet.get().keySet();
    Supplier<Future<ClusterVerdicts.Restored>> restore = () -> {
      var statuses = store.incidents().lastStatuses();
      var open = store.incidents().openIncidents();
      return Future.all(statuses, open).map(x -> new ClusterVerdicts.Restored(statuses.result(), open.result()));
    };
    return ClusterRoom.start(node, store.pool(), interval.multipliedBy(3),
        () -> room[0] == null ? null : pipeline.vantageReport(room[0]), ids, restore,
        (events, token) -> pipeline.decided(events, store.incidents().fenced(room[0].fence(), token)),
        pipeline::acceptRemote)
        .compose(started -> {
          room[0] = started;
          pipeline.cluster(started);
          board.cluster(started);
          started.onVotedChange(board::stale);
          gauges(metrics, started);
          // the leader publishes its board; a follower serves the leader's (docs/CLUSTER.md)
          return started.publishBoard(board::entries).map(published -> {
            board.published(published);
            return started;
          });
        });
  }
}
