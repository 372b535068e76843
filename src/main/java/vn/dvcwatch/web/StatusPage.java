package vn.dvcwatch.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The public status page, rendered on the server: it must load fast for citizens and survive a news front
 * page, so it is plain HTML (cached by {@link CachedBody}) with no script needed to read it. It answers "is my
 * portal working?": a search (a GET form, {@code ?q=}, with or without diacritics), problems first, in words (a
 * refused certificate is "not safe to open"), the recent incidents in plain sentences, then every portal by
 * region with its last 90 days, each day a cell and the days that matter in words.
 */
final class StatusPage {
  /** A search longer than any portal's name finds nothing anyway; the cap keeps a crafted one cheap. */
  static final int MAX_QUERY = 80;
  private static final int RECENT_INCIDENTS = 10;
  /** Incident days named under a strip; older ones are counted ("và N ngày khác"). */
  private static final int NAMED_DAYS = 6;

  private final String origin;
  private final PageParts parts;

  /** @param origin the board's public origin for the copy-paste snippets (no trailing slash) */
  StatusPage(String origin, PageParts parts) {
    this.origin = origin;
    this.parts = parts;
  }

  /**
   * @param history {@link BoardSource#uptimeDays} rows (empty while not read yet)
   * @param query the visitor's search ({@code ?q=}), or null for every portal
   */
  String render(JsonArray portals, boolean networkSuspect, JsonObject map, Lang lang, JsonArray history, String query) {
    List<JsonObject> all = PageParts.objects(portals);
    String q = query == null ? "" : fold(query);
    List<JsonObject> rows = q.isEmpty() ? all : all.stream().filter(p -> matches(p, q)).toList();
    List<JsonObject> problems = PageParts.problems(rows);
    Map<String, JsonObject> days = new HashMap<>();
    for (int i = 0; i < history.size(); i++) {
      days.put(history.getJsonObject(i).getString("portal"), history.getJsonObject(i));
    }
    String title = lang.t("title");
    StringBuilder b = parts.head(lang, title, "status-page" + PageParts.suspect(networkSuspect),
        openGraph(lang) + parts.script("/assets/status.js"));
    b.append(PageParts.skipLink(lang)).append("<header class=\"top\"><p class=\"brand\"><a href=\"/\">dvc-watch</a></p><nav aria-label=\"")
        .append(lang.t("menu")).append("\">")
        .append("<a href=\"/\">").append(lang.t("board")).append("</a> ")
        .append("<a href=\"/status?lang=").append(lang == Lang.VI ? "en" : "vi").append("\" hreflang=\"")
        .append(lang == Lang.VI ? "en" : "vi").append("\" lang=\"").append(lang == Lang.VI ? "en" : "vi").append("\">")
        .append(lang.t("other")).append("</a> <a href=\"/status/feed.atom").append(lang == Lang.EN ? "?lang=en" : "").append("\">")
        .append(lang.t("feedLink")).append("</a></nav></header>")
        .append(PageParts.MAIN).append("<h1>").append(title).append("</h1>");
    fleetMap(b, map, lang);
    PageParts.summary(b, all, lang);
    PageParts.banner(b, networkSuspect, lang);
    search(b, query, rows.size(), lang);
    b.append("<section aria-labelledby=\"problems\"><h2 id=\"problems\">").append(lang.t("problems")).append("</h2>");
    if (networkSuspect) {
      b.append("<p>").append(lang.t("network")).append("</p>");
    } else if (problems.isEmpty()) {
      b.append("<p class=\"ok\">").append(lang.t(q.isEmpty() ? "noProblems" : "noProblemsFound")).append("</p>");
    } else {
      table(b, problems, lang, "problems-table", null);
    }
    b.append("</section>");
    incidents(b, rows, days, lang);
    b.append("<section aria-labelledby=\"all\"><h2 id=\"all\">").append(lang.t(q.isEmpty() ? "all" : "found"))
        .append("</h2><p class=\"hint\">").append(lang.t("daysHelp")).append("</p><div id=\"all-table\">");
    Map<Regions, List<JsonObject>> groups = new EnumMap<>(Regions.class);
    rows.forEach(p -> groups.computeIfAbsent(Regions.of(p), r -> new ArrayList<>()).add(p));
    groups.forEach((region, members) -> {
      String id = "g-" + region.name().toLowerCase(Locale.ROOT);
      b.append("<section class=\"region\" aria-labelledby=\"").append(id).append("\"><h3 id=\"").append(id).append("\">")
          .append(region.title(lang)).append(" <span class=\"count\">(").append(String.format(lang.t("portalCount"), members.size()))
          .append(")</span></h3>");
      table(b, members, lang, null, days);
      b.append("</section>");
    });
    b.append("</div></section><section aria-labelledby=\"embed\" class=\"embed-help\"><h2 id=\"embed\">")
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

  /** The search: a plain GET form that works without script (status.js filters as one types on top of it). */
  private static void search(StringBuilder b, String query, int found, Lang lang) {
    b.append("<form class=\"search\" role=\"search\" method=\"get\" action=\"/status\"><label for=\"q\">")
        .append(lang.t("searchLabel")).append("</label><span class=\"search-row\"><input type=\"search\" id=\"q\" name=\"q\" value=\"")
        .append(Html.esc(query == null ? "" : query)).append("\" maxlength=\"").append(MAX_QUERY)
        .append("\" autocomplete=\"off\" aria-describedby=\"q-help\">");
    if (lang == Lang.EN) {
      b.append("<input type=\"hidden\" name=\"lang\" value=\"en\">");
    }
    b.append("<button type=\"submit\">").append(lang.t("searchButton")).append("</button></span>")
        .append("<span id=\"q-help\" class=\"hint\">").append(lang.t("searchHelp")).append("</span>");
    if (query != null && !query.isBlank()) {
      b.append("<p id=\"q-result\" role=\"status\">").append(Html.esc(String.format(lang.t(found == 0 ? "searchNone" : "searchFound"),
          query.trim(), found))).append(" <a href=\"/status").append(lang == Lang.EN ? "?lang=en" : "").append("\">")
          .append(lang.t("searchAll")).append("</a></p>");
    } else {
      b.append("<p id=\"q-result\" role=\"status\"></p>");
    }
    b.append("</form>");
  }

  /** Lower case, no diacritics, đ as d, every run of non-letters one space: "Hà Nội" and "ha-noi" both give "ha noi". */
  static String fold(String s) {
    String n = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").replace('đ', 'd').replace('Đ', 'D')
        .toLowerCase(Locale.ROOT);
    return n.replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
  }

  /** What the search looks in, folded: name, id, owner and region ("ha noi", "hanoi", "dong bang song hong" all find Hà Nội). */
  private static String haystack(JsonObject p) {
    Regions r = Regions.of(p);
    return fold(p.getString("name", "") + " " + p.getString("id", "") + " " + p.getString("owner", "") + " "
        + r.title(Lang.VI) + " " + r.title(Lang.EN));
  }

  private static boolean matches(JsonObject p, String foldedQuery) {
    String hay = haystack(p);
    return hay.contains(foldedQuery) || hay.replace(" ", "").contains(foldedQuery.replace(" ", ""));
  }

  /** The fleet's latest incidents (of the portals shown) in plain sentences, newest first. */
  private static void incidents(StringBuilder b, List<JsonObject> rows, Map<String, JsonObject> days, Lang lang) {
    Map<String, String> names = new HashMap<>();
    rows.forEach(p -> names.put(p.getString("id"), p.getString("name")));
    List<JsonObject> list = new ArrayList<>();
    days.values().stream().filter(h -> names.containsKey(h.getString("portal")))
        .forEach(h -> h.getJsonArray("incidents", new JsonArray()).forEach(i -> list.add((JsonObject) i)));
    list.sort(Comparator.comparing((JsonObject i) -> i.getString("start")).reversed());
    b.append("<section aria-labelledby=\"recent\"><h2 id=\"recent\">").append(lang.t("recent")).append("</h2>");
    if (days.isEmpty()) {
      b.append("<p class=\"empty\">").append(lang.t("recentUnknown")).append("</p>");
    } else if (list.isEmpty()) {
      b.append("<p class=\"ok\">").append(lang.t("recentNone")).append("</p>");
    } else {
      Instant now = Instant.now();
      b.append("<ol class=\"incidents\">");
      list.stream().limit(RECENT_INCIDENTS).forEach(i -> b.append("<li data-portal=\"").append(Html.esc(i.getString("portal")))
          .append("\"").append("certificate".equals(i.getString("cause")) ? " class=\"cert\"" : "").append('>')
          .append(Html.esc(sentence(i, names.get(i.getString("portal")), lang, now))).append("</li>"));
      b.append("</ol>");
    }
    b.append("</section>");
  }

  /**
   * One incident in words: "Cổng X không truy cập được từ 08:10 đến 08:45 (35 phút) ngày 3/12 — quá thời gian
   * chờ." A refused certificate is "không truy cập an toàn"; an open one says how long so far.
   */
  static String sentence(JsonObject inc, String name, Lang lang, Instant now) {
    boolean cert = "certificate".equals(inc.getString("cause"));
    ZonedDateTime start = ZonedDateTime.ofInstant(Instant.parse(inc.getString("start")), PageParts.VIETNAM);
    String end = inc.getString("end");
    String what = String.format(lang.t(end == null ? (cert ? "incCertOpen" : "incOpen") : (cert ? "incCert" : "incDown")), name);
    String cause = IncidentFeed.cause(inc.getString("cause"), lang);
    if (end == null) {
      return what + " " + String.format(lang.t("incSince"), hm(start), dm(start),
          minutes(Duration.between(start.toInstant(), now), lang)) + " — " + cause + ".";
    }
    ZonedDateTime stop = ZonedDateTime.ofInstant(Instant.parse(end), PageParts.VIETNAM);
    String length = minutes(Duration.between(start, stop), lang);
    String when = start.toLocalDate().equals(stop.toLocalDate())
        ? String.format(lang.t("incSameDay"), hm(start), hm(stop), length, dm(start))
        : String.format(lang.t("incAcross"), hm(start), dm(start), hm(stop), dm(stop), length);
    return what + " " + when + " — " + cause + ".";
  }

  private static String hm(ZonedDateTime t) {
    return String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute());
  }

