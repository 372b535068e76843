package vn.dvcwatch.alert;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * The optional daily digest to the national address: at {@code digestTime} (Vietnam time), one email
 * listing the alerts of the 24 hours before, including those that were suppressed and why. Keyed by
 * the date, so a restart neither skips nor repeats it (a watchdog that was down at digest time sends
 * it when it comes back the same day).
 */
final class DailyDigest {
  private final Pool pool;
  private final Outbox outbox;
  private final AlertRouter router;
  private final AlertTemplates templates;
  private final AlertSettings settings;
  private volatile LocalDate done; // saves the timer a query per pass once today's digest is in the outbox

  DailyDigest(Pool pool, Outbox outbox, AlertRouter router, AlertTemplates templates, AlertSettings settings) {
    this.pool = pool;
    this.outbox = outbox;
    this.router = router;
    this.templates = templates;
    this.settings = settings;
  }

  /** Enqueues today's digest if its time has come and it was not enqueued yet; true when it did. */
  Future<Boolean> runIfDue(Instant now) {
    ZonedDateTime local = now.atZone(VietnameseText.VIETNAM);
    LocalDate today = local.toLocalDate();
    ZonedDateTime due = today.atTime(settings.digestTime()).atZone(VietnameseText.VIETNAM);
    if (local.isBefore(due) || today.equals(done)) {
      return Future.succeededFuture(false);
    }
    String key = "digest:" + today;
    AlertRouter.Route route = router.route(AlertKind.DIGEST, null, AlertRouter.Situation.NORMAL);
    if (route.suppressed()) {
      return Future.succeededFuture(false);
    }
    return outbox.exists(pool, key).compose(exists -> exists ? Future.succeededFuture(false)
        : outbox.between(due.minusDays(1).toInstant(), due.toInstant()).compose(lines -> {
          AlertText text = templates.digest(due.toInstant(), lines);
          return outbox.enqueue(pool, Alert.of(key, AlertKind.DIGEST, null, route.recipients(), text, now)).map(true);
        })).onSuccess(x -> done = today);
  }
}
