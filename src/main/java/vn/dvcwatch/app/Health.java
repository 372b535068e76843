package vn.dvcwatch.app;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;
import vn.dvcwatch.alert.AlertService;
import vn.dvcwatch.browser.BrowserRoom;
import vn.dvcwatch.cluster.ClusterStatus;
import vn.dvcwatch.metrics.DvcMetrics;
import vn.dvcwatch.probe.ProbeScheduler;
import vn.dvcwatch.status.StatusTracker;
import vn.dvcwatch.store.Store;
import vn.dvcwatch.web.EventHub;

/**
 * The watchdog's own health: {@code /health/ready} (UP once probing runs with the database up and the mail backlog
 * small, DEGRADED otherwise, DOWN before the first probe; docs/OPERATIONS.md) and the gauges of the same facts on
 * {@code /metrics}. Every figure is safe to read from any thread.
 */
final class Health {
  private static final int MAIL_BACKLOG_DEGRADED = 100;

  private final Store store;
  private final RetryQueue writes;
  private final AlertService alerts;
  private final boolean alertsEnabled;
  private final StatusTracker tracker;
  private final EventHub hub;
  private final BrowserRoom browser;
  private volatile ProbeScheduler scheduler;
  /** This node's place in the cluster: {@code single} without one (docs/CLUSTER.md). */
  private volatile Supplier<ClusterStatus> role;

  Health(Store store, RetryQueue writes, AlertService alerts, boolean alertsEnabled, StatusTracker tracker, EventHub hub,
      BrowserRoom browser) {
    this.store = store;
    this.writes = writes;
    this.alerts = alerts;
    this.alertsEnabled = alertsEnabled;
    this.tracker = tracker;
    this.hub = hub;
    this.browser = browser;
  }

  /** Where {@code cluster} of the readiness comes from. */
  void role(Supplier<ClusterStatus> clusterRole) {
    role = clusterRole;
  }

  /** In a cluster: whose board this node serves ({@code cluster.board}, docs/CLUSTER.md). */
  void boardSource(Supplier<JsonObject> source) {
    boardSource = source;
  }

  private volatile Supplier<JsonObject> boardSource;

  /** Probing has started: from now on the probe loop's figures count. */
  void probing(ProbeScheduler started) {
    scheduler = started;
  }

  Future<JsonObject> readiness() {
    ProbeScheduler s = scheduler;
    boolean db = store.up();
    boolean probing = s != null && s.probesStarted() > 0;
    long backlog = alerts.backlog();
    String status = !probing ? "DOWN" : db && backlog < MAIL_BACKLOG_DEGRADED ? "UP" : "DEGRADED";
    JsonObject checks = new JsonObject()
        .put("database", new JsonObject().put("up", db).put("bufferDepth", store.probes().bufferDepth())
            .put("overflowed", store.probes().overflowed()).put("pendingWrites", writes.depth()))
        .put("smtp", new JsonObject().put("enabled", alertsEnabled).put("backlog", backlog))
        .put("probeLoop", new JsonObject().put("running", probing)
            .put("inFlight", s == null ? 0 : s.inFlight())
            .put("scheduleSlipSeconds", s == null ? 0 : s.lastSlipSeconds())
            .put("maxScheduleSlipSeconds", s == null ? 0 : s.maxSlipSeconds())
            .put("probesStarted", s == null ? 0 : s.probesStarted()))
        .put("watchdogNetwork", new JsonObject().put("problem", tracker.networkProblem()))
        .put("browser", browser.readiness());
    JsonObject out = new JsonObject().put("status", status).put("checks", checks);
    Supplier<ClusterStatus> r = role;
    if (r != null) {
      ClusterStatus c = r.get();
      Supplier<JsonObject> b = boardSource;
      out.put("cluster", b == null || c.role() == vn.dvcwatch.cluster.Role.SINGLE ? c.toJson()
          : c.toJson().put("board", b.get()));
    }
    return Future.succeededFuture(out);
  }

  void registerGauges(DvcMetrics metrics) {
    metrics.gauge("dvc_schedule_slip_seconds", "How late the last probe started against its schedule",
        () -> scheduler == null ? 0 : scheduler.lastSlipSeconds());
    metrics.gauge("dvc_probes_in_flight", "Probes started and not yet finished",
        () -> scheduler == null ? 0 : scheduler.inFlight());
    metrics.gauge("dvc_db_up", "1 when the database answers, 0 while results are buffered", () -> store.up() ? 1 : 0);
    metrics.gauge("dvc_store_buffer_depth", "Probe results waiting in memory to be written", () -> store.probes().bufferDepth());
    metrics.counter("dvc_store_buffer_overflowed", "Probe results dropped because the buffer was full (database away too long)",
        () -> store.probes().overflowed());
    metrics.gauge("dvc_state_writes_pending", "Incidents, transitions and grades waiting for the database",
        () -> writes.depth());
    metrics.gauge("dvc_fleet_network_problem", "1 while most of the fleet fails at once (the watchdog's own network is suspected)",
        () -> tracker.networkProblem() ? 1 : 0);
    metrics.gauge("dvc_sse_clients", "Connected live-board (SSE) clients", () -> hub.clientCount());
    metrics.counter("dvc_sse_dropped_clients", "SSE clients dropped because they stopped reading", () -> hub.droppedCount());
  }
}
