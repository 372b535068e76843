package vn.dvcwatch.app;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.alert.AlertService;
import vn.dvcwatch.cluster.ClusterRoom;
import vn.dvcwatch.cluster.VantageReport;
import vn.dvcwatch.grade.FleetEvaluator;
import vn.dvcwatch.metrics.DvcMetrics;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.status.PortalStatus;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.probe.ProbeScheduler;
import vn.dvcwatch.probe.WarmUp;
import vn.dvcwatch.status.StatusEvent;
import vn.dvcwatch.status.StatusTracker;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.store.IncidentLog;
import vn.dvcwatch.store.Store;
import vn.dvcwatch.web.EventHub;

/**
 * Where every probe result goes, on the event loop, in this order: metrics, the store's buffer, the
 * scoring windows, the status tracker, and the live stream. The tracker's decisions (a confirmed outage,
 * a recovery, flapping, the watchdog's own network) become durable rows, with their alert-outbox rows in
 * the same transaction, through the {@link RetryQueue}; nothing here waits on the database.
 *
 * <p>In a cluster ({@link #cluster}) the tracker's conclusions are this vantage's view only: they are
 * reported to the other nodes, and what is written, shown and alerted comes from the leader's vote
 * ({@link #decided}), each write fenced by the epoch it was decided under (docs/CLUSTER.md).
 */
final class ProbePipeline {
  private static final Logger LOG = LoggerFactory.getLogger(ProbePipeline.class);

  private final DvcMetrics metrics;
  private final Store store;
  private final FleetEvaluator evaluator;
  private final StatusTracker tracker;
  private final AlertService alerts;
  private final EventHub hub;
  private final RetryQueue writes;
  private final boolean publishProbes;
  private final Map<String, ProbeResult> latest = new ConcurrentHashMap<>();
  /** In a cluster: the latest result of each page from the other vantages (the board's and the leader's view). */
  private final Map<String, ProbeResult> remote = new ConcurrentHashMap<>();
  private final WarmUp warmUp = new WarmUp(WarmUp.PERIOD);
  /** The refused certificate each homepage last presented, in Vietnamese: the certificate alert's detail. */
  private final Map<String, String> refusals = new ConcurrentHashMap<>();
  private volatile Map<String, Portal> portals = Map.of();
  private ProbeScheduler scheduler;
  private Runnable onStatusChange = () -> { };
  private volatile ClusterRoom cluster;

  ProbePipeline(DvcMetrics metrics, Store store, FleetEvaluator evaluator, StatusTracker tracker, AlertService alerts,
      EventHub hub, RetryQueue writes, boolean publishProbes) {
    this.metrics = metrics;
    this.store = store;
    this.evaluator = evaluator;
    this.tracker = tracker;
    this.alerts = alerts;
    this.hub = hub;
    this.writes = writes;
    this.publishProbes = publishProbes;
  }

  /** Called after a confirmed status changed (the board's ranking is then stale). */
  void onStatusChange(Runnable r) {
    this.onStatusChange = r;
  }

  /** From now on, the tracker reports this vantage's view to the cluster instead of deciding alone. */
  void cluster(ClusterRoom room) {
    this.cluster = room;
  }

  /**
   * This vantage's view for the other nodes: each portal's status and cause as this node's tracker confirmed
   * them (a certificate outage confirmed through timeouts stays {@code certificate}), checked at its latest
   * homepage probe, for the portals it probes now (with a spread fleet, not those it has handed over: its old view
   * of them would count in nobody's vote); it abstains while it suspects its own network.
   */
  VantageReport vantageReport(ClusterRoom room) {
    Map<String, VantageReport.Seen> seen = new java.util.HashMap<>();
    for (String id : portals.keySet()) {
      ProbeResult home = latest(id, Target.HOMEPAGE);
      if (home != null && room.probes(id)) {
        seen.put(id, new VantageReport.Seen(tracker.status(id), tracker.cause(id), home.startedAt(),
            tracker.openIncident(id).map(Incident::start).orElse(null)));
      }
    }
    return new VantageReport(room.vantage(), room.nodeName(), java.time.Instant.now(), tracker.networkProblem(), seen);
  }

