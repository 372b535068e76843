package vn.dvcwatch.app;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.alert.AlertRoutes;
import vn.dvcwatch.alert.AlertService;
import vn.dvcwatch.browser.BrowserRoom;
import vn.dvcwatch.cluster.ClusterNode;
import vn.dvcwatch.cluster.ClusterRoom;
import vn.dvcwatch.cluster.ClusterStatus;
import vn.dvcwatch.cluster.Fence;
import vn.dvcwatch.grade.FleetEvaluator;
import vn.dvcwatch.grade.ScoringModel;
import vn.dvcwatch.metrics.DvcMetrics;
import vn.dvcwatch.probe.ProbeScheduler;
import vn.dvcwatch.probe.ProbeSettings;
import vn.dvcwatch.probe.Prober;
import vn.dvcwatch.probe.WarmUp;
import vn.dvcwatch.probe.WarmUpSite;
import vn.dvcwatch.registry.Fleet;
import vn.dvcwatch.report.ReportMailer;
import vn.dvcwatch.report.ReportRoutes;
import vn.dvcwatch.report.ReportService;
import vn.dvcwatch.sim.SimFleet;
import vn.dvcwatch.status.StatusTracker;
import vn.dvcwatch.store.DbSettings;
import vn.dvcwatch.store.Store;
import vn.dvcwatch.web.EventHub;
import vn.dvcwatch.web.OwnerContext;
import vn.dvcwatch.web.WebConfig;
import vn.dvcwatch.web.WebServer;

/**
 * Composes the rooms of the watchdog (docs/ARCHITECTURE.md) as a flat list of start-up steps: the fleet (registry, or
 * in demo the simulated fleet standing in for it) beside the store → the network (prober, trust stores, browser room)
 * → grading → alerts → live stream and web → state rebuilt from the store → probing and the grading clock. Each step
 * sets the fields it owns; stop runs them in reverse, so the last probe results and state changes are written before
 * the database closes.
 */
