package vn.dvcwatch.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import vn.dvcwatch.registry.Vietnam;

/** What the server-rendered pages (/status, /embed) share: head, foot, summary, status cells, Vietnam time. */
final class PageParts {
  static final ZoneId VIETNAM = Vietnam.ZONE;
  private static final DateTimeFormatter CLOCK_VI = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy", Locale.ROOT);
  private static final DateTimeFormatter CLOCK_EN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.ROOT);

  private final Assets assets;

  PageParts(Assets assets) {
    this.assets = assets;
  }

  StringBuilder head(Lang lang, String title, String bodyClass, String extraHead) {
    return new StringBuilder(16_384).append("<!doctype html><html lang=\"").append(lang.code)
        .append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(Html.esc(title)).append(" — dvc-watch</title>").append(extraHead)
        .append("<link rel=\"icon\" href=\"").append(assets.url("/assets/favicon.svg")).append("\" type=\"image/svg+xml\">")
        .append("<link rel=\"stylesheet\" href=\"").append(assets.url("/assets/site.css")).append("\">")
        .append("</head><body class=\"").append(bodyClass).append("\">");
  }

  /** A deferred script tag with the script's versioned URL. */
  String script(String path) {
    return "<script src=\"" + assets.url(path) + "\" defer></script>";
  }

  static String foot(StringBuilder b, Lang lang, boolean newTab) {
    return b.append("<footer><p>").append(lang.t("footer")).append(" <a href=\"/privacy\"").append(newTab ? NEW_TAB : "")
        .append('>').append(lang.t("privacy")).append("</a></p></footer></body></html>").toString();
  }

  /** The main content, where the skip link leads (focusable by script only, so the skip moves focus there). */
  static final String MAIN = "<main id=\"main\" tabindex=\"-1\">";

  /** The first thing a keyboard reaches: shown on focus, it skips the header to {@link #MAIN}. */
  static String skipLink(Lang lang) {
    return "<a class=\"skip\" href=\"#main\">" + lang.t("skip") + "</a>";
  }

  static final String NEW_TAB = " target=\"_blank\" rel=\"noopener\"";

  /** "81 hoạt động · 1 chậm · 0 ngừng · 1 chập chờn": the rarer states only when they occur, so it adds up. */
  static void summary(StringBuilder b, List<JsonObject> rows, Lang lang) {
    List<String> parts = new ArrayList<>();
    for (StatusWords w : List.of(StatusWords.UP, StatusWords.DEGRADED, StatusWords.DOWN, StatusWords.FLAPPING,
        StatusWords.PARTIAL, StatusWords.UNKNOWN)) {
      long n = rows.stream().filter(p -> counted(StatusWords.of(p)) == w).count();
      if (n > 0 || w == StatusWords.UP || w == StatusWords.DEGRADED || w == StatusWords.DOWN) {
        parts.add(n + " " + w.word(lang).toLowerCase(Locale.forLanguageTag(lang.code)));
      }
    }
    b.append("<p class=\"summary\"><strong>").append(String.join(" · ", parts)).append("</strong> <span class=\"updated\">")
        .append(lang.t("updated")).append(' ').append(clock(Instant.now(), lang)).append(" (UTC+7)</span>");
    Instant newest = rows.stream().map(p -> p.getString("checkedAt")).filter(s -> s != null).map(Instant::parse)
        .max(Comparator.naturalOrder()).orElse(null);
    if (newest != null) {
      long minutes = Math.max(0, (Instant.now().getEpochSecond() - newest.getEpochSecond()) / 60);
      b.append(" <span class=\"updated measured\">").append(String.format(Locale.ROOT, lang.t("measuredAgo"), minutes)).append("</span>");
    }
    b.append("</p>");
  }

  /** A certificate failure is a DOWN: the tiles and summaries count it there. */
  private static StatusWords counted(StatusWords w) {
    return w == StatusWords.CERT ? StatusWords.DOWN : w;
  }

  /** Which map a page shows: "Bản đồ hành chính năm 2025 · 50 cổng" ({@code map} from {@link BoardSource#map()}). */
  static String fleetMap(JsonObject map, Lang lang) {
    return String.format(lang.t("fleetMap"), map.getString("year"), map.getInteger("count", 0));
  }

  static String clock(Instant at, Lang lang) {
    return ZonedDateTime.ofInstant(at, VIETNAM).format(lang == Lang.EN ? CLOCK_EN : CLOCK_VI);
  }

  static void banner(StringBuilder b, boolean networkSuspect, Lang lang) {
    if (networkSuspect) {
      b.append("<p class=\"banner\" role=\"alert\">").append(lang.t("network")).append("</p>");
    }
  }

  static String grade(JsonObject p) {
    String g = p.getString("grade");
    return g == null ? "<span class=\"grade grade-none\">–</span>"
        : "<span class=\"grade grade-" + Html.esc(g.toLowerCase(Locale.ROOT)) + "\">" + Html.esc(g) + "</span>";
  }

  /** A number as the page's language writes it: "99,95" in Vietnamese (vi-VN), "99.95" in English. */
  static String number(Number n, int decimals, Lang lang) {
    if (n == null) {
      return "–";
    }
    java.text.NumberFormat f = java.text.NumberFormat.getNumberInstance(lang == Lang.EN ? Locale.UK : VI_VN);
    f.setMinimumFractionDigits(decimals);
    f.setMaximumFractionDigits(decimals);
    return f.format(n.doubleValue());
  }

  static String percent(Number n, Lang lang) {
    return n == null ? "–" : number(n, 2, lang) + " %";
  }

  private static final Locale VI_VN = Locale.forLanguageTag("vi-VN");

  static String suspect(boolean networkSuspect) {
    return networkSuspect ? " net-suspect" : "";
  }

  /** Problems first (unreachable, then unstable, then slow), each group by rank. */
  static List<JsonObject> problems(List<JsonObject> rows) {
    return rows.stream().filter(p -> StatusWords.of(p).problem())
        .sorted(Comparator.comparingInt((JsonObject p) -> StatusWords.PROBLEMS.indexOf(StatusWords.of(p)))
            .thenComparingInt(PageParts::rank))
        .toList();
  }

  static int rank(JsonObject p) {
    Integer r = p.getInteger("rank");
    return r == null ? Integer.MAX_VALUE : r;
  }

  /** The read model may hold nulls for a portal not probed yet: it shows as unknown and ranks last. */
  static List<JsonObject> objects(JsonArray portals) {
    List<JsonObject> out = new ArrayList<>();
    for (int i = 0; i < portals.size(); i++) {
      out.add(portals.getJsonObject(i));
    }
    out.sort(Comparator.comparingInt(PageParts::rank));
    return out;
  }
}
