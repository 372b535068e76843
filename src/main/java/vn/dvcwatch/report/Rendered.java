package vn.dvcwatch.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A rendered report: its bytes, content type and a file name. */
public record Rendered(byte[] bytes, String contentType, String fileName) {

  /** The formats of the report: {@code html} (default), {@code csv} and {@code pdf}. */
  public static boolean knownFormat(String format) {
    return format == null || switch (format.toLowerCase(Locale.ROOT)) {
      case "html", "csv", "pdf" -> true;
      default -> false;
    };
  }

  /**
   * Renders the month's report data: the fleet when {@code portalId} is null, else that portal (null
   * when the month's report has no such portal).
   */
  public static Rendered of(JsonObject data, String portalId, String format, String lang) {
    return of(data, portalId, format, lang, false);
  }

  /** As {@link #of(JsonObject, String, String, String)}; {@code web} links the page's style sheet instead of inlining it. */
  static Rendered of(JsonObject data, String portalId, String format, String lang, boolean web) {
    JsonObject portal = null;
    if (portalId != null) {
      JsonArray all = data.getJsonArray("portals");
      for (int i = 0; i < all.size(); i++) {
        if (portalId.equals(all.getJsonObject(i).getString("id"))) {
          portal = all.getJsonObject(i);
        }
      }
      if (portal == null) {
        return null;
      }
    }
    ReportText t = ReportText.of(lang);
    String name = "dvc-watch-" + data.getString("month") + (portalId == null ? "" : "-" + portalId);
    String f = format == null ? "html" : format.toLowerCase(Locale.ROOT);
    return switch (f) {
      case "csv" -> csv(data, portal == null ? data.getJsonArray("portals") : new JsonArray().add(portal), name);
      case "pdf" -> new Rendered(ReportPdf.render(data, portal, t), "application/pdf", name + ".pdf");
      default -> html(ReportHtml.render(data, portal, t, web), name);
    };
  }

  /**
   * Renders an owner's report (a ministry's or a province's: all its portals and their total); {@code owner} is
   * its slug ({@code ubnd-thanh-pho-ha-noi}) or its exact name. Null when the month's report has no such owner.
   */
  public static Rendered owner(JsonObject data, String owner, String format, String lang) {
    return owner(data, owner, format, lang, false);
  }

  static Rendered owner(JsonObject data, String owner, String format, String lang, boolean web) {
    Owners.Owner o = Owners.find(data, owner);
    if (o == null) {
      return null;
    }
    ReportText t = ReportText.of(lang);
    String name = "dvc-watch-" + data.getString("month") + "-owner-" + o.slug();
    return switch (format == null ? "html" : format.toLowerCase(Locale.ROOT)) {
      case "csv" -> csv(data, o.portals(), name);
      case "pdf" -> new Rendered(ReportPdf.render(data, o, t), "application/pdf", name + ".pdf");
      default -> html(ReportHtml.render(data, o, t, web), name);
    };
  }

  private static Rendered csv(JsonObject data, JsonArray portals, String name) {
    return new Rendered(ReportCsv.render(data, portals).getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8",
        name + ".csv");
  }

  private static Rendered html(String page, String name) {
    return new Rendered(page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8", name + ".html");
  }
}
