package vn.dvcwatch.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The public status page, rendered on the server: it must load fast for citizens and survive a news front
 * page, so it is plain HTML (cached by {@link CachedBody}) with no script needed to read it. It answers "is my
 * portal working?": problems first, in words (a refused certificate is "not safe to open"), then every portal.
 */
final class StatusPage {
  private final String origin;
  private final PageParts parts;

  /** @param origin the board's public origin for the copy-paste snippets (no trailing slash) */
  StatusPage(String origin, PageParts parts) {
    this.origin = origin;
    this.parts = parts;
  }

  String render(JsonArray portals, boolean networkSuspect, JsonObject map, Lang lang) {
    List<JsonObject> rows = PageParts.objects(portals);
    List<JsonObject> problems = PageParts.problems(rows);
    String title = lang.t("title");
    StringBuilder b = parts.head(lang, title, "status-page" + PageParts.suspect(networkSuspect),
        openGraph(lang) + parts.script("/assets/status.js"));
    b.append("<header class=\"top\"><p class=\"brand\"><a href=\"/\">dvc-watch</a></p><nav aria-label=\"")
        .append(lang.t("menu")).append("\">")
        .append("<a href=\"/\">").append(lang.t("board")).append("</a> ")
        .append("<a href=\"/status?lang=").append(lang == Lang.VI ? "en" : "vi").append("\" hreflang=\"")
        .append(lang == Lang.VI ? "en" : "vi").append("\" lang=\"").append(lang == Lang.VI ? "en" : "vi").append("\">")
        .append(lang.t("other")).append("</a> <a href=\"/status/feed.atom").append(lang == Lang.EN ? "?lang=en" : "").append("\">")
        .append(lang.t("feedLink")).append("</a></nav></header>")
        .append("<main><h1>").append(title).append("</h1>");
    fleetMap(b, map, lang);
    PageParts.summary(b, rows, lang);
    PageParts.banner(b, networkSuspect, lang);
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
        .append("<p class=\"hint\">").append(lang.t("embedVariants")).append("</p>")
        .append("<label for=\"badge-snippet\">").append(lang.t("badgeCode")).append("</label>")
        .append("<textarea id=\"badge-snippet\" class=\"snippet\" readonly rows=\"2\">")
        .append(Html.esc("<img src=\"" + origin + "/badge/ha-noi.svg\" alt=\"DVC ha-noi\">"))
        .append("</textarea></section></main>");
    return PageParts.foot(b, lang, false);
  }

  /** Which map the page shows ({@code map} from {@link BoardSource#map()}): "Bản đồ hành chính năm 2025 · 50 cổng". */
  private static void fleetMap(StringBuilder b, JsonObject map, Lang lang) {
    if (map != null && map.getString("year") != null) {
      b.append("<p class=\"fleet-map\" id=\"fleet-map\">")
          .append(Html.esc(String.format(lang.t("fleetMap"), map.getString("year"), map.getInteger("count", 0))))
          .append("</p>");
    }
  }

  /** Open Graph: a link to /status shared in a chat shows what the page is. */
  private String openGraph(Lang lang) {
    return "<meta name=\"description\" content=\"" + Html.esc(lang.t("description")) + "\">"
        + "<meta property=\"og:type\" content=\"website\"><meta property=\"og:title\" content=\"" + Html.esc(lang.t("title"))
        + "\"><meta property=\"og:description\" content=\"" + Html.esc(lang.t("description")) + "\">"
        + (origin.isEmpty() ? "" : "<meta property=\"og:url\" content=\"" + Html.esc(origin) + "/status\">")
        + "<meta property=\"og:locale\" content=\"" + (lang == Lang.EN ? "en_GB" : "vi_VN") + "\">"
        + "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"" + Html.esc(lang.t("feedTitle")) + "\" href=\"/status/feed.atom"
        + (lang == Lang.EN ? "?lang=en" : "") + "\">";
  }

  private String iframe(Lang lang) {
    return "<iframe src=\"" + origin + "/embed" + (lang == Lang.EN ? "?lang=en" : "") + "\" title=\"" + lang.t("title")
        + "\" width=\"360\" height=\"460\" style=\"border:0\" loading=\"lazy\"></iframe>";
  }

  private static void table(StringBuilder b, List<JsonObject> rows, Lang lang, String id) {
    b.append("<div class=\"table-wrap\"><table id=\"").append(id).append("\"><thead><tr><th scope=\"col\">")
        .append(lang.t("rank")).append("</th><th scope=\"col\">").append(lang.t("portal")).append("</th><th scope=\"col\">")
        .append(lang.t("status")).append("</th><th scope=\"col\">").append(lang.t("grade")).append("</th><th scope=\"col\">")
        .append(lang.t("score")).append("</th><th scope=\"col\">").append(lang.t("uptime30")).append("</th></tr></thead><tbody>");
    for (JsonObject p : rows) {
      StatusWords w = StatusWords.of(p);
      JsonObject uptime = p.getValue("uptime") instanceof JsonObject u ? u : new JsonObject();
      b.append("<tr class=\"").append(w.css()).append("\"><td>")
          .append(Html.esc(p.getValue("rank", ""))).append("</td><th scope=\"row\"><a href=\"/portals/")
          .append(Html.esc(p.getString("id"))).append("\">").append(Html.esc(p.getString("name"))).append("</a></th><td>")
          .append(w.html(w.publicWord(lang))).append("</td><td>").append(PageParts.grade(p)).append("</td><td>")
          .append(PageParts.number(p.getNumber("score"), 0, lang)).append("</td><td>")
          .append(PageParts.percent(uptime.getNumber("30d"), lang))
          .append("</td></tr>");
    }
    b.append("</tbody></table></div>");
  }
}
