package vn.dvcwatch.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The report as an HTML page that prints on A4. No contacts: the data has none. Served on the web, the
 * style sheet is linked ({@code /reports/report.css}: the pages' Content-Security-Policy allows no inline
 * style); written to a file, it is inline so the file stands alone.
 */
final class ReportHtml {
  static final String CSS = """
      body{font-family:"DejaVu Sans",system-ui,sans-serif;margin:2rem auto;max-width:64rem;padding:0 1rem;color:#1b1b1b;line-height:1.45}
      h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:2px solid #b71c1c;padding-bottom:.2rem}
      h3{font-size:1rem;margin-bottom:.3rem}.sub{color:#555;margin-top:0}
      table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}
      th,td{border:1px solid #ccc;padding:.25rem .45rem;text-align:left;vertical-align:top}th{background:#f3f3f3}
      td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.asof{color:#8a4b00}.miss{color:#b71c1c;font-weight:bold}.ok{color:#1b5e20}
      .method{background:#fafafa;border-left:4px solid #999;padding:.5rem 1rem;font-size:.9rem}
      nav a{margin-right:1rem}section.portal{page-break-inside:avoid}
      .skip{position:absolute;left:.5rem;top:-4rem;background:#fff;padding:.4rem .7rem;border:2px solid #b45309}.skip:focus{top:.5rem}
      main:focus{outline:none}
      @media print{nav,.skip{display:none}body{margin:0;max-width:none}h2{page-break-after:avoid}a{color:inherit;text-decoration:none}}
      @page{size:A4;margin:15mm}
      """;

  private ReportHtml() {}

  /** The fleet's report ({@code portal} null: summary of every portal) or one portal's. */
  static String render(JsonObject data, JsonObject portal, ReportText t, boolean linkedCss) {
    String month = data.getString("month");
    StringBuilder b = head(data, portal == null ? t.title(month) : portal.getString("name") + " — " + t.title(month),
        portal == null ? "" : "/" + portal.getString("id"), portal == null
            ? t.t("Báo cáo toàn quốc — danh sách cổng ", "National report — fleet ") + data.getString("fleet")
            : portal.getString("name") + " — " + portal.getString("owner"), t, linkedCss);
    JsonArray portals = data.getJsonArray("portals");
    if (portal == null) {
      summary(b, portals, t, month);
      owners(b, data, t);
    } else {
      summary(b, new JsonArray().add(portal), t, month);
      detail(b, portal, t, 2);
    }
    return tail(b, t, false);
  }

  /** An owner's report: each of its portals' row, the owner's total, then each portal's details. */
  static String render(JsonObject data, Owners.Owner owner, ReportText t, boolean linkedCss) {
    String month = data.getString("month");
    StringBuilder b = head(data, owner.name() + " — " + t.title(month), "/owner/" + owner.slug(),
        t.t("Báo cáo của cơ quan chủ quản — ", "Report of the owner — ") + owner.name(), t, linkedCss);
    summary(b, owner.portals(), owner.total(), t, month);
    for (int i = 0; i < owner.portals().size(); i++) {
      JsonObject p = owner.portals().getJsonObject(i);
      b.append("<h2>").append(esc(p.getString("name"))).append("</h2>\n");
      detail(b, p, t, 3);
    }
    return tail(b, t, true);
  }

  /** Document head, navigation, title and the running month's notice; {@code path} follows the month in links. */
  private static StringBuilder head(JsonObject data, String title, String path, String sub, ReportText t, boolean linkedCss) {
    String month = data.getString("month");
    StringBuilder b = new StringBuilder(8192);
    b.append("<!DOCTYPE html>\n<html lang=\"").append(t.lang()).append("\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>")
        .append(esc(title))
        .append("</title>").append(linkedCss ? "<link rel=\"stylesheet\" href=\"" + ReportRoutes.CSS_PATH + "\">"
            : "<style>" + CSS + "</style>").append("</head>\n<body>\n<a class=\"skip\" href=\"#main\">")
        .append(t.t("Bỏ qua, đến nội dung chính", "Skip to main content")).append("</a>\n");
    String base = "/reports/" + month + esc(path);
    String q = t.en ? "&lang=en" : "";
    b.append("<nav><a href=\"/reports/").append(month).append(t.en ? "?lang=en" : "").append("\">")
        .append(t.t("Toàn quốc", "National")).append("</a><a href=\"").append(base).append("?format=pdf").append(q)
        .append("\">PDF</a><a href=\"").append(base).append("?format=csv\">CSV</a><a href=\"").append(base)
        .append(t.en ? "\">Tiếng Việt" : "?lang=en\">English").append("</a></nav>\n");
    b.append("<main id=\"main\" tabindex=\"-1\"><h1>").append(esc(t.title(month))).append("</h1>\n<p class=\"sub\">").append(esc(sub)).append("</p>\n");
    if (data.getString("asOf") != null) {
      b.append("<p class=\"asof\">").append(esc(t.asOf(data.getString("asOf")))).append("</p>\n");
    }
    return b;
  }

