package vn.dvcwatch.web;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The Atom feed of incidents ({@code /status/feed.atom}, {@code ?lang=en}): one entry per incident, in plain
 * words with Vietnam times, linking to the portal's page. Newsrooms and IT teams subscribe to it instead of
 * watching the page. Rebuilt at most once a minute (it reads the store).
 */
final class IncidentFeed {
  private static final int ENTRIES = 50;
  private static final Duration KEEP = Duration.ofMinutes(1);

  private final BoardSource board;
  private final String origin;
  private final Map<Lang, Rendered> cache = new java.util.concurrent.ConcurrentHashMap<>();

  private record Rendered(Instant at, Future<Buffer> body) {}

  IncidentFeed(BoardSource board, String origin) {
    this.board = board;
    this.origin = origin;
  }

  Future<Buffer> current(Lang lang) {
    Rendered r = cache.get(lang);
    Instant now = Instant.now();
    if (r == null || r.at().plus(KEEP).isBefore(now) || r.body().failed()) {
      r = new Rendered(now, board.recentIncidents(ENTRIES).map(list -> Buffer.buffer(render(list, board.portals(), lang, now))));
      cache.put(lang, r);
    }
    return r.body();
  }

  String render(JsonArray incidents, JsonArray portals, Lang lang, Instant now) {
    Map<String, String> names = new HashMap<>();
    for (int i = 0; i < portals.size(); i++) {
      names.put(portals.getJsonObject(i).getString("id"), portals.getJsonObject(i).getString("name"));
    }
    String base = origin.isEmpty() ? "" : origin;
    String newest = incidents.isEmpty() ? now.toString() : updated(incidents.getJsonObject(0));
    StringBuilder b = new StringBuilder(8192).append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        .append("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"").append(lang.code).append("\">")
        .append("<title>").append(Html.esc(lang.t("feedTitle"))).append("</title>")
        .append("<id>urn:dvc-watch:incidents:").append(lang.code).append("</id>")
        .append("<updated>").append(newest).append("</updated>")
        .append("<link rel=\"self\" href=\"").append(Html.esc(base)).append("/status/feed.atom").append(lang == Lang.EN ? "?lang=en" : "")
        .append("\"/><link rel=\"alternate\" type=\"text/html\" href=\"").append(Html.esc(base)).append("/status\"/>")
        .append("<author><name>dvc-watch</name></author>");
    for (int i = 0; i < incidents.size(); i++) {
      JsonObject inc = incidents.getJsonObject(i);
      String portal = inc.getString("portal");
      String name = names.getOrDefault(portal, portal);
      b.append("<entry><id>urn:dvc-watch:incident:").append(Html.esc(inc.getValue("id"))).append(inc.getString("end") == null ? "" : ":closed")
          .append("</id><title>").append(Html.esc(title(inc, name, lang))).append("</title><updated>").append(updated(inc))
          .append("</updated><link href=\"").append(Html.esc(base)).append("/portals/").append(Html.esc(portal)).append("\"/>")
          .append("<content type=\"text\">").append(Html.esc(content(inc, name, lang))).append("</content></entry>");
    }
    return b.append("</feed>").toString();
  }

  private static String updated(JsonObject inc) {
    return inc.getString("end") != null ? inc.getString("end") : inc.getString("start");
  }

  private static String title(JsonObject inc, String name, Lang lang) {
    String cause = cause(inc.getString("cause"), lang);
    if (inc.getString("end") == null) {
      return String.format(lang.t("feedDown"), name, cause);
    }
    long minutes = Duration.between(Instant.parse(inc.getString("start")), Instant.parse(inc.getString("end"))).toMinutes();
    return String.format(lang.t("feedUp"), name, minutes);
  }

  private static String content(JsonObject inc, String name, Lang lang) {
    String from = PageParts.clock(Instant.parse(inc.getString("start")), lang) + " (UTC+7)";
    String text = String.format(lang.t("feedFrom"), name, from, cause(inc.getString("cause"), lang));
    if (inc.getString("end") != null) {
      text += " " + String.format(lang.t("feedTo"), PageParts.clock(Instant.parse(inc.getString("end")), lang) + " (UTC+7)");
    }
    return text;
  }

  /** The cause of an incident in words (the code itself when it has none). */
  static String cause(String code, Lang lang) {
    String words = code == null ? null : lang.t("cause_" + code);
    return words == null || words.startsWith("cause_") ? (code == null ? lang.t("cause_unknown") : code) : words;
  }
}
