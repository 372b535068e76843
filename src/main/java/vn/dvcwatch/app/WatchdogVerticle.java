package vn.dvcwatch.app;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.alert.AlertRoutes;
import vn.dvcwatch.alert.AlertService;
import vn.dvcwatch.config.AppConfig;
import vn.dvcwatch.config.StartupException;
import vn.dvcwatch.grade.FleetEvaluator;
import vn.dvcwatch.grade.ScoringModel;
import vn.dvcwatch.metrics.DvcMetrics;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.status.PortalStatus;
import vn.dvcwatch.probe.ProbeScheduler;
import vn.dvcwatch.probe.ProbeSettings;
import vn.dvcwatch.probe.Prober;
import vn.dvcwatch.status.StatusTracker;
import vn.dvcwatch.registry.Fleet;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.registry.RegistryLoader;
import vn.dvcwatch.registry.RegistryWatcher;
import vn.dvcwatch.registry.Vietnam;
import vn.dvcwatch.sim.SimFleet;
import vn.dvcwatch.sim.SimOptions;
import vn.dvcwatch.store.DbSettings;
import vn.dvcwatch.report.ReportMailer;
import vn.dvcwatch.report.ReportRoutes;
import vn.dvcwatch.report.ReportService;
import vn.dvcwatch.store.Store;
import vn.dvcwatch.web.EventHub;
import vn.dvcwatch.web.OwnerContext;
import vn.dvcwatch.web.WebConfig;
import vn.dvcwatch.web.WebServer;

/**
 * Composes the rooms of the watchdog (docs/ARCHITECTURE.md): registry (or, in demo, the simulated fleet
 * standing in for it) → store → state rebuilt from the store → alerts → live stream and web → probing →
 * grading clock. Start-up is that flat list of steps; stop runs them in reverse, so the last probe results
 * and state changes are written before the database closes.
 */
