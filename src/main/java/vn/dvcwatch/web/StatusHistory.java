package vn.dvcwatch.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.time.Instant;

/**
 * The 90 days behind /status ({@link BoardSource#uptimeDays}): one read of the store for the whole fleet, kept for
 * a minute, so a crowd on the status page costs one read a minute, not one per visitor. A failed read keeps the
 * previous days and is tried again at the next visit.
 */
final class StatusHistory {
  static final int DAYS = 90;
  private static final Duration KEEP = Duration.ofMinutes(1);

  private final BoardSource board;
  private volatile JsonArray latest = new JsonArray();
  private volatile Instant readAt = Instant.EPOCH;
  private volatile Future<JsonArray> reading;

  StatusHistory(BoardSource board) {
    this.board = board;
  }

  /** Completes once the days are at most a minute old (or the read failed); then {@link #latest()} has them. */
  Future<JsonArray> current() {
    Future<JsonArray> r = reading;
    if (r != null && !r.isComplete()) {
      return r;
    }
    if (readAt.plus(KEEP).isAfter(Instant.now())) {
      return Future.succeededFuture(latest);
    }
    r = board.uptimeDays(DAYS).onSuccess(rows -> {
      latest = rows;
      readAt = Instant.now();
    }).recover(e -> Future.succeededFuture(latest));
    reading = r;
    return r;
  }

  /** The last days read (empty before the first read). */
  JsonArray latest() {
    return latest;
  }
}
