package vn.dvcwatch.web;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The public JSON API of docs/API.md: the ranking, one portal, its probe history, the monthly SLA table
 * and the event stream. Everything here is public, so every body goes through {@link PublicJson} and
 * is cacheable by ETag.
 */
final class ApiRoutes {
  /** Raw results are kept 35 days; a longer history request would only scan nothing. */
  private static final Duration MAX_HISTORY = Duration.ofDays(35);
  private static final Duration DEFAULT_HISTORY = Duration.ofHours(24);

  private static final CharSequence RANKING_CACHE = HttpHeaders.createOptimized("public, max-age=10");

  private final BoardSource board;
  private final EventHub hub;
  private final CachedBody ranking;
  private final CachedBody recent;

  ApiRoutes(BoardSource board, EventHub hub) {
    this.board = board;
    this.hub = hub;
    this.ranking = new CachedBody(hub::lastEventId, () -> PublicJson.strip(board.portals()).toBuffer());
    this.recent = new CachedBody(hub::lastEventId, () -> hub.recentChanges().toBuffer());
  }

  void mount(Router router) {
    router.get("/api/v1/events").handler(ctx -> hub.attach(ctx.request()));
    Replies.read(router, "/api/v1/events/recent").handler(this::recent);
    Replies.read(router, "/api/v1/portals").handler(this::portals);
    Replies.read(router, "/api/v1/portals/:id").handler(this::portal);
    Replies.read(router, "/api/v1/portals/:id/history").handler(this::history);
    Replies.read(router, "/api/v1/sla").handler(this::sla);
  }

  private void portals(RoutingContext ctx) {
    CachedBody.Entry e = ranking.current();
    Replies.cacheable(ctx, e.body(), e.etag(), Replies.JSON, RANKING_CACHE);
  }

  /** The latest changes (not probes), newest first: a page that has just opened shows them at once. */
  private void recent(RoutingContext ctx) {
    CachedBody.Entry e = recent.current();
    Replies.cacheable(ctx, e.body(), e.etag(), Replies.JSON, "no-cache");
  }

  private void portal(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    board.portal(id).onSuccess(p -> {
      if (p.isEmpty()) {
        Replies.error(ctx, 404, "no portal with id " + id, null);
      } else {
        Replies.cacheable(ctx, PublicJson.strip(p.get()).toBuffer(), Replies.JSON, "public, max-age=10");
      }
    }).onFailure(ctx::fail);
  }

  private void history(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Instant to;
    Instant from;
    try {
      to = instant(ctx.request().getParam("to"), Instant.now());
    } catch (DateTimeParseException e) {
      Replies.error(ctx, 400, "to must be an ISO-8601 instant such as 2025-07-01T00:00:00Z", "to");
      return;
    }
    try {
      from = instant(ctx.request().getParam("from"), to.minus(DEFAULT_HISTORY));
    } catch (DateTimeParseException e) {
      Replies.error(ctx, 400, "from must be an ISO-8601 instant such as 2025-07-01T00:00:00Z", "from");
      return;
    }
    if (!from.isBefore(to)) {
      Replies.error(ctx, 400, "from must be before to", "from");
      return;
    }
    if (Duration.between(from, to).compareTo(MAX_HISTORY) > 0) {
      Replies.error(ctx, 400, "at most 35 days of history per request", "from");
      return;
    }
    board.portal(id).compose(p -> p.isEmpty() ? Future.<JsonArray>succeededFuture(null) : board.history(id, from, to)).onSuccess(rows -> {
      if (rows == null) {
        Replies.error(ctx, 404, "no portal with id " + id, null);
      } else {
        Replies.cacheable(ctx, body(rows), Replies.JSON, "public, max-age=15");
      }
    }).onFailure(ctx::fail);
  }

  private void sla(RoutingContext ctx) {
    String raw = ctx.request().getParam("month");
    YearMonth month;
    try {
      month = raw == null || raw.isBlank() ? YearMonth.now(ZoneOffset.UTC) : YearMonth.parse(raw.trim());
    } catch (DateTimeParseException e) {
      Replies.error(ctx, 400, "month must look like 2025-07", "month");
      return;
    }
    board.sla(month).onSuccess(rows -> Replies.cacheable(ctx, body(rows), Replies.JSON, "public, max-age=60"))
        .onFailure(ctx::fail);
  }

  private static Buffer body(JsonArray rows) {
    return PublicJson.strip(rows).toBuffer();
  }

  private static Instant instant(String raw, Instant fallback) {
    return raw == null || raw.isBlank() ? fallback : Instant.parse(raw.trim());
  }
}
