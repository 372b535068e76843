package vn.dvcwatch.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * The report as CSV (RFC 4180, UTF-8, CRLF): a header row, then one row per portal. Machine-readable on
 * purpose: fractions with a dot, minutes, grade letters; names in Vietnamese as in the fleet file.
 */
final class ReportCsv {
  static final List<String> HEADER = List.of("month", "portal_id", "name", "kind", "owner", "target", "uptime",
      "sla_met", "downtime_min", "maintenance_min", "error_budget_used", "incidents", "maintenance_windows",
      "grade_start", "rank_start", "grade_end", "rank_end", "open_tls_findings");

  private ReportCsv() {}

  static String render(JsonObject data, JsonArray portals) {
    StringBuilder b = new StringBuilder();
    b.append(String.join(",", HEADER)).append("\r\n");
    for (int i = 0; i < portals.size(); i++) {
      JsonObject p = portals.getJsonObject(i);
      JsonObject g = p.getJsonObject("grade");
      Object up = p.getValue("uptime");
      String met = up instanceof Number n ? (n.doubleValue() >= p.getDouble("target") ? "yes" : "no") : "";
      List<String> row = List.of(data.getString("month"), p.getString("id"), p.getString("name"), p.getString("kind"),
          p.getString("owner"), num(p.getValue("target")), num(up), met, num(p.getValue("downtimeMin")),
          num(p.getValue("maintenanceMin")), num(p.getValue("budgetUsed")), Integer.toString(p.getJsonArray("incidents").size()),
          Integer.toString(p.getJsonArray("maintenance").size()), str(g.getString("start")), str(g.getInteger("startRank")),
          str(g.getString("end")), str(g.getInteger("endRank")), Integer.toString(p.getJsonArray("findings").size()));
      for (int k = 0; k < row.size(); k++) {
        b.append(k == 0 ? "" : ",").append(field(row.get(k)));
      }
      b.append("\r\n");
    }
    return b.toString();
  }

  private static String num(Object v) {
    return v instanceof Number n ? String.format(Locale.ROOT, "%.6f", n.doubleValue()).replaceAll("0+$", "").replaceAll("\\.$", "") : "";
  }

  private static String str(Object v) {
    return v == null ? "" : v.toString();
  }

  private static String field(String s) {
    return s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0 ? s
        : '"' + s.replace("\"", "\"\"") + '"';
  }
}
