package vn.dvcwatch.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The owners (a ministry or a province: the fleet file's {@code owner:}) of a month's report and their totals.
 * Read from the report data alone, so an archived month's owners are the owners as they were, however the fleet
 * file has changed since. An owner's address is a slug of its name ({@code UBND Thành phố Hà Nội} →
 * {@code ubnd-thanh-pho-ha-noi}); the rare second owner with the same slug gets {@code -2}, in report order.
 */
final class Owners {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]+");

  /**
   * One owner: its name, slug and portals (the report's rows, in report order).
   *
   * @param total the owner's figures added up time-weighted (see {@link #total(JsonArray)})
   */
  record Owner(String name, String slug, JsonArray portals, JsonObject total) {}

  private Owners() {}

  /** Every owner of the report, in the order its first portal appears. */
  static List<Owner> of(JsonObject data) {
    Map<String, JsonArray> byName = new LinkedHashMap<>();
    JsonArray all = data.getJsonArray("portals");
    for (int i = 0; i < all.size(); i++) {
      JsonObject p = all.getJsonObject(i);
      byName.computeIfAbsent(p.getString("owner"), k -> new JsonArray()).add(p);
    }
    List<Owner> out = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    byName.forEach((name, portals) -> {
      String base = slug(name);
      String s = base;
      for (int n = 2; !taken.add(s); n++) {
        s = base + "-" + n;
      }
      out.add(new Owner(name, s, portals, total(portals)));
    });
    return out;
  }

  /** The owner whose slug or exact name is {@code key}; null when the report has none. */
  static Owner find(JsonObject data, String key) {
    for (Owner o : of(data)) {
      if (o.slug().equals(key) || o.name().equals(key)) {
        return o;
      }
    }
    return null;
  }

  /** Lower-case ASCII letters and digits joined by single dashes: diacritics dropped, đ as d. */
  static String slug(String name) {
    String folded = Normalizer.normalize(name.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD);
    String s = NOT_ALNUM.matcher(MARKS.matcher(folded).replaceAll("").toLowerCase(Locale.ROOT)).replaceAll("-");
    s = s.replaceAll("^-+|-+$", "");
    return s.isEmpty() ? "owner" : s;
  }

  /**
   * The portals' figures added up, time-weighted: down and maintenance minutes and incidents summed; uptime
   * = 1 − Σ down ÷ Σ eligible minutes (each portal's observed time outside maintenance); the target is the
   * portals' targets weighted by their eligible minutes, and met when uptime reaches it; budget used = Σ down
   * ÷ Σ budget (each portal's (1 − target) × eligible time of the month). Portals not observed in the month count for nothing; with
   * none observed (or a report archived before the eligible minutes were kept) uptime and budget are null.
   */
  static JsonObject total(JsonArray portals) {
    double down = 0;
    double maint = 0;
    double eligible = 0;
    double budget = 0;
    double weightedTarget = 0;
    int incidents = 0;
    int observed = 0;
    boolean complete = true;
    for (int i = 0; i < portals.size(); i++) {
      JsonObject p = portals.getJsonObject(i);
      incidents += p.getJsonArray("incidents").size();
      down += p.getDouble("downtimeMin", 0.0);
      maint += p.getDouble("maintenanceMin", 0.0);
      if (p.getValue("uptime") == null) {
        continue;
      }
      observed++;
      if (p.getValue("eligibleMin") == null || p.getValue("budgetMin") == null) {
        complete = false;
        continue;
      }
      eligible += p.getDouble("eligibleMin");
      weightedTarget += p.getDouble("target") * p.getDouble("eligibleMin");
      budget += p.getDouble("budgetMin");
    }
    boolean known = complete && observed > 0 && eligible > 0;
    return new JsonObject().put("portals", portals.size()).put("observed", observed)
        .put("uptime", known ? 1 - down / eligible : null)
        .put("target", known ? weightedTarget / eligible : null)
        .put("budgetUsed", known && budget > 0 ? down / budget : null)
        .put("downtimeMin", down).put("maintenanceMin", maint).put("incidents", incidents)
        .put("eligibleMin", known ? eligible : null).put("budgetMin", known ? budget : null);
  }
}
