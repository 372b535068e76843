package vn.dvcwatch.store;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import vn.dvcwatch.cluster.StaleLeaderException;

/**
 * The one rule for a failed database call, used by every writer (the store's own, the probe buffer, the
 * watchdog's {@code RetryQueue} that also carries the alert room's writes): only a statement the server
 * refused is given up; everything else is retried. Reachability is judged from the same reading, for
 * readiness.
 */
public enum DbFailure {
  /**
   * The server could not be reached, or answered "not now": refused, reset, closed or timed-out connections,
   * SQLSTATE class 08 and 57P01–57P03 (shutting down, crashed, starting up). Retry; readiness is false.
   */
  UNREACHABLE,
  /**
   * The server answered and refused this statement or its data: SQLSTATE classes 22 (data exception), 23
   * (integrity constraint) and 42 (syntax or access rule). The same statement gets the same answer, so
   * retrying cannot help, and it must not hold up the writes behind it. A cluster leader's write refused
   * by the epoch ({@link StaleLeaderException}: another node leads now) is one too.
   */
  REFUSED,
  /**
   * Anything else: a conflict the server asks to retry (class 40), exhausted resources (53), an error of our
   * own code. Retried, and says nothing about whether the database is there.
   */
  OTHER;

  /** Reads the failure's cause chain; the first PostgreSQL answer in it decides. */
  public static DbFailure of(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StaleLeaderException) {
        return REFUSED;
      }
      if (t instanceof PgException pg) {
        String state = pg.getSqlState() == null ? "" : pg.getSqlState();
        if (state.startsWith("08") || state.startsWith("57P")) {
          return UNREACHABLE;
        }
        return state.startsWith("22") || state.startsWith("23") || state.startsWith("42") ? REFUSED : OTHER;
      }
      if (t instanceof IOException || t instanceof ClosedConnectionException || t instanceof TimeoutException) {
        return UNREACHABLE;
      }
      // the pool's "Timeout" when no connection could be had within the connection timeout
      if (String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("timeout")) {
        return UNREACHABLE;
      }
    }
    return OTHER;
  }

  /** False only for {@link #REFUSED}. */
  public boolean retry() {
    return this != REFUSED;
  }
}