  /** The leader's decisions from the vote: written through {@code log} (fenced by their epoch), shown, alerted. */
  void decided(List<StatusEvent> events, IncidentLog log) {
    events.forEach(e -> onStatusEvent(e, log));
  }

  void scheduler(ProbeScheduler s) {
    this.scheduler = s;
  }

  void fleet(List<Portal> fleet) {
    Map<String, Portal> byId = new java.util.HashMap<>();
    fleet.forEach(p -> byId.put(p.id(), p));
    portals = Map.copyOf(byId);
    latest.keySet().removeIf(k -> !byId.containsKey(k.substring(0, k.indexOf('\0'))));
    remote.keySet().removeIf(k -> !byId.containsKey(k.substring(0, k.indexOf('\0'))));
    ClusterRoom room = cluster;
    if (room != null) {
      room.retain(byId.keySet());
    }
    refusals.keySet().retainAll(byId.keySet());
  }

  /** The latest result of one page of a portal from this node's vantage, or null before its first probe. */
  ProbeResult latest(String portalId, Target target) {
    return latest.get(portalId + '\0' + target.name());
  }

  /**
   * The result of a page that the board and the certificate check read: this vantage's latest, or in a cluster,
   * when this vantage does not probe the portal (a spread fleet), the latest another vantage sent.
   */
  ProbeResult shown(String portalId, Target target) {
    ProbeResult own = latest(portalId, target);
    return own != null ? own : remote.get(portalId + '\0' + target.name());
  }

  /** When any vantage last probed the page (null before the first probe). */
  java.time.Instant checkedAt(String portalId, Target target) {
    ProbeResult own = latest(portalId, target);
    ProbeResult other = remote.get(portalId + '\0' + target.name());
    if (own == null || other == null) {
      return own != null ? own.startedAt() : other == null ? null : other.startedAt();
    }
    return own.startedAt().isAfter(other.startedAt()) ? own.startedAt() : other.startedAt();
  }

  /**
   * A result of another vantage (docs/CLUSTER.md, "Grading from every vantage"): into the scoring windows, as
   * every node's windows hold every vantage's probes; not stored (its vantage stored it), not counted in this
   * node's metrics (they are its vantage's) and not given to the tracker (its view is this vantage's own).
   */
  void acceptRemote(ProbeResult r, String vantage, boolean abstains) {
    if (!portals.containsKey(r.portalId())) {
      return;
    }
    String page = r.portalId() + '\0' + r.target().name();
    remote.merge(page, r, (old, now) -> now.startedAt().isBefore(old.startedAt()) ? old : now);
    evaluator.record(r, available(r, abstains));
  }

  /**
   * Whether a probe's time counts as up in the scoring windows. Alone, its outcome. In a cluster the windows hold
   * every vantage's probes of a portal, and availability follows the vote: a failure seen while the vote says
   * PARTIAL (only a minority of vantages fails), or by a vantage that suspects its own network (it abstains), is
   * not the portal's downtime (docs/SCORING.md, "Several vantages").
   */
  private boolean available(ProbeResult r, boolean abstains) {
    ClusterRoom room = cluster;
    return r.up() || room != null && (abstains || room.status(r.portalId()) == PortalStatus.PARTIAL);
  }