public final class WatchdogVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WatchdogVerticle.class);

  private final AppConfig cfg;
  private final Path dataDir;
  private final Service.Mode mode;
  private final DvcMetrics metrics;
  private final FleetSource fleet;
  private final Clock clock = Clock.systemUTC();
  private Store store;
  private RetryQueue writes;
  private Prober prober;
  private BrowserRoom browser;
  private FleetEvaluator evaluator;
  private Duration evaluateEvery;
  private StatusTracker tracker;
  private AlertService alerts;
  private ReportService reports;
  private ReportMailer reportMail;
  private EventHub hub;
  private LiveBoard board;
  private ProbePipeline pipeline;
  private Health health;
  private WebServer web;
  private ProbeScheduler scheduler;
  /** The probe path's warm-up pass (docs/PROBING.md): started with the prober, awaited before the first round. */
  private Future<WarmUp.Pass> warmUp = Future.succeededFuture();
  private Evaluations evaluations;
  private volatile int webPort = -1;
  /** This node of a cluster (docs/CLUSTER.md), null alone; its room once started. */
  private final ClusterNode clusterNode;
  private volatile ClusterRoom cluster;

  public WatchdogVerticle(AppConfig cfg, Path dataDir, Service.Mode mode, DemoSettings demo, DvcMetrics metrics) {
    this(cfg, dataDir, mode, demo, metrics, null);
  }

  public WatchdogVerticle(AppConfig cfg, Path dataDir, Service.Mode mode, DemoSettings demo, DvcMetrics metrics,
      ClusterNode clusterNode) {
    this.clusterNode = clusterNode;
    if (clusterNode != null) {
      metrics.vantage(cfg.cluster().vantageName()); // each node probes from its own vantage: label its probe metrics
    }
    this.cfg = cfg;
    this.dataDir = dataDir;
    this.mode = mode;
    this.metrics = metrics;
    this.fleet = FleetSource.of(mode, cfg, demo, dataDir);
  }

  /** The simulated fleet of a demo (null in `run`); drills switch its portals' modes. */
  SimFleet sim() {
    return fleet.sim();
  }

  /** The prober once built (null before); tests check where its sockets live. */
  Prober prober() {
    return prober;
  }

  /** The store once started (null before); tests read what reached it. */
  Store store() {
    return store;
  }

  /** The warm-up pass (its count and end), complete before the first real probe starts. */
  Future<WarmUp.Pass> warmUpPass() {
    return warmUp;
  }

  /** The browser room once built (null before); tests ask it for a load outside the rounds. */
  BrowserRoom browser() {
    return browser;
  }

  /** The web server's port once started (useful when configured as 0). */
  public int webPort() {
    return webPort;
  }

  @Override
  public Future<?> start() {
    Instant startedAt = Instant.now();
    // The fleet (in demo: generating certificates, binding ports) and PostgreSQL start side by side; join, not
    // all: when one fails the other must have finished before the failed start is undone (a PostgreSQL still
    // starting when Vert.x closes was interrupted and left running).
    return Future.join(fleet.start(vertx), startStore())
        .compose(x -> startNetwork())
        .compose(x -> startGrading())
        .compose(x -> startAlerts())
        .compose(x -> startWeb())
        .compose(x -> StateRestore.run(store, tracker, evaluator, fleet.active()::containsKey, clock.instant()))
        .compose(x -> startCluster())
        .compose(x -> warmUp.otherwiseEmpty()) // the probe path's warm-up pass, bounded; it never stops the start
        .map(x -> startProbing())
        .onSuccess(x -> LOG.info("dvc-watch {} started in {} ms: {} portals, board on http://localhost:{}/",
            mode.name().toLowerCase(java.util.Locale.ROOT), Duration.between(startedAt, Instant.now()).toMillis(),
            fleet.active().size(), webPort))
        // Vert.x does not stop a verticle whose start failed: stop what did start (PostgreSQL first of all).
        .recover(e -> stop().transform(x -> Future.failedFuture(e)));
  }

  private Future<Void> startStore() {
    return Store.start(vertx, DbSettings.from(cfg.db(), cfg.retention()), dataDir, cfg.cluster().vantageName()).map(s -> {
      store = s;
      writes = new RetryQueue(vertx);
      return null;
    });
  }

  /**
   * The prober with its trust stores and host names, and the browser room that reaches the same portals: built on a
   * worker, since they read the hosts file, the CA files and look for the browser executable.
   */
  private Future<Void> startNetwork() {
    // The warm-up pass's page makes its certificates on another worker while the prober is built (docs/PROBING.md)
    Future<WarmUpSite> warmUpPage = WarmUp.PASS_PROBES > 0 ? WarmUpSite.start(vertx)
        : Future.failedFuture("the warm-up pass is off");
    return vertx.<Void>executeBlocking(() -> {
      ProbeSettings configured = ProbeSettings.from(cfg.probe());
      Map<String, String> hosts = new HashMap<>(configured.hosts());
      hosts.putAll(fleet.extraHosts());
      ProbeSettings settings = configured
          .withExtraCaFiles(Stream.concat(configured.extraCaFiles().stream(), fleet.extraCaFiles().stream()).toList())
          .withHosts(hosts);
      prober = new Prober(vertx, settings, cfg.cluster().source()); // a cluster node's probes leave from its own address
      browser = BrowserRoom.create(vertx, cfg.browser().withNetwork(settings.hosts(), settings.extraCaFiles()),
          store.pool(), metrics.registry(), () -> fleet.active().values(), cfg.retention().raw());
      return null;
    }, false).onSuccess(x -> warmUp = prober.warmUp(WarmUp.PASS_BOUND, WarmUp.PASS_PROBES, warmUpPage))
        .onFailure(e -> warmUpPage.onSuccess(WarmUpSite::close));
  }

  private Future<Void> startGrading() {
    Path file = cfg.scoring().file();
    return vertx.executeBlocking(() -> Files.exists(file) ? ScoringModel.load(file) : ScoringModel.defaults(), false)
        .map(model -> {
          evaluateEvery = cfg.scoring().evaluateEvery() != null ? cfg.scoring().evaluateEvery() : model.evaluateEvery();
          evaluator = new FleetEvaluator(model, cfg.probe().interval(), vantagesPerWindow(cfg));
          tracker = new StatusTracker(cfg.probe().confirmDown(), cfg.probe().confirmUp(), cfg.probe().fleetFailureRatio(),
              cfg.probe().interval(), clock);
          return null;
        });
  }

  /**
   * How many vantages' probes enter each portal's window: 1 alone; in a cluster every vantage's results reach
   * every node (docs/CLUSTER.md, "Grading from every vantage"), so the configured members, or
   * {@code probe.vantagesPerPortal} when it is fewer.
   */
  static int vantagesPerWindow(AppConfig cfg) {
    if (!cfg.cluster().enabled()) {
      return 1;
    }
    int members = Math.max(1, cfg.cluster().members().size());
    int k = cfg.probe().vantagesPerPortal();
    return k > 0 ? Math.min(k, members) : members;
  }

  private Future<Void> startAlerts() {
    alertsOffNotice(cfg).ifPresent(LOG::info);
    alerts = new AlertService(store.pool(), cfg.alerts(), cfg.alertChannels(), store.maintenance(), clock)
        .portals(id -> fleet.active().get(id));
    if (clusterNode != null) {
      alerts.fence(new LeaderFence(this::fence)); // only the leader sends and writes its own alerts
    }
    alerts.bindMetrics(metrics.registry());
    reports = new ReportService(store, fleet::name, () -> List.copyOf(fleet.active().values()));
    reportMail = new ReportMailer(store.pool(), reports, cfg.alerts(), () -> List.copyOf(fleet.active().values()),
        clock);
    return alerts.start(vertx).onSuccess(x -> reportMail.start(vertx));
  }

  /**
   * SMTP settings that differ from the defaults show the intent to send mail; with alerts off nothing is sent
   * (the outbox is still written), so say once how to turn them on.
   */
  static java.util.Optional<String> alertsOffNotice(AppConfig cfg) {
    vn.dvcwatch.alert.AlertSettings.Smtp smtp = cfg.alerts().smtp();
    if (cfg.alerts().enabled() || smtp.equals(AppConfig.defaults(Map.of()).alerts().smtp())) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("alerts are off although SMTP settings are given (" + smtp.host() + ":" + smtp.port()
        + "): no mail is sent. Turn them on with alerts.enabled: true in the configuration file or DVC_ALERTS_ENABLED=true");
  }

  private Future<Void> startWeb() {
    hub = new EventHub(vertx, () -> board.snapshot(), cfg.stream().replay(), cfg.stream().maxClientsPerAddress(),
        cfg.stream().maxClients());
    pipeline = new ProbePipeline(metrics, store, evaluator, tracker, alerts, hub, writes, true);
    pipeline.fleet(List.copyOf(fleet.active().values()));
    tracker.retain(fleet.active().keySet()); // the fleet check's minimum sample is half of the fleet
    board = new LiveBoard(fleet::active, fleet::map, tracker, pipeline, store, clock);
    board.modelVersion(evaluator.modelVersion());
    pipeline.onStatusChange(board::stale);
    hub.start(cfg.stream().heartbeat());
    health = new Health(store, writes, alerts, cfg.alerts().enabled(), tracker, hub, browser);
    ClusterStatus single = ClusterStatus.single(cfg.cluster().node(), cfg.cluster().vantageName());
    health.role(() -> cluster != null ? cluster.status() : single);
    health.boardSource(board::source);
    health.registerGauges(metrics);
    AdminConsole admin = new AdminConsole(store, () -> OwnerContext.call(context, fleet::reload),
        id -> fleet.active().containsKey(id));
    String token = cfg.admin().token();
    // /metrics is rendered on a worker (WebServer), never on this context, which runs the schedule and the SSE hub
    web = new WebServer(vertx, new WebConfig(cfg.http().host(), cfg.http().port(), token == null || token.isBlank() ? null : token,
        cfg.http().behindTls(), cfg.http().publicUrl()), board, hub, admin, new AlertRoutes(alerts), health::readiness,
        metrics::scrape);
    web.mount(new ReportRoutes(reports, clock));
    web.mount(browser::mount);
    return web.start().map(port -> {
      webPort = port;
      return null;
    });
  }

  /** A cluster node joins the election and the vantages' exchange, and hands its decisions to the vote. */
  private Future<Void> startCluster() {
    if (clusterNode == null) {
      return Future.succeededFuture();
    }
    return ClusterStep.start(clusterNode, store, pipeline, board, fleet::active, cfg.probe().interval(), metrics)
        .compose(room -> {
          cluster = room;
          // every node streams the leader's events, with the leader's ids (docs/CLUSTER.md)
          return hub.clustered(clusterNode.vertx().eventBus(), room::leads);
        });
  }

  /** The fence of this node's leader writes: none alone, none yet before the election, else the election's. */
  private Fence fence() {
    ClusterRoom room = cluster;
    return room != null ? room.fence() : clusterNode == null ? Fence.single() : Fence.joining();
  }

  private Void startProbing() {
    scheduler = new ProbeScheduler(vertx, prober, cfg.probe().interval(), cfg.probe().maxInFlight(),
        cfg.probe().retryInterval(), pipeline::accept);
    pipeline.scheduler(scheduler);
    scheduler.setFleet(List.copyOf(fleet.active().values()));
    if (cluster != null) {
      ClusterStep.spread(cluster, cfg.probe().vantagesPerPortal(), scheduler, tracker, fleet::active);
    }
    scheduler.start();
    health.probing(scheduler);
    evaluations = new Evaluations(vertx, evaluator, store, alerts, hub, metrics, writes, fleet::active, pipeline,
        evaluateEvery, clock, board::evaluation, this::fence);
    evaluations.start();
    board.browser(browser);
    // Every finished run reaches the board: its row now (the next ranking read) and open boards live.
    browser.onRun(run -> {
      board.stale();
      hub.publish("browser", vn.dvcwatch.browser.BrowserJson.board(run).put("portal", run.portalId())
          .put("target", run.target().label()));
    });
    // The demo's first round is packed (every page queued at once) so its board is complete within minutes.
    browser.scoreWith(evaluator).onComplete(x -> browser.start(mode == Service.Mode.DEMO));
    fleet.watch(this::onFleetChange);
    return null;
  }

  /** A registry edit, after the fleet source took it: every room that keeps per-portal state follows. */
  private void onFleetChange(Fleet changed) {
    Set<String> ids = fleet.active().keySet();
    pipeline.fleet(List.copyOf(fleet.active().values()));
    scheduler.setFleet(List.copyOf(fleet.active().values()));
    evaluator.retain(ids);
    tracker.retain(ids);
    metrics.retain(ids);
    browser.retain(ids);
    board.stale();
    LOG.info("fleet reloaded: {} active portals", ids.size());
  }

  @Override
  public Future<?> stop() {
    fleet.stopWatching();
    if (evaluations != null) {
      evaluations.stop();
    }
    Future<Void> f = (browser == null ? Future.<Void>succeededFuture() : browser.stop())
        .transform(x -> scheduler == null ? Future.succeededFuture() : scheduler.stop())
        .transform(x -> prober == null ? Future.succeededFuture() : prober.close())
        .transform(x -> cluster == null ? Future.succeededFuture() : cluster.stop());
    return f.transform(x -> web == null ? Future.succeededFuture() : web.stop())
        .transform(x -> {
          if (hub != null) {
            hub.stop();
          }
          if (reportMail != null) {
            reportMail.stop(vertx);
          }
          return alerts == null ? Future.succeededFuture() : alerts.stop();
        })
        .transform(x -> writes == null ? Future.succeededFuture() : writes.close())
        .transform(x -> store == null ? Future.succeededFuture() : store.close())
        .transform(x -> fleet.close())
        .onComplete(x -> LOG.info("all rooms stopped"));
  }
}
