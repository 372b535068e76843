package vn.dvcwatch.report;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.alert.Alert;
import vn.dvcwatch.alert.AlertKind;
import vn.dvcwatch.alert.AlertRouter;
import vn.dvcwatch.alert.AlertSettings;
import vn.dvcwatch.alert.Outbox;
import vn.dvcwatch.registry.Portal;

/**
 * Mails last month's report on the first working morning of the month (08:00 Asia/Ho_Chi_Minh, the first
 * day that is not a Saturday or Sunday): each owner's report (a ministry's or a province's, all its portals) once,
 * to the contacts of its portals, the national one (covering every portal) to the national copy address only,
 * with the alert opt-outs of kind {@code report}. The mails are rows of the alert outbox with the key
 * {@code report:<YYYY-MM>:owner:<owner slug>} or {@code report:<YYYY-MM>:national}, so each goes out once however
 * often the minute check runs, across restarts and through SMTP outages (the outbox sender retries).
 * A process that was down on that morning sends when it comes back, later that month.
 */
public final class ReportMailer {
  private static final Logger LOG = LoggerFactory.getLogger(ReportMailer.class);
  static final LocalTime SEND_AT = LocalTime.of(8, 0);
  private static final long CHECK_EVERY_MS = 60_000;

  private final Pool pool;
  private final Outbox outbox;
  private final ReportService reports;
  private final AlertRouter router;
  private final Supplier<List<Portal>> fleet;
  private final String publicUrl;
  private final String nationalCopy;
  private final boolean enabled;
  private final Clock clock;
  private long timer = -1;
  private boolean busy;

  public ReportMailer(Pool pool, ReportService reports, AlertSettings settings, Supplier<List<Portal>> fleet, Clock clock) {
    this.pool = pool;
    this.outbox = new Outbox(pool);
    this.reports = reports;
    this.router = new AlertRouter(settings);
    this.fleet = fleet;
    this.publicUrl = settings.publicUrl() == null ? "" : settings.publicUrl().replaceAll("/+$", "");
    this.clock = clock;
    this.enabled = settings.enabled();
    this.nationalCopy = settings.nationalCopy() == null ? "" : settings.nationalCopy().trim().toLowerCase(java.util.Locale.ROOT);
  }