  /** "3/12", as people write a day. */
  private static String dm(ZonedDateTime t) {
    return dm(t.toLocalDate());
  }

  private static String dm(LocalDate d) {
    return d.getDayOfMonth() + "/" + d.getMonthValue();
  }

  /** "35 phút", "2 giờ 5 phút" (at least a minute: an incident of seconds is not "0 phút"). */
  static String minutes(Duration d, Lang lang) {
    long m = Math.max(1, Math.round(d.toSeconds() / 60.0));
    return m < 60 ? String.format(lang.t("min"), m) : String.format(lang.t("hourMin"), m / 60, m % 60);
  }

  /** Which map the page shows ({@code map} from {@link BoardSource#map()}): "Bản đồ hành chính năm 2025 · 50 cổng". */
  private static void fleetMap(StringBuilder b, JsonObject map, Lang lang) {
    if (map != null && map.getString("year") != null) {
      b.append("<p class=\"fleet-map\" id=\"fleet-map\">")
          .append(Html.esc(PageParts.fleetMap(map, lang)))
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

  /** The ranking's columns, and with {@code days} the 90-day strip; on phones each row becomes a card. */
  private static void table(StringBuilder b, List<JsonObject> rows, Lang lang, String id, Map<String, JsonObject> days) {
    b.append("<div class=\"table-wrap\"><table").append(id == null ? "" : " id=\"" + id + "\"").append("><thead><tr><th scope=\"col\">")
        .append(lang.t("rank")).append("</th><th scope=\"col\">").append(lang.t("portal")).append("</th><th scope=\"col\">")
        .append(lang.t("status")).append("</th><th scope=\"col\">").append(lang.t("grade")).append("</th><th scope=\"col\">")
        .append(lang.t("score")).append("</th><th scope=\"col\">").append(lang.t("uptime30")).append("</th>");
    if (days != null) {
      b.append("<th scope=\"col\" class=\"d90-col\">").append(lang.t("days90")).append("</th>");
    }
    b.append("</tr></thead><tbody>");
    for (JsonObject p : rows) {
      StatusWords w = StatusWords.of(p);
      JsonObject uptime = p.getValue("uptime") instanceof JsonObject u ? u : new JsonObject();
      b.append("<tr class=\"").append(w.css()).append("\" data-q=\"").append(Html.esc(haystack(p))).append("\"><td data-label=\"")
          .append(lang.t("rank")).append("\">")
          .append(Html.esc(p.getValue("rank", ""))).append("</td><th scope=\"row\"><a href=\"/portals/")
          .append(Html.esc(p.getString("id"))).append("\">").append(Html.esc(p.getString("name"))).append("</a></th><td>")
          .append(w.html(w.publicWord(lang))).append("</td><td data-label=\"").append(lang.t("grade")).append("\">")
          .append(PageParts.grade(p)).append("</td><td data-label=\"").append(lang.t("score")).append("\">")
          .append(PageParts.number(p.getNumber("score"), 0, lang)).append("</td><td data-label=\"").append(lang.t("uptime30")).append("\">")
          .append(PageParts.percent(uptime.getNumber("30d"), lang)).append("</td>");
      if (days != null) {
        b.append("<td class=\"d90\">");
        strip(b, days.get(p.getString("id")), lang);
        b.append("</td>");
      }
      b.append("</tr>");
    }
    b.append("</tbody></table></div>");
  }

  /**
   * One cell per Vietnam day, oldest first (a clean day is a bare cell, so 83 strips stay small), then the same in
   * words under it: the uptime over the days watched, how many had incidents and which, since when it is watched.
   * Each cell that is not a clean day also names itself ({@code title}); nothing is said by the picture alone.
   */
  static void strip(StringBuilder b, JsonObject history, Lang lang) {
    JsonArray cells = history == null ? new JsonArray() : history.getJsonArray("days", new JsonArray());
    if (cells.isEmpty()) {
      b.append("<span class=\"d90-sum\">").append(lang.t("daysLoading")).append("</span>");
      return;
    }
    b.append("<span class=\"d90-cells\" aria-hidden=\"true\">");
    LocalDate firstWatched = null;
    List<String> bad = new ArrayList<>();
    List<String> maintenance = new ArrayList<>();
    int incidentDays = 0;
    for (int i = 0; i < cells.size(); i++) {
      JsonObject d = cells.getJsonObject(i);
      LocalDate day = LocalDate.parse(d.getString("day"));
      Double up = d.getDouble("uptime");
      int incidents = d.getInteger("incidents", 0);
      String cls;
      String words;
      if (up == null) {
        boolean maint = d.getBoolean("maintenance", false);
        cls = maint ? "m" : "n";
        words = dm(day) + ": " + lang.t(maint ? "dayMaintenance" : "dayUnwatched");
        if (maint) {
          maintenance.add(dm(day));
        }
      } else {
        firstWatched = firstWatched == null ? day : firstWatched;
        cls = incidents == 0 && up >= 99.995 ? null : up >= 99 ? "w" : "b";
        words = dm(day) + ": " + PageParts.percent(up, lang) + (incidents > 0
            ? ", " + String.format(lang.t("dayIncidents"), incidents, minutes(Duration.ofSeconds(Math.round(d.getDouble("downMinutes", 0.0) * 60)), lang))
            : "");
        if (incidents > 0) {
          incidentDays++;
          bad.add(0, dm(day) + " (" + minutes(Duration.ofSeconds(Math.round(d.getDouble("downMinutes", 0.0) * 60)), lang) + ")");
        }
      }
      // An unwatched day is a bare cell too: the sentence below says since when the portal is watched.
      b.append(cls == null ? "<i></i>" : "n".equals(cls) ? "<i class=\"n\"></i>"
          : "<i class=\"" + cls + "\" title=\"" + Html.esc(words) + "\"></i>");
    }
    b.append("</span><span class=\"d90-sum\">");
    if (firstWatched == null) {
      b.append(lang.t("daysNone"));
    } else {
      long watched = java.time.temporal.ChronoUnit.DAYS.between(firstWatched,
          LocalDate.parse(cells.getJsonObject(cells.size() - 1).getString("day"))) + 1;
      b.append(PageParts.percent(history.getNumber("uptime"), lang)).append(' ');
      if (watched < cells.size()) {
        b.append(String.format(lang.t("daysSince"), watched, dm(firstWatched)));
      } else {
        b.append(String.format(lang.t("daysAll"), cells.size()));
      }
      b.append(", ").append(incidentDays == 0 ? lang.t("daysClean") : String.format(lang.t("daysWithIncidents"), incidentDays)).append('.');
      if (!bad.isEmpty()) {
        b.append(' ').append(lang.t("daysBad")).append(' ')
            .append(String.join(", ", bad.subList(0, Math.min(NAMED_DAYS, bad.size()))));
        if (bad.size() > NAMED_DAYS) {
          b.append(String.format(lang.t("daysMore"), bad.size() - NAMED_DAYS));
        }
        b.append('.');
      }
      if (!maintenance.isEmpty()) {
        b.append(' ').append(lang.t("daysMaint")).append(' ').append(String.join(", ", maintenance)).append('.');
      }
    }
    b.append("</span>");
  }
}
