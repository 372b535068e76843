package vn.dvcwatch.app;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.grade.FleetEvaluator;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.status.PortalStatus;
import vn.dvcwatch.status.StatusTracker;
import vn.dvcwatch.store.Store;

/**
 * Rebuilds what a restart must not reset, before the first probe (docs/ARCHITECTURE.md, "Restart"): the last status
 * of every portal, the open incidents, the last confirmed grades and 30 days of hourly rollups for the scoring
 * windows. A read that fails is logged and the rest is still restored: the watchdog starts either way.
 */
final class StateRestore {
  private static final Logger LOG = LoggerFactory.getLogger(StateRestore.class);
  static final Duration SEED_WINDOW = Duration.ofDays(30);

  private StateRestore() {}

  /** Seeds {@code tracker} and {@code evaluator} from {@code store} for the portals {@code watched} accepts. */
  static Future<Void> run(Store store, StatusTracker tracker, FleetEvaluator evaluator, Predicate<String> watched,
      Instant now) {
    var statuses = store.incidents().lastStatuses();
    var open = store.incidents().openIncidents();
    var grades = store.grades().latest(evaluator.modelVersion()); // a grade of another model is not restored
    var hours = store.probes().hourly(now.minus(SEED_WINDOW));
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
          if (watched.test(id)) {
            tracker.restore(id, s, openById.get(id));
          }
        });
      }
      openById.forEach((id, i) -> {
        if (watched.test(id) && (!statuses.succeeded() || !statuses.result().containsKey(id))) {
          tracker.restore(id, PortalStatus.DOWN, i);
        }
      });
      if (grades.succeeded()) {
        grades.result().forEach((id, g) -> {
          if (watched.test(id)) {
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
}
