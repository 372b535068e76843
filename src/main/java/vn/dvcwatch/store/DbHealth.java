package vn.dvcwatch.store;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
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
   * readiness to false): a server that is shutting down answers with a PgException, which callers would
   * otherwise take for a refusal of the row and skip instead of retrying.
   */
  <T> io.vertx.core.Future<T> classify(Throwable e) {
    failed(e);
    return io.vertx.core.Future.failedFuture(unreachable(e) && !(e instanceof DatabaseUnavailableException)
        ? new DatabaseUnavailableException(e) : e);
  }

  /**
   * Refused, reset, closed or timed-out connections, and the server's own "not now" answers (SQLSTATE
   * class 08, and 57P01–57P03: shutting down, crashed, starting up).
   */
  static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PgException pg) {
        String state = pg.getSqlState() == null ? "" : pg.getSqlState();
        return state.startsWith("08") || state.startsWith("57P");
      }
      if (t instanceof IOException || t instanceof ClosedConnectionException || t instanceof TimeoutException) {
        return true;
      }
      // the pool's "Timeout" when no connection could be had within the connection timeout
      if (String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("timeout")) {
        return true;
      }
    }
    return false;
  }
}
