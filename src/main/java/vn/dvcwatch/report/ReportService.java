package vn.dvcwatch.report;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.function.Supplier;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.store.Store;

/**
 * A month's report data: from the archive once the month has closed (archiving it on first need), live
 * from the store while it runs. Every rendering reads this JSON and nothing else, so a closed month
 * renders the same bytes whatever the fleet file says today.
 */
public final class ReportService {
  static final java.time.Duration ARCHIVE_AFTER = java.time.Duration.ofHours(1);
  private final ReportBuilder builder;
  private final ReportArchive archive;
  private final Supplier<String> fleetName;
  private final Supplier<List<Portal>> fleet;

  public ReportService(Store store, Supplier<String> fleetName, Supplier<List<Portal>> fleet) {
    this.builder = new ReportBuilder(store);
    this.archive = new ReportArchive(store.pool());
    this.fleetName = fleetName;
    this.fleet = fleet;
  }

  /** True once the month has ended (Vietnam time). */
  public static boolean closed(YearMonth month, Instant now) {
    return !now.isBefore(ReportBuilder.monthStart(month.plusMonths(1)));
  }

  /** True once the month's report is final: archived on its next request (or already). */
  static boolean archived(YearMonth month, Instant now) {
    return closed(month, now.minus(ARCHIVE_AFTER));
  }

  /** The month's report data; fails with {@link IllegalArgumentException} for a month not yet begun. */
  public Future<JsonObject> month(YearMonth month, Instant now) {
    if (now.isBefore(ReportBuilder.monthStart(month))) {
      return Future.failedFuture(new IllegalArgumentException("month " + month + " has not begun"));
    }
    List<Portal> portals = fleet.get();
    // Archived only an hour after the month ends (state writes delayed by a database outage land first),
    // and never from an empty fleet (a command run without the registry file must not freeze a month).
    if (!archived(month, now) || portals.isEmpty()) {
      return archive.read(month).compose(text -> text != null ? Future.succeededFuture(new JsonObject(text))
          : builder.build(month, fleetName.get(), portals, now));
    }
    return archive.read(month).compose(text -> text != null ? Future.succeededFuture(text)
        : builder.build(month, fleetName.get(), portals, now)
            .compose(data -> archive.keep(month, fleetName.get(), data.encode())))
        .map(JsonObject::new);
  }
}
