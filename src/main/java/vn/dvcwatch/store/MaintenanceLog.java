package vn.dvcwatch.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.dvcwatch.alert.MaintenanceCalendar;

/**
 * Maintenance windows: stored for the SLA (which excludes them) and the admin API, and answered from
 * memory for the alerts, which ask on every state change and must not wait on (or fail with) the
 * database. The memory copy is reloaded after every change and by housekeeping.
 */
public final class MaintenanceLog implements MaintenanceCalendar {
  private static final String COLUMNS = "id, portal_id, starts_at, ends_at, reason";
  // Windows that ended longer ago than this cannot matter to an alert any more.
  private static final Duration CACHE_PAST = Duration.ofDays(1);

  private final Pool pool;
  private volatile List<MaintenanceWindow> current = List.of();

  MaintenanceLog(Pool pool) {
    this.pool = pool;
  }

  public Future<MaintenanceWindow> add(String portalId, Instant from, Instant to, String reason) {
    if (!to.isAfter(from)) {
      return Future.failedFuture(new IllegalArgumentException("a maintenance window must end after it starts"));
    }
    return pool.preparedQuery("INSERT INTO maintenance_window (portal_id, starts_at, ends_at, reason)"
        + " VALUES ($1, $2, $3, $4) RETURNING " + COLUMNS)
        .execute(Tuple.of(portalId, Sql.utc(from), Sql.utc(to), reason == null ? "" : reason))
        .map(rows -> windows(rows).get(0))
        .compose(w -> refresh().map(w));
  }

  /** Every window, newest start first. */
  public Future<List<MaintenanceWindow>> list() {
    return pool.query("SELECT " + COLUMNS + " FROM maintenance_window ORDER BY starts_at DESC, id DESC").execute()
        .map(MaintenanceLog::windows);
  }

  /** True when a window was deleted. */
  public Future<Boolean> delete(long id) {
    return pool.preparedQuery("DELETE FROM maintenance_window WHERE id = $1").execute(Tuple.of(id))
        .compose(rows -> refresh().map(rows.rowCount() > 0));
  }

  @Override
  public boolean inMaintenance(String portalId, Instant at) {
    for (MaintenanceWindow w : current) {
      if (w.covers(portalId, at)) {
        return true;
      }
    }
    return false;
  }

  /** Windows overlapping [from, to), all portals: the SLA's exclusions. */
  Future<List<MaintenanceWindow>> overlapping(Instant from, Instant to) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM maintenance_window WHERE starts_at < $2 AND ends_at > $1"
        + " ORDER BY starts_at, id").execute(Tuple.of(Sql.utc(from), Sql.utc(to))).map(MaintenanceLog::windows);
  }

  /** Reloads the memory copy; on failure the previous copy stays. */
  Future<Void> refresh() {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM maintenance_window WHERE ends_at > $1 ORDER BY starts_at")
        .execute(Tuple.of(Sql.utc(Instant.now().minus(CACHE_PAST))))
        .onSuccess(rows -> current = windows(rows)).mapEmpty();
  }

  private static List<MaintenanceWindow> windows(RowSet<Row> rows) {
    List<MaintenanceWindow> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(new MaintenanceWindow(r.getLong("id"), r.getString("portal_id"), Sql.instant(r, "starts_at"),
          Sql.instant(r, "ends_at"), r.getString("reason")));
    }
    return out;
  }
}
