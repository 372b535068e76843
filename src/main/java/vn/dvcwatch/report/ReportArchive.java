package vn.dvcwatch.report;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.YearMonth;

/**
 * Closed months' reports in {@code report_archive} (migration V130): the report's data as JSON text,
 * written once. The first writer wins; a concurrent second writer reads back the first one's text.
 */
final class ReportArchive {
  private final Pool pool;

  ReportArchive(Pool pool) {
    this.pool = pool;
  }

  /** The archived JSON text of a month, or null. */
  Future<String> read(YearMonth month) {
    return pool.preparedQuery("SELECT data FROM report_archive WHERE month = $1").execute(Tuple.of(month.toString()))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  /** Archives {@code data} unless the month is archived already; returns the archived text either way. */
  Future<String> keep(YearMonth month, String fleetName, String data) {
    return pool.preparedQuery("INSERT INTO report_archive (month, fleet_name, data) VALUES ($1, $2, $3)"
        + " ON CONFLICT (month) DO NOTHING").execute(Tuple.of(month.toString(), fleetName, data))
        .compose(x -> read(month));
  }
}
