package vn.dvcwatch.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The public status page and the embeddable widget, rendered on the server: they must load fast for
 * citizens and survive a news front page, so they are plain HTML (cached by {@link CachedBody}) with
 * no script needed to read them.
 */
final class StatusPages {
  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy", Locale.ROOT);
  private static final int EMBED_TOP = 5;

  private final String origin;

  /** @param origin the board's public origin for the copy-paste snippets (no trailing slash) */
  StatusPages(String origin) {
    this.origin = origin;
  }

  String status(JsonArray portals, boolean networkSuspect, Lang lang) {
    List<JsonObject> rows = objects(portals);
    List<JsonObject> problems = rows.stream().filter(p -> "DOWN".equals(status(p)) || "DEGRADED".equals(status(p))).toList();
    StringBuilder b = head(lang, lang.t("title"), "status-page" + suspect(networkSuspect), "/assets/status.js");
    b.append("<header class=\"top\"><p class=\"brand\"><a href=\"/\">dvc-watch</a></p><nav aria-label=\"menu\">")
        .append("<a href=\"/\">").append(lang.t("board")).append("</a> ")
        .append("<a href=\"/status?lang=").append(lang == Lang.VI ? "en" : "vi").append("\" hreflang=\"")
        .append(lang == Lang.VI ? "en" : "vi").append("\">").append(lang.t("other")).append("</a></nav></header>")
        .append("<main><h1>").append(lang.t("title")).append("</h1>");
    summary(b, rows, lang);
    banner(b, networkSuspect, lang);
    b.append("<section aria-labelledby=\"problems\"><h2 id=\"problems\">").append(lang.t("problems")).append("</h2>");
    if (networkSuspect) {
      b.append("<p>").append(lang.t("network")).append("</p>");
    } else if (problems.isEmpty()) {
      b.append("<p class=\"ok\">").append(lang.t("noProblems")).append("</p>");
    } else {
      table(b, problems, lang, "problems-table");
    }
    b.append("</section><section aria-labelledby=\"all\"><h2 id=\"all\">").append(lang.t("all")).append("</h2>");
    table(b, rows, lang, "all-table");
    b.append("</section><section aria-labelledby=\"embed\" class=\"embed-help\"><h2 id=\"embed\">")
        .append(lang.t("embedTitle")).append("</h2><p>").append(lang.t("embedHelp")).append("</p>")
        .append("<label for=\"embed-snippet\">").append(lang.t("embedCode")).append("</label>")
        .append("<textarea id=\"embed-snippet\" class=\"snippet\" readonly rows=\"3\">")
        .append(Html.esc(iframe(lang))).append("</textarea>")
        .append("<label for=\"badge-snippet\">").append(lang.t("badgeCode")).append("</label>")
        .append("<textarea id=\"badge-snippet\" class=\"snippet\" readonly rows=\"2\">")
        .append(Html.esc("<img src=\"" + origin + "/badge/ha-noi.svg\" alt=\"DVC ha-noi\">"))
        .append("</textarea></section></main>");
    return foot(b, lang);
  }

  String embed(JsonArray portals, boolean networkSuspect, Lang lang) {
    List<JsonObject> rows = objects(portals);
    StringBuilder b = head(lang, lang.t("title"), "embed-page" + suspect(networkSuspect), "/assets/embed.js");
    b.append("<main><h1><a href=\"").append(Html.esc(origin)).append("/status\" target=\"_blank\" rel=\"noopener\">")
        .append(lang.t("title")).append("</a></h1>");
    summary(b, rows, lang);
    banner(b, networkSuspect, lang);
    // What a reader wants first: who is down right now (unless that is our own network), then the best.
    List<JsonObject> shown = new ArrayList<>(rows.stream()
        .filter(p -> !networkSuspect && "DOWN".equals(p.getString("status"))).limit(EMBED_TOP).toList());
    rows.stream().filter(p -> !shown.contains(p)).limit(Math.max(0, EMBED_TOP - shown.size())).forEach(shown::add);
    b.append("<ol class=\"embed-list\">");
    for (JsonObject p : shown) {
      String status = status(p);
      b.append("<li class=\"st-").append(Html.esc(status.toLowerCase(Locale.ROOT))).append("\"><span class=\"rank\">")
          .append(Html.esc(p.getValue("rank", ""))).append("</span> <span class=\"name\">").append(Html.esc(p.getString("name")))
          .append("</span> ").append(grade(p)).append(" <span class=\"status\">").append(Html.esc(lang.t(status))).append("</span></li>");
    }
    b.append("</ol><p class=\"more\"><a href=\"").append(Html.esc(origin)).append("/\" target=\"_blank\" rel=\"noopener\">")
        .append(lang.t("more")).append(" →</a></p></main>");
    return foot(b, lang);
  }

