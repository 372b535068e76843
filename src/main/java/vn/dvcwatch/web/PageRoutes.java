package vn.dvcwatch.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.EnumMap;
import java.util.Map;

/**
 * The pages: the live board, the portal page, /status, /embed, the badges and the static assets
 * (our scripts and styles, and uPlot from its webjar). Static files go through vertx-web's
 * StaticHandler, which refuses path tricks; ids are checked against the ranking before anything is
 * looked up.
 */
final class PageRoutes {
  private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist";
  private static final CharSequence PAGE_CACHE = HttpHeaders.createOptimized("no-cache");
  private static final CharSequence PUBLIC_CACHE = HttpHeaders.createOptimized("public, max-age=10");

  private final BoardSource board;
  private final PageFiles files;
  private final StatusPages pages;
  private final Map<Lang, CachedBody> status = new EnumMap<>(Lang.class);
  private final Map<Lang, CachedBody> embed = new EnumMap<>(Lang.class);

  PageRoutes(BoardSource board, EventHub hub, PageFiles files, String origin) {
    this.board = board;
    this.files = files;
    this.pages = new StatusPages(origin);
    for (Lang lang : Lang.values()) {
      status.put(lang, new CachedBody(hub::lastEventId,
          () -> Buffer.buffer(pages.status(board.portals(), board.networkSuspect(), lang))));
      embed.put(lang, new CachedBody(hub::lastEventId,
          () -> Buffer.buffer(pages.embed(board.portals(), board.networkSuspect(), lang))));
    }
  }

  void mount(Router router) {
    Replies.read(router, "/").handler(ctx -> Replies.cacheable(ctx, files.board(), Replies.HTML, PAGE_CACHE));
    Replies.read(router, "/portals/:id").handler(this::portalPage);
    Replies.read(router, "/privacy").handler(ctx -> Replies.cacheable(ctx, files.privacy(), Replies.HTML, "public, max-age=3600"));
    Replies.read(router, "/status").handler(ctx -> cached(ctx, status));
    Replies.read(router, SecurityHeaders.EMBED_PATH).handler(ctx -> cached(ctx, embed));
    Replies.read(router, "/badge/:file").handler(this::badge);
    Replies.read(router, "/api/v1/openapi.yaml").handler(ctx ->
        Replies.cacheable(ctx, files.openApi(), "application/yaml; charset=utf-8", "public, max-age=3600"));
    Replies.read(router, "/assets/uplot/*").handler(StaticHandler.create(UPLOT).setMaxAgeSeconds(86_400));
    Replies.read(router, "/assets/*").handler(StaticHandler.create("webroot/assets").setMaxAgeSeconds(300));
  }

  /** The 404 page of every non-API path. */
  void notFound(RoutingContext ctx) {
    ctx.response().setStatusCode(404).putHeader("Content-Type", Replies.HTML).end(files.notFound());
  }

  private void cached(RoutingContext ctx, Map<Lang, CachedBody> bodies) {
    CachedBody.Entry e = bodies.get(Lang.of(ctx.request().getParam("lang"))).current();
    Replies.cacheable(ctx, e.body(), e.etag(), Replies.HTML, PUBLIC_CACHE);
  }

  private void portalPage(RoutingContext ctx) {
    if (find(board.portals(), ctx.pathParam("id")) == null) {
      notFound(ctx);
    } else {
      Replies.cacheable(ctx, files.portal(), Replies.HTML, PAGE_CACHE);
    }
  }

  private void badge(RoutingContext ctx) {
    String file = ctx.pathParam("file");
    String id = file.endsWith(".svg") ? file.substring(0, file.length() - 4) : null;
    JsonObject portal = id == null ? null : find(board.portals(), id);
    String svg = portal == null ? Badge.unknown(id) : Badge.of(portal);
    if (portal == null) {
      ctx.response().setStatusCode(404).putHeader("Cache-Control", "public, max-age=60")
          .putHeader("Content-Type", "image/svg+xml; charset=utf-8").end(svg);
      return;
    }
    Replies.cacheable(ctx, Buffer.buffer(svg), "image/svg+xml; charset=utf-8", "public, max-age=300");
  }

  static JsonObject find(JsonArray portals, String id) {
    for (int i = 0; i < portals.size(); i++) {
      JsonObject p = portals.getJsonObject(i);
      if (id.equals(p.getString("id"))) {
        return p;
      }
    }
    return null;
  }
}
