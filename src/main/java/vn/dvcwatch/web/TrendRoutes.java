package vn.dvcwatch.web;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /api/v1/trends?days=7}: every portal's score over the last days in one small body, so the wall
 * draws a trend on each of its 83 tiles with one request instead of 83. A portal's series is the grade
 * history (one point per confirmed grade change, the same data as the portal page's time line), opened by
 * the grade it held when the window began and closed by its current score:
 * {@code {from, to, days, portals: {id: [{at, score, grade}, ...]}}}. Rendered at most once a minute, or every
 * few seconds while part of the fleet has no score yet, so a wall opened during the first round is not left
 * without those tiles' trends.
 */
final class TrendRoutes {
  static final int DEFAULT_DAYS = 7;
  static final int MAX_DAYS = 30;
  private static final Duration KEEP = Duration.ofMinutes(1);
  /** A render made while part of the fleet had no score yet (the first round after a start) is kept this long. */
  static final Duration KEEP_PARTIAL = Duration.ofSeconds(5);

  private final BoardSource board;
  private final Map<Integer, Rendered> cache = new ConcurrentHashMap<>();

  private record Rendered(Instant at, Duration keep, Future<Buffer> body) {}

  TrendRoutes(BoardSource board) {
    this.board = board;
  }

  void mount(Router router) {
    Replies.read(router, "/api/v1/trends").handler(this::trends);
  }

  private void trends(RoutingContext ctx) {
    String raw = ctx.request().getParam("days");
    int days;
    try {
      days = raw == null || raw.isBlank() ? DEFAULT_DAYS : Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      days = -1;
    }
    if (days < 1 || days > MAX_DAYS) {
      Replies.error(ctx, 400, "days must be a whole number from 1 to " + MAX_DAYS, "days");
      return;
    }
    Rendered r = rendered(days);
    r.body().onSuccess(b -> Replies.cacheable(ctx, b, Replies.JSON, "public, max-age=" + r.keep().toSeconds()))
        .onFailure(ctx::fail);
  }

  private Rendered rendered(int days) {
    Instant now = Instant.now();
    Rendered r = cache.get(days);
    if (r == null || r.at().plus(r.keep()).isBefore(now) || r.body().failed()) {
      Instant from = now.minus(Duration.ofDays(days));
      JsonArray ranking = board.portals();
      boolean partial = ranking.stream().anyMatch(p -> !(((JsonObject) p).getValue("score") instanceof Number));
      r = new Rendered(now, partial ? KEEP_PARTIAL : KEEP,
          board.gradeTrail(from).map(rows -> render(days, from, now, rows, ranking)));
      cache.put(days, r);
    }
    return r;
  }

  /** The trail of each portal in the ranking, clamped to the window, closed by its current score. */
  static Buffer render(int days, Instant from, Instant to, JsonArray trail, JsonArray ranking) {
    Map<String, JsonArray> series = new LinkedHashMap<>();
    for (Object o : trail) {
      JsonObject row = (JsonObject) o;
      String at = row.getString("at");
      String clamped = at != null && Instant.parse(at).isBefore(from) ? from.toString() : at;
      series.computeIfAbsent(row.getString("portal"), k -> new JsonArray()).add(point(clamped, row.getValue("score"),
          row.getString("grade")));
    }
    JsonObject portals = new JsonObject();
    for (Object o : ranking) {
      JsonObject p = (JsonObject) o;
      JsonArray points = series.getOrDefault(p.getString("id"), new JsonArray());
      if (p.getValue("score") instanceof Number score) {
        points.add(point(to.toString(), Math.round(score.doubleValue() * 100) / 100.0, p.getString("grade")));
      }
      portals.put(p.getString("id"), points);
    }
    return PublicJson.strip(new JsonObject().put("from", from.toString()).put("to", to.toString()).put("days", days)
        .put("portals", portals)).toBuffer();
  }

  private static JsonObject point(String at, Object score, String grade) {
    return new JsonObject().put("at", at).put("score", score).put("grade", grade);
  }
}
