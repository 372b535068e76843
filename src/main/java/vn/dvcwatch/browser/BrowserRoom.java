package vn.dvcwatch.browser;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.result.Target;

/**
 * The browser room as the app sees it: the pool, the schedule, where runs go (database, metrics, the latest
 * run of each page in memory) and the API routes. Without a browser (disabled, or none installed) the room
 * still exists: it says so once in the log, in readiness and in the API, and loads nothing.
 */
public final class BrowserRoom {
  private static final Logger LOG = LoggerFactory.getLogger(BrowserRoom.class);

  private final Vertx vertx;
  private final BrowserSettings settings;
  private final BrowserPool pool;
  private final String unavailable;
  private final BrowserRuns runs;
  private final BrowserMetrics metrics;
  private final Supplier<Collection<Portal>> fleet;
  private final Duration retention;
  private final Map<String, BrowserRun> latest = new ConcurrentHashMap<>();
  private BrowserSchedule schedule;
  private volatile vn.dvcwatch.grade.FleetEvaluator scoring;
  private volatile long writeFailures;
  private final java.util.List<java.util.function.Consumer<BrowserRun>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  private BrowserRoom(Vertx vertx, BrowserSettings settings, Path executable, String unavailable, Pool db,
      MeterRegistry registry, Supplier<Collection<Portal>> fleet, Duration retention) {
    this.vertx = vertx;
    this.settings = settings;
    this.unavailable = unavailable;
    this.pool = executable == null ? null : new BrowserPool(vertx, settings, executable);
    this.runs = db == null ? null : new BrowserRunsPostgres(db);
    this.metrics = new BrowserMetrics(registry, pool);
    this.fleet = fleet;
    this.retention = retention;
  }

  /**
   * The room for these settings; {@code retention}: how long runs are kept. Nothing starts yet (see
   * {@link #start}); the browser process itself starts on the first load.
   */
  public static BrowserRoom create(Vertx vertx, BrowserSettings settings, Pool db, MeterRegistry registry,
      Supplier<Collection<Portal>> fleet, Duration retention) {
    Path exe = settings.enabled() ? settings.executable() : null;
    String why = !settings.enabled() ? "browser.enabled is false"
        : exe == null ? (settings.path().isEmpty() ? "no browser found (looked for " + String.join(", ", BrowserSettings.CANDIDATES) + ")"
            : "browser.path " + settings.path() + " is not an executable file") : null;
    if (why != null) {
      LOG.warn("browser room off: {}; page loads, Web Vitals and axe-core checks are not measured", why);
    }
    return new BrowserRoom(vertx, settings, exe, why, db, registry, fleet, retention);
  }

  public boolean available() {
    return pool != null;
  }

  /**
   * Scoring model v2 reads the browser's figures from here: the newest scored run of every page kept in the
   * database (measured before a restart) now, and every scored run from now on. The evaluator ignores figures
   * of another throttling method than its model's. Call before {@link #start}.
   */
  public Future<Void> scoreWith(vn.dvcwatch.grade.FleetEvaluator evaluator) {
    this.scoring = evaluator;
    evaluator.browserFreshFor(settings.interval().multipliedBy(2));
    if (runs == null || pool == null) {
      return Future.succeededFuture(); // without a browser nothing is measured: every page falls back
    }
    return runs.latestScored(settings.throttling().method()).onSuccess(list -> list.forEach(this::score))
        .onFailure(e -> LOG.warn("browser figures not restored for scoring: {}", e.getMessage())).<Void>mapEmpty()
        .recover(e -> Future.succeededFuture());
  }

  private void score(BrowserRun r) {
    vn.dvcwatch.grade.FleetEvaluator e = scoring;
    if (e != null) {
      e.recordBrowser(r.portalId(), r.target(), BrowserScoring.figures(r));
    }
  }

  /**
   * Also hands every finished run to {@code listener} (the board's read model and live stream), on the room's
   * context, once the run is stored (or its write failed).
   */
  public void onRun(java.util.function.Consumer<BrowserRun> listener) {
    listeners.add(listener);
  }