  void accept(ProbeResult probed) {
    Portal portal = portals.get(probed.portalId());
    if (portal == null) {
      return; // a probe that was in flight when its portal left the registry
    }
    ProbeResult r = warmUp.mark(probed); // stored, published and windowed with its mark (docs/SCORING.md)
    latest.put(r.portalId() + '\0' + r.target().name(), r);
    if (r.target() == Target.HOMEPAGE && r.tls() != null) {
      String refused = CertificateDetail.refusals(r.tls());
      if (refused == null) {
        refusals.remove(r.portalId());
      } else {
        refusals.put(r.portalId(), refused);
      }
    }
    metrics.onProbe(r);
    store.probes().append(r);
    ClusterRoom room = cluster;
    boolean abstains = room != null && tracker.networkProblem();
    evaluator.record(r, available(r, abstains));
    if (room != null) {
      room.share(r, abstains); // every other node's windows hold it too
    }
    if (publishProbes) {
      hub.publish("probe", EventJson.probe(r));
    }
    for (StatusEvent e : tracker.record(r)) {
      if (room == null) {
        onStatusEvent(e, store.incidents());
      } else if (e instanceof StatusEvent.StatusChanged || e instanceof StatusEvent.NetworkProblem) {
        room.localChange(); // this vantage's view changed: the vote hears it now, not at the next round
      }
    }
    if (scheduler != null && tracker.awaitingConfirmation(r.portalId(), r.target())) {
      scheduler.retrySoon(r.portalId(), r.target());
    }
    PortalStatus s = room == null ? tracker.status(r.portalId()) : room.status(r.portalId());
    metrics.portal(r.portalId()).up = s == PortalStatus.UNKNOWN ? Double.NaN : s == PortalStatus.DOWN ? 0 : 1;
  }

  /**
   * The refused certificate behind a certificate outage: from the latest homepage result, or when that
   * one got no handshake (it timed out before), from the last one that did (docs/ALERTS.md).
   */
  private String certificateDetail(Incident i) {
    return vn.dvcwatch.result.Cause.CERTIFICATE.equals(i.cause()) ? refusals.get(i.portalId()) : null;
  }

  private void onStatusEvent(StatusEvent e, IncidentLog incidents) {
    if (e instanceof StatusEvent.StatusChanged s) {
      LOG.info("{}: {} -> {}{}", s.portalId(), s.from(), s.to(), s.cause() == null ? "" : " (" + s.cause() + ")");
      onStatusChange.run();
      ClusterRoom room = cluster;
      hub.publish("status", room == null ? EventJson.status(s)
          : EventJson.status(s).put("vantages", room.vantages(s.portalId())));
      writes.submit("transition of " + s.portalId(),
          () -> incidents.transition(s.portalId(), s.from(), s.to(), s.cause(), s.at()));
    } else if (e instanceof StatusEvent.IncidentOpened o) {
      Incident i = o.incident();
      Portal p = portals.get(i.portalId());
      hub.publish("incident", EventJson.incident(i));
      writes.submit("incident " + i.id() + " opened",
          () -> incidents.open(i, tx -> p == null ? Future.succeededFuture()
              : alerts.onIncidentOpened(tx, p, i, certificateDetail(i))));
    } else if (e instanceof StatusEvent.IncidentClosed c) {
      Incident i = c.incident();
      Portal p = portals.get(i.portalId());
      LOG.info("{}: recovered after {} s", i.portalId(), i.length(i.end()).toSeconds());
      hub.publish("incident", EventJson.incident(i));
      writes.submit("incident " + i.id() + " closed",
          () -> incidents.close(i, tx -> p == null ? Future.succeededFuture() : alerts.onIncidentClosed(tx, p, i)));
    } else if (e instanceof StatusEvent.Flapping f) {
      Portal p = portals.get(f.portalId());
      if (f.started() && p != null) {
        // in the decision's own transaction: in a cluster, fenced by the epoch it was decided under
        writes.submit("flapping notice for " + f.portalId(), () -> incidents.write(tx -> alerts.onFlapping(tx, p, f.at())));
      }
    } else if (e instanceof StatusEvent.NetworkProblem n) {
      LOG.warn(n.problem() ? "most of the fleet fails at once ({} of {}): suspecting the watchdog's own network"
          : "fleet answers again ({} of {} failing): watchdog network problem over", n.failing(), n.total());
      writes.submit("watchdog network notice",
          () -> alerts.onWatchdogNetwork(n.problem(), n.failing(), n.total(), n.at()));
    }
  }
}
