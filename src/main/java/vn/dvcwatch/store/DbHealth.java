package vn.dvcwatch.store;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last known reachability of the database, for {@code /health/ready} and the writer's back-off. Only a failure to reach the server counts: a statement the server refused
 * (constraint, syntax) or an error in the caller's own code says nothing about the database being there.
 */
final class DbHealth {
  private static final Logger LOG = LoggerFactory.getLogger(DbHealth.class);
  private final AtomicBoolean up = new AtomicBoolean(true);

  boolean up() {
    return up.get();
  }

  void reachable() {
    if (up.compareAndSet(false, true)) {
      LOG.info("database reachable again");
    }
  }

  void failed(Throwable e) {
    if (unreachable(e) && up.compareAndSet(true, false)) {
      LOG.warn("database unreachable: {}", e.toString());
    }
  }

  /**
   * Passes a write's failure on, turning unreachability into a {@link DatabaseUnavailableException} (and
   * readiness to false), so that a caller sees at once that the row was not refused.
   */
  <T> io.vertx.core.Future<T> classify(Throwable e) {
    failed(e);
    return io.vertx.core.Future.failedFuture(unreachable(e) && !(e instanceof DatabaseUnavailableException)
        ? new DatabaseUnavailableException(e) : e);
  }

  /** {@link DbFailure#UNREACHABLE}: the one rule's reading of reachability. */
  static boolean unreachable(Throwable e) {
    return DbFailure.of(e) == DbFailure.UNREACHABLE;
  }
}
