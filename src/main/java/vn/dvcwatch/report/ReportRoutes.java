package vn.dvcwatch.report;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/**
 * {@code GET /reports/{YYYY-MM}} (the fleet), {@code /reports/{YYYY-MM}/{portal}} and
 * {@code /reports/{YYYY-MM}/owner/{owner slug}} (a ministry's or province's portals): HTML, {@code ?format=csv}
 * or {@code pdf}, {@code ?lang=en}. Public pages: the report data carries no contacts. Rendering (the PDF
 * above all) runs off the event loop.
 */
public final class ReportRoutes implements Consumer<Router> {
  static final String CSS_PATH = "/reports/report.css";
  private final ReportService reports;
  private final Clock clock;

  public ReportRoutes(ReportService reports, Clock clock) {
    this.reports = reports;
    this.clock = clock;
  }

  @Override
  public void accept(Router router) {
    router.get(CSS_PATH).handler(ctx -> ctx.response().putHeader("Content-Type", "text/css; charset=utf-8")
        .putHeader("Cache-Control", "public, max-age=3600").end(ReportHtml.CSS));
    router.get("/reports/:month").handler(this::serve);
    router.get("/reports/:month/:portal").handler(this::serve);
    router.get("/reports/:month/owner/:owner").handler(this::serve);
  }

  private void serve(RoutingContext ctx) {
    YearMonth month;
    try {
      month = YearMonth.parse(ctx.pathParam("month"));
    } catch (DateTimeParseException e) {
      plain(ctx, 400, "month must be YYYY-MM");
      return;
    }
    String format = ctx.queryParams().get("format");
    if (!Rendered.knownFormat(format)) {
      plain(ctx, 400, "format must be html, csv or pdf");
      return;
    }
    String portal = ctx.pathParam("portal");
    String owner = ctx.pathParam("owner");
    String lang = ctx.queryParams().get("lang");
    reports.month(month, clock.instant())
        .compose(data -> ctx.vertx().executeBlocking(() -> owner != null ? Rendered.owner(data, owner, format, lang, true)
            : Rendered.of(data, portal, format, lang, true), false))
        .onSuccess(r -> {
          if (r == null) {
            plain(ctx, 404, (owner != null ? "no owner " + owner : "no portal " + portal) + " in the report of " + month);
            return;
          }
          ctx.response().putHeader("Content-Type", r.contentType())
              .putHeader("Cache-Control", ReportService.archived(month, clock.instant()) ? "public, max-age=3600" : "no-cache");
          if (!r.contentType().startsWith("text/html")) {
            ctx.response().putHeader("Content-Disposition", "inline; filename=\"" + r.fileName() + "\"");
          }
          ctx.response().end(Buffer.buffer(r.bytes()));
        })
        .onFailure(e -> {
          if (e instanceof IllegalArgumentException) {
            plain(ctx, 404, e.getMessage());
          } else {
            ctx.fail(e);
          }
        });
  }

  private static void plain(RoutingContext ctx, int status, String message) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(message + "\n");
  }
}