  private static String tail(StringBuilder b, ReportText t, boolean owner) {
    b.append("<h2>").append(t.t("Phương pháp tính", "How the figures are computed")).append("</h2>\n<div class=\"method\"><ul>");
    for (String line : t.method(owner)) {
      b.append("<li>").append(esc(line)).append("</li>");
    }
    return b.append("</ul></div>\n</main></body></html>\n").toString();
  }

  /** The national report's links to each owner's report. */
  private static void owners(StringBuilder b, JsonObject data, ReportText t) {
    b.append("<h2>").append(t.t("Báo cáo theo cơ quan chủ quản", "Reports by owner")).append("</h2>\n<ul class=\"owners\">");
    for (Owners.Owner o : Owners.of(data)) {
      b.append("<li><a href=\"/reports/").append(data.getString("month")).append("/owner/").append(esc(o.slug()))
          .append(t.en ? "?lang=en" : "").append("\">").append(esc(o.name())).append("</a> (")
          .append(t.pct(o.total().getValue("uptime"))).append(")</li>");
    }
    b.append("</ul>\n");
  }

  private static void summary(StringBuilder b, JsonArray portals, ReportText t, String month) {
    summary(b, portals, null, t, month);
  }

  /** The summary table; {@code total} (an owner's, {@link Owners#total}) adds a last row. */
  private static void summary(StringBuilder b, JsonArray portals, JsonObject total, ReportText t, String month) {
    b.append("<h2>").append(t.t("Tổng hợp", "Summary")).append("</h2>\n<table><thead><tr><th>")
        .append(t.t("Cổng", "Portal")).append("</th><th>").append(t.t("Loại", "Kind")).append("</th><th>")
        .append(t.t("Hoạt động", "Uptime")).append("</th><th>").append(t.t("Mục tiêu", "Target")).append("</th><th>SLA</th><th>")
        .append(t.t("Ngân sách lỗi đã dùng", "Error budget used")).append("</th><th>").append(t.t("Sự cố", "Incidents"))
        .append("</th><th>").append(t.t("Gián đoạn", "Down")).append("</th><th>").append(t.t("Bảo trì", "Maintenance"))
        .append("</th><th>").append(t.t("Hạng đầu tháng", "Grade at start")).append("</th><th>")
        .append(t.t("Hạng cuối tháng", "Grade at end")).append("</th></tr></thead><tbody>\n");
    for (int i = 0; i < portals.size(); i++) {
      JsonObject p = portals.getJsonObject(i);
      JsonObject g = p.getJsonObject("grade");
      String met = t.met(p);
      b.append("<tr><td><a href=\"/reports/").append(month).append('/').append(esc(p.getString("id")))
          .append(t.en ? "?lang=en" : "").append("\">").append(esc(p.getString("name"))).append("</a></td><td>")
          .append(esc(t.kind(p.getString("kind")))).append("</td><td class=\"n\">").append(t.pct(p.getValue("uptime")))
          .append("</td><td class=\"n\">").append(t.pct(p.getValue("target"))).append("</td><td class=\"")
          .append(met.equals(t.t("Đạt", "Met")) ? "ok" : "miss").append("\">").append(esc(met))
          .append("</td><td class=\"n\">").append(t.pct(p.getValue("budgetUsed"))).append("</td><td class=\"n\">")
          .append(p.getJsonArray("incidents").size()).append("</td><td class=\"n\">").append(t.minutes(p.getValue("downtimeMin")))
          .append("</td><td class=\"n\">").append(t.minutes(p.getValue("maintenanceMin"))).append("</td><td>")
          .append(esc(t.grade(g, "start"))).append("</td><td>").append(esc(t.grade(g, "end"))).append("</td></tr>\n");
    }
    b.append("</tbody>");
    if (total != null) {
      String met = t.met(total);
      b.append("<tfoot><tr><th>").append(esc(t.total(total.getInteger("portals")))).append("</th><td></td><td class=\"n\">")
          .append(t.pct(total.getValue("uptime"))).append("</td><td class=\"n\">").append(t.pct(total.getValue("target")))
          .append("</td><td class=\"").append(met.equals(t.t("Đạt", "Met")) ? "ok" : "miss").append("\">").append(esc(met))
          .append("</td><td class=\"n\">").append(t.pct(total.getValue("budgetUsed"))).append("</td><td class=\"n\">")
          .append(total.getInteger("incidents")).append("</td><td class=\"n\">").append(t.minutes(total.getValue("downtimeMin")))
          .append("</td><td class=\"n\">").append(t.minutes(total.getValue("maintenanceMin")))
          .append("</td><td></td><td></td></tr></tfoot>");
    }
    b.append("</table>\n");
  }

