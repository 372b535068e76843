package vn.dvcwatch.store;

import io.vertx.pgclient.PgException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last known reachability of the database, for {@code /health/ready} and for the writer's back-off. A
 * failure the server itself reported (a {@link PgException}: constraint, syntax) means the database is
 * there; anything else (refused, reset, timeout, closed) means it is not.
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
    if (!(e instanceof PgException) && up.compareAndSet(true, false)) {
      LOG.warn("database unreachable: {}", e.toString());
    }
  }
}