  private String iframe(Lang lang) {
    return "<iframe src=\"" + origin + "/embed" + (lang == Lang.EN ? "?lang=en" : "") + "\" title=\"" + lang.t("title")
        + "\" width=\"360\" height=\"460\" style=\"border:0\" loading=\"lazy\"></iframe>";
  }

  private static void summary(StringBuilder b, List<JsonObject> rows, Lang lang) {
    int up = count(rows, "UP");
    int slow = count(rows, "DEGRADED");
    int down = count(rows, "DOWN");
    b.append("<p class=\"summary\"><strong>").append(String.format(Locale.ROOT, lang.t("summary"), up, slow, down))
        .append("</strong> <span class=\"updated\">").append(lang.t("updated")).append(' ')
        .append(ZonedDateTime.now(VIETNAM).format(CLOCK)).append(" (UTC+7)</span></p>");
  }

  private static void banner(StringBuilder b, boolean networkSuspect, Lang lang) {
    if (networkSuspect) {
      b.append("<p class=\"banner\" role=\"alert\">").append(lang.t("network")).append("</p>");
    }
  }

  private static void table(StringBuilder b, List<JsonObject> rows, Lang lang, String id) {
    b.append("<div class=\"table-wrap\"><table id=\"").append(id).append("\"><thead><tr><th scope=\"col\">")
        .append(lang.t("rank")).append("</th><th scope=\"col\">").append(lang.t("portal")).append("</th><th scope=\"col\">")
        .append(lang.t("status")).append("</th><th scope=\"col\">").append(lang.t("grade")).append("</th><th scope=\"col\">")
        .append(lang.t("score")).append("</th><th scope=\"col\">").append(lang.t("uptime30")).append("</th></tr></thead><tbody>");
    for (JsonObject p : rows) {
      String status = status(p);
      JsonObject uptime = p.getValue("uptime") instanceof JsonObject u ? u : new JsonObject();
      b.append("<tr class=\"st-").append(Html.esc(status.toLowerCase(Locale.ROOT))).append("\"><td>")
          .append(Html.esc(p.getValue("rank", ""))).append("</td><th scope=\"row\"><a href=\"/portals/")
          .append(Html.esc(p.getString("id"))).append("\">").append(Html.esc(p.getString("name"))).append("</a></th><td><span class=\"status\">")
          .append(Html.esc(lang.t(status))).append("</span></td><td>").append(grade(p)).append("</td><td>")
          .append(number(p.getNumber("score"), 0)).append("</td><td>").append(percent(uptime.getNumber("30d")))
          .append("</td></tr>");
    }
    b.append("</tbody></table></div>");
  }

  private static String grade(JsonObject p) {
    String g = p.getString("grade");
    return g == null ? "<span class=\"grade grade-none\">–</span>"
        : "<span class=\"grade grade-" + Html.esc(g.toLowerCase(Locale.ROOT)) + "\">" + Html.esc(g) + "</span>";
  }

  static String number(Number n, int decimals) {
    return n == null ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", n.doubleValue());
  }

  static String percent(Number n) {
    return n == null ? "–" : number(n, 2) + " %";
  }

  private static StringBuilder head(Lang lang, String title, String bodyClass, String script) {
    return new StringBuilder(16_384).append("<!doctype html><html lang=\"").append(lang.code)
        .append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(Html.esc(title)).append(" — dvc-watch</title>")
        .append("<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">")
        .append("<link rel=\"stylesheet\" href=\"/assets/site.css\"><script src=\"").append(script)
        .append("\" defer></script></head><body class=\"").append(bodyClass).append("\">");
  }

  private static String foot(StringBuilder b, Lang lang) {
    return b.append("<footer><p>").append(lang.t("footer")).append(" <a href=\"/privacy\" target=\"_top\">")
        .append(lang.t("privacy")).append("</a></p></footer></body></html>").toString();
  }

  /** The read model may hold nulls for a portal not probed yet: it shows as unknown and ranks last. */
  private static String status(JsonObject p) {
    String s = p.getString("status");
    return s == null ? "UNKNOWN" : s;
  }

  private static int rank(JsonObject p) {
    Integer r = p.getInteger("rank");
    return r == null ? Integer.MAX_VALUE : r;
  }

  private static String suspect(boolean networkSuspect) {
    return networkSuspect ? " net-suspect" : "";
  }

  private static int count(List<JsonObject> rows, String status) {
    return (int) rows.stream().filter(p -> status.equals(p.getString("status"))).count();
  }

  private static List<JsonObject> objects(JsonArray portals) {
    List<JsonObject> out = new ArrayList<>();
    for (int i = 0; i < portals.size(); i++) {
      out.add(portals.getJsonObject(i));
    }
    out.sort((a, b) -> Integer.compare(rank(a), rank(b)));
    return out;
  }
}