  /** One portal's details, its section headings at level {@code h} (2 in a portal's report, 3 under an owner's). */
  private static void detail(StringBuilder b, JsonObject p, ReportText t, int h) {
    String open = "<h" + h + ">";
    String close = "</h" + h + ">\n";
    b.append("<section class=\"portal\">").append(open).append(t.t("Sự cố", "Incidents")).append(close);
    JsonArray inc = p.getJsonArray("incidents");
    if (inc.isEmpty()) {
      b.append("<p>").append(t.t("Không có sự cố trong tháng.", "No incidents this month.")).append("</p>\n");
    } else {
      b.append("<table><thead><tr><th>").append(t.t("Bắt đầu", "Start")).append("</th><th>").append(t.t("Kết thúc", "End"))
          .append("</th><th>").append(t.t("Nguyên nhân", "Cause")).append("</th><th>").append(t.t("Trong tháng", "In month"))
          .append("</th><th>").append(t.t("Người xác nhận", "Acknowledged by")).append("</th></tr></thead><tbody>\n");
      for (int i = 0; i < inc.size(); i++) {
        JsonObject x = inc.getJsonObject(i);
        b.append("<tr><td>").append(t.when(x.getString("start"))).append("</td><td>").append(esc(t.when(x.getString("end"))))
            .append("</td><td>").append(esc(x.getString("cause"))).append(x.getString("target") == null ? ""
                : " (" + esc(x.getString("target")) + ")").append("</td><td class=\"n\">").append(t.minutes(x.getValue("minutes")))
            .append("</td><td>").append(esc(t.ack(x))).append("</td></tr>\n");
      }
      b.append("</tbody></table>\n");
    }
    b.append(open).append(t.t("Bảo trì (không tính vào SLA)", "Maintenance (excluded from the SLA)")).append(close);
    JsonArray m = p.getJsonArray("maintenance");
    if (m.isEmpty()) {
      b.append("<p>").append(t.t("Không có khung bảo trì.", "No maintenance windows.")).append("</p>\n");
    } else {
      b.append("<ul>");
      for (int i = 0; i < m.size(); i++) {
        JsonObject w = m.getJsonObject(i);
        b.append("<li>").append(t.when(w.getString("from"))).append(" – ").append(t.when(w.getString("to")))
            .append(w.getBoolean("fleetWide") ? t.t(" (toàn hệ thống)", " (fleet-wide)") : "")
            .append(w.getString("reason").isEmpty() ? "" : ": " + esc(w.getString("reason"))).append("</li>");
      }
      b.append("</ul>\n");
    }
    JsonObject g = p.getJsonObject("grade");
    b.append(open).append(t.t("Hạng và thứ hạng", "Grade and rank")).append(close).append("<p>")
        .append(t.t("Đầu tháng: ", "At start: ")).append(esc(t.grade(g, "start"))).append(" · ")
        .append(t.t("Cuối tháng: ", "At end: ")).append(esc(t.grade(g, "end"))).append("</p>\n<p>")
        .append(esc(t.drift(g))).append("</p>\n");
    list(b, open, close, t.t("Chứng chỉ và TLS: vấn đề còn tồn tại", "Certificate and TLS findings still open"),
        p.getJsonArray("findings"), t.t("Không có.", "None."));
    list(b, open, close, t.t("Việc cần khắc phục trước", "Top fixes"), p.getJsonArray("fixes"), t.t("Không có.", "None."));
    b.append("</section>\n");
  }

  private static void list(StringBuilder b, String open, String close, String heading, JsonArray items, String none) {
    b.append(open).append(esc(heading)).append(close);
    if (items.isEmpty()) {
      b.append("<p>").append(esc(none)).append("</p>\n");
      return;
    }
    b.append("<ul>");
    for (int i = 0; i < items.size(); i++) {
      b.append("<li>").append(esc(items.getString(i))).append("</li>");
    }
    b.append("</ul>\n");
  }

  /** Escapes text and double-quoted attribute values (jsoup: UTF-8 letters stay as they are). */
  static String esc(String s) {
    return s == null ? "" : org.jsoup.nodes.Entities.escape(s);
  }
}