  /** Starts the schedule (call on the context that owns the fleet), its rounds spread over the interval. */
  public void start() {
    start(false);
  }

  /**
   * Starts the schedule; {@code packFirstRound}: the first round hands every page to the pool at once, so it
   * takes as long as the loads themselves (the demo's board has every portal's figures within minutes, not an
   * interval); later rounds are spread as usual.
   */
  public void start(boolean packFirstRound) {
    if (pool == null) {
      return;
    }
    schedule = new BrowserSchedule(vertx, settings.interval(), fleet, pool, r -> onRun(r), this::prune, packFirstRound);
    schedule.start();
    LOG.info("browser room on: {} page(s) at a time, every {} s, profile {}, throttling {}", settings.concurrency(),
        settings.interval().toSeconds(), settings.profile().label(), settings.throttling().method());
  }

  /**
   * One load of a portal's page now, outside the rounds, ending as a round's load does (stored, scored, on the
   * board and the live stream); fails without a browser or when the portal has no such page.
   */
  public Future<BrowserRun> loadNow(String portalId, Target target) {
    if (pool == null) {
      return Future.failedFuture(new IllegalStateException("no browser: " + unavailable));
    }
    return BrowserSchedule.pages(fleet.get()).stream().filter(p -> p.portalId().equals(portalId) && p.target() == target)
        .findFirst().map(p -> pool.load(p.portalId(), p.target(), p.url()).compose(r -> onRun(r).map(r)))
        .orElseGet(() -> Future.failedFuture(new IllegalArgumentException("no " + target.label() + " page of " + portalId)));
  }

  /** Completes once the run is stored (or its write failed) and the listeners have it. */
  private Future<Void> onRun(BrowserRun r) {
    latest.put(r.portalId() + "|" + r.target().label(), r.frames().isEmpty() ? r : r.withFrames(java.util.List.of())); // the board needs no frames
    metrics.record(r);
    score(r);
    // Listeners hear of the run once it is stored (or failed to be): a page that fetches it on the live event finds it.
    Future<Void> stored = runs == null ? Future.succeededFuture() : runs.append(r).recover(e -> {
      writeFailures++;
      LOG.warn("browser run of {} {} not stored: {}", r.portalId(), r.target().label(), e.getMessage());
      return Future.succeededFuture();
    });
    return stored.onComplete(x -> listeners.forEach(l -> l.accept(r)));
  }

  private void prune() {
    if (runs != null) {
      runs.prune(Instant.now().minus(retention)).onFailure(e -> LOG.debug("browser runs not pruned: {}", e.getMessage()));
    }
  }

  /** The latest run of each page of a portal, from memory (for the board and the portal page). */
  public Map<String, BrowserRun> latest(String portalId) {
    Map<String, BrowserRun> out = new java.util.TreeMap<>();
    latest.forEach((k, v) -> {
      if (v.portalId().equals(portalId)) {
        out.put(v.target().label(), v);
      }
    });
    return out;
  }

  /** Forgets portals that left the fleet. */
  public void retain(Set<String> ids) {
    latest.values().removeIf(r -> !ids.contains(r.portalId()));
    metrics.retain(ids);
  }

  /** The {@code browser} entry of {@code /health/ready}. */
  public JsonObject readiness() {
    JsonObject o = new JsonObject().put("enabled", settings.enabled()).put("available", pool != null);
    if (pool == null) {
      return o.put("reason", unavailable);
    }
    return o.put("running", pool.running()).put("queued", pool.queued()).put("restarts", pool.restarts())
        .put("memoryBytes", pool.memoryBytes()).put("method", settings.throttling().method())
        .put("profile", settings.profile().label()).put("unstoredRuns", writeFailures);
  }

  /** Mounts {@code GET /api/v1/portals/{id}/browser} and the screenshots. */
  public void mount(Router router) {
    new BrowserRoutes(runs, id -> fleet.get().stream().anyMatch(p -> p.id().equals(id)), unavailable).mount(router);
  }

  public Future<Void> stop() {
    if (schedule != null) {
      schedule.stop();
    }
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
