package vn.dvcwatch.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The widget for news sites ({@code /embed}): plain HTML, no script, well under 10 KB, problems first, every
 * link opening in a new tab (never navigating the news page itself away). Variants: one portal
 * ({@code ?portal=ID}), one kind ({@code ?kind=ministry|province}), {@code ?theme=dark}, {@code ?compact=1}
 * (problems and the summary only) and {@code ?lang=en}.
 */
final class EmbedWidget {
  private static final int TOP = 5;
  private static final int COMPACT_TOP = 3;
  static final Set<String> KINDS = Set.of("national", "ministry", "province");

  /** One variant of the widget; its {@link #key()} names its cached body. */
  record Options(String portal, String kind, boolean dark, boolean compact, Lang lang) {
    String key() {
      return portal + "|" + kind + "|" + dark + "|" + compact + "|" + lang;
    }

    String query() {
      List<String> q = new ArrayList<>();
      if (portal != null) {
        q.add("portal=" + portal);
      }
      if (kind != null) {
        q.add("kind=" + kind);
      }
      if (dark) {
        q.add("theme=dark");
      }
      if (compact) {
        q.add("compact=1");
      }
      if (lang == Lang.EN) {
        q.add("lang=en");
      }
      return q.isEmpty() ? "" : "?" + String.join("&", q);
    }
  }

  private final String origin;
  private final PageParts parts;

  EmbedWidget(String origin, PageParts parts) {
    this.origin = origin;
    this.parts = parts;
  }

  /** @param map {@link BoardSource#map()}: the widget says which map it shows too (null: it does not know) */
  String render(JsonArray portals, boolean networkSuspect, JsonObject map, Options o) {
    Lang lang = o.lang();
    List<JsonObject> rows = PageParts.objects(portals).stream()
        .filter(p -> o.portal() == null || o.portal().equals(p.getString("id")))
        .filter(p -> o.kind() == null || o.kind().equals(p.getString("kind"))).toList();
    String title = o.portal() != null && !rows.isEmpty() ? rows.get(0).getString("name") : lang.t("title");
    String cls = "embed-page" + PageParts.suspect(networkSuspect) + (o.dark() ? " theme-dark" : "") + (o.compact() ? " compact" : "");
    StringBuilder b = parts.head(lang, title, cls, "");
    b.append("<main><h1><a href=\"").append(Html.esc(origin)).append(o.portal() == null ? "/status" : "/portals/" + Html.esc(o.portal()))
        .append('"').append(PageParts.NEW_TAB).append('>').append(Html.esc(title)).append("</a></h1>");
    if (o.portal() == null) {
      PageParts.summary(b, rows, lang);
    }
    PageParts.banner(b, networkSuspect, lang);
    // What a reader wants first: who has a problem right now (unless that is our own network), then the best.
    int top = o.compact() ? COMPACT_TOP : TOP;
    List<JsonObject> shown = new ArrayList<>(networkSuspect ? List.of() : PageParts.problems(rows).stream().limit(top).toList());
    if (!o.compact() || o.portal() != null) {
      rows.stream().filter(p -> !shown.contains(p)).limit(Math.max(0, top - shown.size())).forEach(shown::add);
    }
    if (shown.isEmpty()) {
      b.append("<p class=\"ok\">").append(lang.t("noProblems")).append("</p>");
    } else {
      b.append("<ol class=\"embed-list\">");
      for (JsonObject p : shown) {
        StatusWords w = StatusWords.of(p);
        b.append("<li class=\"").append(w.css()).append("\"><span class=\"rank\">").append(Html.esc(p.getValue("rank", "")))
            .append("</span> <a class=\"name\" href=\"").append(Html.esc(origin)).append("/portals/").append(Html.esc(p.getString("id")))
            .append('"').append(PageParts.NEW_TAB).append('>').append(Html.esc(p.getString("name"))).append("</a> ")
            .append(PageParts.grade(p)).append(' ').append(w.html(w.publicWord(lang))).append("</li>");
      }
      b.append("</ol>");
    }
    b.append("<p class=\"more\"><a href=\"").append(Html.esc(origin)).append("/status").append(lang == Lang.EN ? "?lang=en" : "")
        .append('"').append(PageParts.NEW_TAB).append('>').append(lang.t("more")).append(" →</a>");
    if (map != null && map.getString("year") != null) {
      b.append(" <span class=\"fleet-map\">").append(Html.esc(PageParts.fleetMap(map, lang))).append("</span>");
    }
    b.append("</p></main>");
    return PageParts.foot(b, lang, true);
  }
}
