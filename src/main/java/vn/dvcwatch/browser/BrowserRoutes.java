package vn.dvcwatch.browser;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Predicate;

/**
 * {@code GET /api/v1/portals/{id}/browser[?limit=N]}: the latest browser runs of a portal, newest first
 * ({@link BrowserJson#full} each, with the address of its screenshot and of each frame of its filmstrip), and the
 * JPEGs: {@code GET /api/v1/portals/{id}/browser/{run}/screenshot.jpg} and {@code .../{run}/frames/{n}}. Public, like
 * the rest of the read API.
 */
final class BrowserRoutes {
  static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 100;

  private final BrowserRuns runs;
  private final Predicate<String> known;
  private final String unavailable;

  BrowserRoutes(BrowserRuns runsOrNull, Predicate<String> known, String unavailableOrNull) {
    this.runs = runsOrNull;
    this.known = known;
    this.unavailable = unavailableOrNull;
  }

  void mount(Router router) {
    router.route("/api/v1/portals/:id/browser").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::list);
    router.route("/api/v1/portals/:id/browser/:run/screenshot.jpg").method(HttpMethod.GET).handler(this::screenshot);
    router.route("/api/v1/portals/:id/browser/:run/frames/:seq").method(HttpMethod.GET).handler(this::frame);
  }

  private void list(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!known.test(id)) {
      error(ctx, 404, "no portal with id " + id);
      return;
    }
    int limit;
    try {
      String raw = ctx.request().getParam("limit");
      limit = raw == null || raw.isBlank() ? DEFAULT_LIMIT : Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      error(ctx, 400, "limit must be a whole number from 1 to " + MAX_LIMIT);
      return;
    }
    JsonObject body = new JsonObject().put("portal", id).put("available", unavailable == null);
    if (unavailable != null) {
      body.put("reason", unavailable);
    }
    if (runs == null) {
      reply(ctx, body.put("runs", new JsonArray()));
      return;
    }
    runs.latest(id, limit).onSuccess(list -> {
      JsonArray out = new JsonArray();
      list.forEach(s -> {
        JsonObject j = BrowserJson.full(s.run()).put("id", s.id());
        if (s.run().screenshot() != null) {
          j.put("screenshot", "/api/v1/portals/" + id + "/browser/" + s.id() + "/screenshot.jpg");
        } else {
          j.putNull("screenshot");
        }
        JsonArray frames = new JsonArray();
        for (int i = 0; i < s.run().frames().size(); i++) {
          frames.add(new JsonObject().put("ms", Math.round(s.run().frames().get(i).ms()))
              .put("src", "/api/v1/portals/" + id + "/browser/" + s.id() + "/frames/" + i));
        }
        out.add(j.put("frames", frames));
      });
      reply(ctx, body.put("runs", out));
    }).onFailure(ctx::fail);
  }

  private void screenshot(RoutingContext ctx) {
    jpeg(ctx, "no screenshot for this run", (id, run) -> runs.screenshot(id, run));
  }

  private void frame(RoutingContext ctx) {
    int seq;
    try {
      seq = Integer.parseInt(ctx.pathParam("seq"));
    } catch (NumberFormatException e) {
      seq = -1;
    }
    int n = seq;
    if (n < 0 || n >= Filmstrip.MAX_FRAMES) {
      error(ctx, 404, "no such frame");
      return;
    }
    jpeg(ctx, "no such frame", (id, run) -> runs.frame(id, run, n));
  }

  /** A stored JPEG of a run of a known portal (never changes once stored: cached a day). */
  private void jpeg(RoutingContext ctx, String missing, java.util.function.BiFunction<String, Long, Future<byte[]>> read) {
    String id = ctx.pathParam("id");
    long run;
    try {
      run = Long.parseLong(ctx.pathParam("run"));
    } catch (NumberFormatException e) {
      error(ctx, 404, "no such run");
      return;
    }
    if (runs == null || !known.test(id)) {
      error(ctx, 404, "no such run");
      return;
    }
    read.apply(id, run).onSuccess(jpeg -> {
      if (jpeg == null) {
        error(ctx, 404, missing);
      } else {
        ctx.response().putHeader("Content-Type", "image/jpeg").putHeader("Cache-Control", "public, max-age=86400")
            .end(io.vertx.core.buffer.Buffer.buffer(jpeg));
      }
    }).onFailure(ctx::fail);
  }

  private static void reply(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").putHeader("Cache-Control", "public, max-age=30")
        .end(body.encode());
  }

  private static void error(RoutingContext ctx, int status, String why) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store").end(new JsonObject().put("error", why).encode());
  }
}