  /** The first working morning of a month: 08:00 Vietnam time on its first day that is not Saturday or Sunday. */
  public static Instant firstWorkingMorning(YearMonth month) {
    LocalDate d = month.atDay(1);
    while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
      d = d.plusDays(1);
    }
    return d.atTime(SEND_AT).atZone(ReportBuilder.VIETNAM).toInstant();
  }

  /**
   * Checks every minute (from the caller's context), the first time a minute after start so that building
   * a report does not compete with restoring state; nothing while alerts are disabled.
   */
  public void start(Vertx vertx) {
    if (!enabled) {
      return;
    }
    timer = vertx.setPeriodic(CHECK_EVERY_MS, id -> check(clock.instant()));
  }

  public void stop(Vertx vertx) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void check(Instant now) {
    if (busy) {
      return;
    }
    busy = true;
    due(now).onComplete(ar -> {
      busy = false;
      if (ar.failed()) {
        LOG.warn("monthly report mail not queued yet: {}", ar.cause().toString());
      } else if (ar.result() > 0) {
        LOG.info("monthly report mails queued: {}", ar.result());
      }
    });
  }

  /**
   * Queues last month's report mails if their morning has come and they are not queued yet; returns how
   * many reports were queued now (0 before the morning, or when done already).
   */
  public Future<Integer> due(Instant now) {
    YearMonth current = YearMonth.from(now.atZone(ReportBuilder.VIETNAM));
    YearMonth last = current.minusMonths(1);
    if (now.isBefore(firstWorkingMorning(current))) {
      return Future.succeededFuture(0);
    }
    String nationalKey = key(last, "national");
    // The national row is queued last: once it exists, every report of the month was queued.
    return outbox.exists(pool, nationalKey).compose(done -> done ? Future.succeededFuture(0)
        : reports.month(last, now).compose(data -> queue(data, last, now)));
  }

  private Future<Integer> queue(JsonObject data, YearMonth month, Instant now) {
    Map<String, Portal> current = new java.util.HashMap<>();
    fleet.get().forEach(p -> current.put(p.id(), p));
    ReportText t = ReportText.of("vi");
    List<Alert> mails = new ArrayList<>();
    int observed = 0;
    for (Owners.Owner owner : Owners.of(data)) {
      // One mail per owner, to the contacts of all its portals: a ministry with a sector portal, or a province
      // that took over another's portal, gets one report covering them, not one per portal.
      java.util.LinkedHashSet<String> to = new java.util.LinkedHashSet<>();
      for (int i = 0; i < owner.portals().size(); i++) {
        JsonObject p = owner.portals().getJsonObject(i);
        Portal portal = current.get(p.getString("id"));
        if (p.getValue("uptime") == null) {
          // Not monitored that month (added since, or a fresh installation): a report of nothing is not sent.
          continue;
        }
        observed++;
        if (portal != null) {
          // Retired since: nobody to send its part to any more (the archive keeps it). The national office gets
          // the national report, which covers every portal: not a copy of each owner's besides.
          router.route(AlertKind.REPORT, portal, AlertRouter.Situation.NORMAL).recipients().stream()
              .filter(r -> !r.equals(nationalCopy)).forEach(to::add);
        }
      }
      if (!to.isEmpty()) {
        mails.add(mail(key(month, "owner:" + owner.slug()), owner, List.copyOf(to), t, month, now));
      }
    }
    AlertRouter.Route national = observed == 0 ? new AlertRouter.Route(List.of(), AlertRouter.NO_DATA)
        : router.route(AlertKind.REPORT, null, AlertRouter.Situation.NORMAL);
    Alert nationalMail = national.suppressed() ? null : mail(key(month, "national"), null, national.recipients(), t, month, now);
    Future<Void> chain = Future.succeededFuture();
    for (Alert a : mails) {
      chain = chain.compose(x -> outbox.enqueue(pool, a));
    }
    Future<Void> last = chain.compose(x -> nationalMail == null
        ? outbox.suppress(pool, new Alert(key(month, "national"), AlertKind.REPORT, null, List.of(),
            t.title(month.toString()), "", "", now), national.suppressedReason())
        : outbox.enqueue(pool, nationalMail));
    return last.map(x -> mails.size() + (nationalMail == null ? 0 : 1));
  }

  static String key(YearMonth month, String scope) {
    return "report:" + month + ":" + scope;
  }

  /** The mail of an owner's report, or of the national one ({@code owner} null): the figures and the links. */
  private Alert mail(String key, Owners.Owner owner, List<String> to, ReportText t, YearMonth month, Instant now) {
    String link = publicUrl + "/reports/" + month + (owner == null ? "" : "/owner/" + owner.slug());
    String subject = "[dvc-watch] " + t.title(month.toString()) + (owner == null ? "" : ": " + owner.name());
    List<String[]> facts = new ArrayList<>();
    if (owner != null) {
      JsonObject total = owner.total();
      facts.add(new String[] {"Tỷ lệ hoạt động", t.pct(total.getValue("uptime")) + " (mục tiêu "
          + t.pct(total.getValue("target")) + ": " + t.met(total) + ")"});
      facts.add(new String[] {"Ngân sách lỗi đã dùng", t.pct(total.getValue("budgetUsed"))});
      facts.add(new String[] {"Sự cố", total.getInteger("incidents") + " (gián đoạn " + t.minutes(total.getValue("downtimeMin")) + ")"});
      facts.add(new String[] {"Bảo trì", t.minutes(total.getValue("maintenanceMin"))});
      for (int i = 0; i < owner.portals().size(); i++) {
        JsonObject p = owner.portals().getJsonObject(i);
        JsonObject g = p.getJsonObject("grade");
        facts.add(new String[] {p.getString("name"), t.pct(p.getValue("uptime")) + " (" + t.met(p) + "), hạng "
            + t.grade(g, "start") + " → " + t.grade(g, "end")});
      }
    }
    StringBuilder text = new StringBuilder(t.title(month.toString())).append(owner == null ? "" : " — " + owner.name())
        .append("\n\n");
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>")
        .append(ReportHtml.esc(subject)).append("</title></head>\n<body style=\"font-family:sans-serif\">\n<h2>")
        .append(ReportHtml.esc(t.title(month.toString()))).append("</h2>\n")
        .append(owner == null ? "" : "<p>" + ReportHtml.esc(owner.name()) + "</p>\n").append("<table>\n");
    for (String[] f : facts) {
      text.append(f[0]).append(": ").append(f[1]).append('\n');
      html.append("<tr><th style=\"text-align:left;padding-right:1em\">").append(ReportHtml.esc(f[0])).append("</th><td>")
          .append(ReportHtml.esc(f[1])).append("</td></tr>\n");
    }
    String more = "Báo cáo đầy đủ (HTML, PDF, CSV)";
    text.append('\n').append(more).append(": ").append(link).append("\n\n-- \ndvc-watch — giám sát Cổng Dịch vụ công."
        + " Email gửi tự động, vui lòng không trả lời.\n");
    html.append("</table>\n<p><a href=\"").append(ReportHtml.esc(link)).append("\">").append(more).append("</a> · <a href=\"")
        .append(ReportHtml.esc(link)).append("?format=pdf\">PDF</a></p>\n</body></html>\n");
    return new Alert(key, AlertKind.REPORT, owner == null || owner.portals().size() != 1 ? null
        : owner.portals().getJsonObject(0).getString("id"), to, subject, text.toString(), html.toString(), now);
  }
}