public final class WatchdogVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WatchdogVerticle.class);
  private static final Duration SEED_WINDOW = Duration.ofDays(30);

  private final AppConfig cfg;
  private final Path dataDir;
  private final Service.Mode mode;
  private final DemoSettings demo;
  private final DvcMetrics metrics;
  private final Clock clock = Clock.systemUTC();
  private Instant startedAt;
  private RegistryWatcher registry;
  private SimFleet sim;
  private final io.vertx.core.Vertx simVertx;
  private volatile Map<String, Portal> fleet = Map.of();
  private volatile FleetMap map = FleetMap.NONE;
  private ProbeSettings probeSettings;
  private Store store;
  private FleetEvaluator evaluator;
  private StatusTracker tracker;
  private AlertService alerts;
  private ReportService reports;
  private ReportMailer reportMail;
  private EventHub hub;
  private WebServer web;
  private LiveBoard board;
  private RetryQueue writes;
  private ProbePipeline pipeline;
  private ProbeScheduler scheduler;
  private Evaluations evaluations;
  private Duration evaluateEvery;
  private volatile int webPort = -1;
  private vn.dvcwatch.browser.BrowserRoom browser;

  public WatchdogVerticle(AppConfig cfg, Path dataDir, Service.Mode mode, DemoSettings demo, DvcMetrics metrics) {
    this.cfg = cfg;
    this.dataDir = dataDir;
    this.mode = mode;
    this.demo = demo;
    this.metrics = metrics;
    // The simulated portals get their own Vert.x (their own event loops), as real portals are other machines:
    // a hostile or busy simulated portal must not borrow the watchdog's loops and distort the very timings it
    // measures. Created here, on the caller's thread: Vert.x warns when one is created inside another's context.
    this.simVertx = mode == Service.Mode.DEMO
        ? io.vertx.core.Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(2)) : null;
  }

  /** The simulated fleet of a demo (null in `run`); drills switch its portals' modes. */
  SimFleet sim() {
    return sim;
  }

  /** The web server's port once started (useful when configured as 0). */
  public int webPort() {
    return webPort;
  }

  @Override
  public Future<?> start() {
    startedAt = Instant.now();
    // The fleet (in demo: generating certificates, binding ports) and PostgreSQL start side by side; join, not
    // all: when one fails the other must have finished before the failed start is undone (a PostgreSQL still
    // starting when Vert.x closes was interrupted and left running).
    return Future.join(startFleet(), startStore())
        .compose(x -> startGrading())
        .compose(x -> startAlerts())
        .compose(x -> startWeb())
        .compose(x -> restoreState())
        .compose(x -> startProbing())
        .onSuccess(x -> LOG.info("dvc-watch {} started in {} ms: {} portals, board on http://localhost:{}/",
            mode.name().toLowerCase(java.util.Locale.ROOT), Duration.between(startedAt, Instant.now()).toMillis(),
            fleet.size(), webPort))
        // Vert.x does not stop a verticle whose start failed: stop what did start (PostgreSQL first of all).
        .recover(e -> stop().transform(x -> Future.failedFuture(e)));
  }

  private Future<Void> startFleet() {
    Path file = mode == Service.Mode.DEMO && demo.fleetFile() != null ? demo.fleetFile() : cfg.registry().file();
    probeSettings = ProbeSettings.from(cfg.probe());
    if (mode == Service.Mode.RUN) {
      return vertx.executeBlocking(() -> RegistryLoader.load(file), false).map(loaded -> {
        registry = new RegistryWatcher(vertx, file, loaded);
        registry.onChange(this::onFleetChange);
        if (cfg.registry().watch()) {
          registry.start(2000);
        }
        fleet = active(loaded.portals());
        map = new FleetMap(loaded.name(), file, loaded.portals());
        return null;
      });
    }
    return vertx.executeBlocking(() -> Files.exists(file) ? RegistryLoader.load(file) : null, false)
        .compose(loaded -> {
          List<Portal> names = loaded == null ? List.of() : loaded.portals();
          map = loaded == null ? FleetMap.NONE : new FleetMap(loaded.name(), file, names);
          List<Portal> watched = active(names).values().stream().toList();
          int count = demo.portals() > 0 ? demo.portals() : watched.isEmpty() ? DemoSettings.DEFAULT_PORTALS : watched.size();
          return SimFleet.start(simVertx, new SimOptions(count, demo.simBasePort(), demo.seed(), scenario(), watched,
              dataDir.resolve("sim")))
              .recover(e -> Future.failedFuture(e instanceof IllegalStateException && e.getMessage().startsWith("cannot listen")
                  ? new StartupException(SimPorts.inUse(demo.simBasePort(), count, e), e) : e));
        })
        .map(started -> {
          sim = started;
          fleet = active(started.registry());
          List<Path> cas = new ArrayList<>(probeSettings.extraCaFiles());
          cas.add(started.caFile());
          Map<String, String> hosts = new HashMap<>(probeSettings.hosts());
          hosts.putAll(started.hosts());
          probeSettings = probeSettings.withExtraCaFiles(List.copyOf(cas)).withHosts(Map.copyOf(hosts));
          LOG.info("simulated fleet: {} portals on 127.0.0.1 from port {}, CA {}", fleet.size(), demo.simBasePort(),
              started.caFile());
          return null;
        });
  }

  private Path scenario() {
    if (demo.scenario() != null) {
      return DemoSettings.NO_SCENARIO.equals(demo.scenario().toString()) ? null : demo.scenario();
    }
    Path dflt = Path.of("conf", "scenarios", "demo.yaml");
    return Files.exists(dflt) ? dflt : null;
  }

  private Future<Void> startStore() {
    return Store.start(vertx, DbSettings.from(cfg), dataDir).map(s -> {
      store = s;
      writes = new RetryQueue(vertx);
      return null;
    });
  }

  private Future<Void> startGrading() {
    Path file = cfg.scoring().file();
    return vertx.executeBlocking(() -> Files.exists(file) ? ScoringModel.load(file) : ScoringModel.defaults(), false)
        .map(model -> {
          evaluateEvery = cfg.scoring().evaluateEvery() != null ? cfg.scoring().evaluateEvery() : model.evaluateEvery();
          evaluator = new FleetEvaluator(model, cfg.probe().interval());
          tracker = new StatusTracker(cfg.probe().confirmDown(), cfg.probe().confirmUp(), cfg.probe().fleetFailureRatio(),
              clock);
          return null;
        });
  }

  private Future<Void> startAlerts() {
    alertsOffNotice(cfg).ifPresent(LOG::info);
    alerts = new AlertService(store.pool(), AlertConfig.from(cfg), store.maintenance(), clock);
    alerts.bindMetrics(metrics.registry());
    reports = new ReportService(store, () -> registry == null ? "demo" : registry.fleet().name(),
        () -> List.copyOf(fleet.values()));
    reportMail = new ReportMailer(store.pool(), reports, AlertConfig.from(cfg), () -> List.copyOf(fleet.values()), clock);
    return alerts.start(vertx).onSuccess(x -> reportMail.start(vertx));
  }

  /**
   * SMTP settings that differ from the defaults show the intent to send mail; with alerts off nothing is sent
   * (the outbox is still written), so say once how to turn them on.
   */
  static java.util.Optional<String> alertsOffNotice(AppConfig cfg) {
    AppConfig.Smtp smtp = cfg.alerts().smtp();
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
    pipeline.fleet(List.copyOf(fleet.values()));
    board = new LiveBoard(() -> fleet, () -> map, tracker, pipeline, store, clock);
    pipeline.onStatusChange(board::stale);
    hub.start(cfg.stream().heartbeat());
    AdminConsole admin = new AdminConsole(store, this::reloadRegistry, id -> fleet.containsKey(id));
    String token = cfg.admin().token();
    web = new WebServer(vertx, new WebConfig(cfg.http().host(), cfg.http().port(), token == null || token.isBlank() ? null : token,
        cfg.http().behindTls(), cfg.http().publicUrl()), board, hub, admin, new AlertRoutes(alerts), this::readiness,
        metrics::scrape);
    web.mount(new ReportRoutes(reports, clock));
    registerHealthGauges();
    browser = vn.dvcwatch.browser.BrowserRoom.create(vertx, cfg.browser().withNetwork(probeSettings.hosts(),
        probeSettings.extraCaFiles()), store.pool(), metrics.registry(), () -> fleet.values(), cfg.retention().raw());
    web.mount(browser::mount);
    return web.start().map(port -> {
      webPort = port;
      return null;
    });
  }

  /** Rebuilds what a restart must not reset: statuses, open incidents, grades and the scoring windows. */
  private Future<Void> restoreState() {
    Instant since = clock.instant().minus(SEED_WINDOW);
    var statuses = store.incidents().lastStatuses();
    var open = store.incidents().openIncidents();
    var grades = store.grades().latest();
    var hours = store.probes().hourly(since);
    return Future.join(statuses, open, grades, hours).transform(ar -> {
      if (ar.failed()) {
        LOG.warn("state not fully restored from the database: {}", ar.cause().toString());
      }
      Map<String, Incident> openById = new HashMap<>();
      if (open.succeeded()) {
        open.result().forEach(i -> openById.put(i.portalId(), i));
      }
      if (statuses.succeeded()) {
        statuses.result().forEach((id, s) -> {
          if (fleet.containsKey(id)) {
            tracker.restore(id, s, openById.get(id));
          }
        });
      }
      openById.forEach((id, i) -> {
        if (fleet.containsKey(id) && (!statuses.succeeded() || !statuses.result().containsKey(id))) {
          tracker.restore(id, PortalStatus.DOWN, i);
        }
      });
      if (grades.succeeded()) {
        grades.result().forEach((id, g) -> {
          if (fleet.containsKey(id)) {
            evaluator.restoreGrade(id, g);
          }
        });
      }
      if (hours.succeeded()) {
        hours.result().forEach(h -> evaluator.seedHour(h.portalId(), h.target(), h.hour(), h.probes(), h.up(),
            h.ttfbP75Ms(), h.totalP75Ms(), h.withinA()));
      }
      LOG.info("state restored: {} statuses, {} open incidents, {} grades, {} hourly rollups",
          statuses.succeeded() ? statuses.result().size() : 0, openById.size(),
          grades.succeeded() ? grades.result().size() : 0, hours.succeeded() ? hours.result().size() : 0);
      return Future.<Void>succeededFuture();
    });
  }

  private Future<Void> startProbing() {
    // the prober reads its CA files and the hosts file as it is built: off the loop
    return vertx.executeBlocking(() -> new Prober(vertx, probeSettings), false).map(this::startProbing);
  }

  private Void startProbing(Prober prober) {
    scheduler = new ProbeScheduler(vertx, prober, cfg.probe().interval(), cfg.probe().maxInFlight(),
        cfg.probe().retryInterval(), pipeline::accept);
    pipeline.scheduler(scheduler);
    scheduler.setFleet(List.copyOf(fleet.values()));
    scheduler.start();
    evaluations = new Evaluations(vertx, evaluator, store, alerts, hub, metrics, writes, () -> fleet, pipeline,
        evaluateEvery, clock, board::evaluation);
    evaluations.start();
    browser.start();
    return null;
  }

  private void onFleetChange(Fleet changed) {
    fleet = active(changed.portals());
    map = new FleetMap(changed.name(), map.file(), changed.portals());
    Set<String> ids = fleet.keySet();
    pipeline.fleet(List.copyOf(fleet.values()));
    scheduler.setFleet(List.copyOf(fleet.values()));
    evaluator.retain(ids);
    tracker.retain(ids);
    metrics.retain(ids);
    browser.retain(ids);
    board.stale();
    LOG.info("fleet reloaded: {} active portals", ids.size());
  }

  /** From the admin API, on whichever loop served it: the reload and its fleet change run on this verticle's context. */
  private Future<Fleet> reloadRegistry() {
    if (registry == null) {
      return Future.failedFuture(new IllegalStateException("the demo's fleet is simulated; there is no registry file to reload"));
    }
    return OwnerContext.call(context, registry::reload);
  }

  private Future<JsonObject> readiness() {
    boolean db = store != null && store.up();
    boolean probing = scheduler != null && scheduler.probesStarted() > 0;
    long backlog = alerts == null ? 0 : alerts.backlog();
    String status = !probing ? "DOWN" : db && backlog < 100 ? "UP" : "DEGRADED";
    JsonObject checks = new JsonObject()
        .put("database", new JsonObject().put("up", db).put("bufferDepth", store == null ? 0 : store.probes().bufferDepth())
            .put("overflowed", store == null ? 0 : store.probes().overflowed()).put("pendingWrites", writes == null ? 0 : writes.depth()))
        .put("smtp", new JsonObject().put("enabled", cfg.alerts().enabled()).put("backlog", backlog))
        .put("probeLoop", new JsonObject().put("running", probing)
            .put("inFlight", scheduler == null ? 0 : scheduler.inFlight())
            .put("scheduleSlipSeconds", scheduler == null ? 0 : scheduler.lastSlipSeconds())
            .put("maxScheduleSlipSeconds", scheduler == null ? 0 : scheduler.maxSlipSeconds())
            .put("probesStarted", scheduler == null ? 0 : scheduler.probesStarted()))
        .put("watchdogNetwork", new JsonObject().put("problem", tracker != null && tracker.networkProblem()))
        .put("browser", browser == null ? new JsonObject().put("available", false) : browser.readiness());
    return Future.succeededFuture(new JsonObject().put("status", status).put("checks", checks));
  }

  private void registerHealthGauges() {
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

  private static Map<String, Portal> active(List<Portal> portals) {
    LocalDate today = LocalDate.now(Vietnam.ZONE);
    return portals.stream().filter(p -> p.active(today))
        .collect(Collectors.toMap(Portal::id, p -> p, (a, b) -> a, java.util.LinkedHashMap::new));
  }

  @Override
  public Future<?> stop() {
    if (registry != null) {
      registry.stop();
    }
    if (evaluations != null) {
      evaluations.stop();
    }
    Future<Void> f = (browser == null ? Future.<Void>succeededFuture() : browser.stop())
        .transform(x -> scheduler == null ? Future.succeededFuture() : scheduler.stop());
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
        .transform(x -> sim == null ? Future.succeededFuture() : sim.close())
        .transform(x -> simVertx == null ? Future.succeededFuture() : simVertx.close())
        .onComplete(x -> LOG.info("all rooms stopped"));
  }
}
