package vn.dvcwatch.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.alert.AlertService;
import vn.dvcwatch.alert.BudgetBurn;
import vn.dvcwatch.cluster.Fence;
import vn.dvcwatch.grade.CriterionDelta;
import vn.dvcwatch.grade.Evaluation;
import vn.dvcwatch.grade.FleetEvaluator;
import vn.dvcwatch.grade.GradeChange;
import vn.dvcwatch.grade.PortalEvaluation;
import vn.dvcwatch.grade.RankChange;
import vn.dvcwatch.metrics.DvcMetrics;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.store.Store;
import vn.dvcwatch.web.EventHub;

/**
 * The grading clock. Every {@code evaluateEvery} (and every second until each portal of a new board has a
 * score, so the board fills within seconds of start-up) the whole fleet is re-scored from the in-memory
 * windows on a worker thread; the result replaces the board's evaluation, updates the gauges, and real
 * grade and rank changes become events, grade history and grade-drop alerts. Once a minute the SLA windows
 * are read from the store for the error-budget gauge and the burn-rate alerts.
 *
 * <p>In a cluster every node scores its own windows for its board and gauges, but only the leader writes: grade
 * history, grade-drop, certificate and budget-burn alerts are decided under its epoch and their writes check it
 * ({@link Fence}), so a follower or a thawed leader writes and alerts nothing (docs/CLUSTER.md). A node that has
 * just become leader first brings the grade history up to its own board: each portal whose confirmed grade differs
 * from the newest one stored gets a row (changes confirmed while it did not lead are not lost; no alert is sent for
 * them). A portal with no stored grade gets none, as on a node alone, where a first grade is no change.
 */
final class Evaluations {
  private static final Logger LOG = LoggerFactory.getLogger(Evaluations.class);
  private static final Map<String, Double> GRADE_VALUE = Map.of("A", 5.0, "B", 4.0, "C", 3.0, "D", 2.0, "E", 1.0);
  private static final long SLA_EVERY_MS = 60_000;
  private static final long FAST_PHASE_MS = 20_000;

  private final Vertx vertx;
  private final FleetEvaluator evaluator;
  private final Store store;
  private final AlertService alerts;
  private final EventHub hub;
  private final DvcMetrics metrics;
  private final RetryQueue writes;
  private final Supplier<Map<String, Portal>> fleet;
  private final ProbePipeline pipeline;
  private final Duration every;
  private final Clock clock;
  private final Consumer<Evaluation> onEvaluation;
  private final Supplier<Fence> fence;
  private boolean led; // whether the previous evaluation was applied by the leader (or a node alone)
  private final AtomicBoolean running = new AtomicBoolean();
  private long fastTimer = -1;
  private long timer = -1;
  private long slaTimer = -1;

  Evaluations(Vertx vertx, FleetEvaluator evaluator, Store store, AlertService alerts, EventHub hub, DvcMetrics metrics,
      RetryQueue writes, Supplier<Map<String, Portal>> fleet, ProbePipeline pipeline, Duration every, Clock clock,
      Consumer<Evaluation> onEvaluation, Supplier<Fence> fence) {
    this.fence = fence;
    this.vertx = vertx;
    this.evaluator = evaluator;
    this.store = store;
    this.alerts = alerts;
    this.hub = hub;
    this.metrics = metrics;
    this.writes = writes;
    this.fleet = fleet;
    this.pipeline = pipeline;
    this.every = every;
    this.clock = clock;
    this.onEvaluation = onEvaluation;
  }

  void start() {
    fastTimer = vertx.setPeriodic(1000, id -> tick());
    // A fleet whose portals never all answer must not be re-scored every second for ever.
    vertx.setTimer(FAST_PHASE_MS, id -> {
      vertx.cancelTimer(fastTimer);
      fastTimer = -1;
    });
    timer = vertx.setPeriodic(every.toMillis(), id -> tick());
    slaTimer = vertx.setPeriodic(5000, SLA_EVERY_MS, id -> refreshSla());
  }

  void stop() {
    vertx.cancelTimer(fastTimer);
    vertx.cancelTimer(timer);
    vertx.cancelTimer(slaTimer);
  }

