package vn.dvcwatch.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Retries a write while the database is unreachable, so that an incident, a status change or a grade
 * decided during an outage is stored when the database returns instead of being lost (R2). Only
 * unreachability is retried; the writes retried here are idempotent or ordered by their own timestamps,
 * so a retry after a commit whose answer was lost does no harm. Bounded in time and in number.
 */
final class DbRetry {
  static final Duration GIVE_UP_AFTER = Duration.ofMinutes(15);
  private static final int MAX_PENDING = 10_000;
  private static final long FIRST_DELAY_MS = 500;
  private static final long MAX_DELAY_MS = 10_000;

  private final Vertx vertx;
  private final DbHealth health;
  private final AtomicInteger pending = new AtomicInteger();

  DbRetry(Vertx vertx, DbHealth health) {
    this.vertx = vertx;
    this.health = health;
  }

  /** Runs {@code op}, again and again while the database is unreachable, for at most {@link #GIVE_UP_AFTER}. */
  <T> Future<T> call(Supplier<Future<T>> op) {
    Promise<T> result = Promise.promise();
    attempt(op, result, System.nanoTime() + GIVE_UP_AFTER.toNanos(), FIRST_DELAY_MS, false);
    return result.future();
  }

  /** Writes waiting for the database to return. */
  int pending() {
    return pending.get();
  }

  private <T> void attempt(Supplier<Future<T>> op, Promise<T> result, long deadline, long delayMs, boolean counted) {
    op.get().onComplete(ar -> {
      if (ar.succeeded()) {
        health.reachable();
        done(counted);
        result.complete(ar.result());
        return;
      }
      health.failed(ar.cause());
      boolean retry = DbHealth.unreachable(ar.cause()) && System.nanoTime() < deadline
          && (counted || pending.get() < MAX_PENDING);
      if (!retry) {
        done(counted);
        result.fail(ar.cause());
        return;
      }
      if (!counted) {
        pending.incrementAndGet();
      }
      vertx.setTimer(delayMs, id -> attempt(op, result, deadline, Math.min(delayMs * 2, MAX_DELAY_MS), true));
    });
  }

  private void done(boolean counted) {
    if (counted) {
      pending.decrementAndGet();
    }
  }
}