  /** Re-scores the fleet now; skipped when the previous evaluation is still running. */
  Future<Evaluation> tick() {
    if (!running.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    Instant now = clock.instant();
    return vertx.executeBlocking(() -> evaluator.evaluate(now), false)
        .onComplete(ar -> running.set(false))
        .onSuccess(this::apply)
        .onFailure(e -> LOG.error("evaluation failed: {}", e.toString(), e));
  }

  private void apply(Evaluation ev) {
    if (ev == null) {
      return;
    }
    Map<String, Portal> portals = fleet.get();
    if (fastTimer >= 0 && !ev.portals().isEmpty() && ev.portals().size() >= portals.size()
        && ev.portals().stream().allMatch(p -> p.grade() != null)) {
      vertx.cancelTimer(fastTimer); // the board is full: from now on, the configured cadence
      fastTimer = -1;
      LOG.info("board complete: {} portals scored and ranked", ev.portals().size());
    }
    onEvaluation.accept(ev);
    Fence f = fence.get();
    Fence.Token token = f.token();
    boolean leads = token.leads();
    boolean catchUp = leads && !led && token.checked();
    led = leads;
    if (catchUp) {
      writes.submit("grade history caught up by the new leader", () -> catchUp(ev, f, token));
    }
    for (PortalEvaluation p : ev.portals()) {
      DvcMetrics.PortalGauges g = metrics.portal(p.portalId());
      g.score = p.score();
      g.rank = p.rank();
      g.grade = p.grade() == null ? Double.NaN : GRADE_VALUE.getOrDefault(p.grade(), Double.NaN);
      g.certDaysLeft = p.certDaysLeft() == null ? Double.NaN : p.certDaysLeft();
      Portal portal = portals.get(p.portalId());
      ProbeResult home = pipeline.shown(p.portalId(), Target.HOMEPAGE); // in a cluster, another vantage's too
      if (leads && portal != null && home != null && home.tls() != null) {
        alerts.onCertificate(portal, home, ev.at())
            .onFailure(e -> LOG.warn("certificate alert for {} not written: {}", portal.id(), e.toString()));
      }
    }
    for (GradeChange c : ev.gradeChanges()) {
      LOG.info("{}: grade {} -> {} (score {})", c.portalId(), c.from(), c.to(), c.score());
      hub.publish("grade", EventJson.grade(c));
      if (!leads) {
        continue;
      }
      if (!catchUp) { // else the catch-up writes it
        writes.submit("grade of " + c.portalId(), () -> store.grades().fenced(f, token).record(c.portalId(), c.to(),
            c.score(), ev.at(), vn.dvcwatch.report.GradeDrift.json(c.moved()), evaluator.modelVersion()));
      }
      Portal portal = portals.get(c.portalId());
      if (portal != null && c.from() != null && c.to().compareTo(c.from()) > 0) {
        List<String> moved = c.moved().stream().map(CriterionDelta::id).toList();
        writes.submit("grade-drop alert for " + c.portalId(),
            () -> alerts.onGradeDrop(portal, c.from(), c.to(), c.score(), moved, ev.at()));
      }
    }
    for (RankChange r : ev.rankChanges()) {
      hub.publish("rank", EventJson.rank(r));
    }
  }

  /** Writes each portal's confirmed grade that differs from its newest stored one (the new leader's first step). */
  private Future<Void> catchUp(Evaluation ev, Fence f, Fence.Token token) {
    return store.grades().latest(evaluator.modelVersion()).compose(stored -> {
      Map<String, GradeChange> changes = new java.util.HashMap<>();
      ev.gradeChanges().forEach(c -> changes.put(c.portalId(), c));
      List<Future<Void>> rows = new java.util.ArrayList<>();
      for (PortalEvaluation p : ev.portals()) {
        String before = stored.get(p.portalId());
        GradeChange c = changes.get(p.portalId());
        if (p.grade() != null && !p.grade().equals(before) && (before != null || c != null)) {
          rows.add(store.grades().fenced(f, token).record(p.portalId(), p.grade(), p.score(), ev.at(),
              c == null ? null : vn.dvcwatch.report.GradeDrift.json(c.moved()), evaluator.modelVersion()));
        }
      }
      return Future.all(rows).mapEmpty();
    });
  }

  private void refreshSla() {
    Map<String, Portal> portals = fleet.get();
    Fence.Token token = fence.get().token();
    boolean leads = token.leads();
    store.sla().windows(List.copyOf(portals.values()), clock.instant()).onSuccess(windows -> {
      Instant now = clock.instant();
      windows.forEach((id, w) -> {
        metrics.portal(id).errorBudgetRemaining = w.errorBudgetRemaining();
        Portal p = portals.get(id);
        if (p == null || !leads) {
          return;
        }
        if (w.fastBurn()) {
          writes.submit("fast-burn alert for " + id, () -> alerts.onBudgetBurn(p,
              BudgetBurn.fast(w.burn1h(), w.burn5m(), w.errorBudgetRemaining()), now));
        } else if (w.slowBurn()) {
          writes.submit("slow-burn alert for " + id, () -> alerts.onBudgetBurn(p,
              BudgetBurn.slow(w.burn6h(), w.burn30m(), w.errorBudgetRemaining()), now));
        }
      });
    }).onFailure(e -> LOG.debug("SLA windows not refreshed: {}", e.toString()));
  }
}
