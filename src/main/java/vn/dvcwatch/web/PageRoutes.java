package vn.dvcwatch.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pages: the live board, the portal page, /status, /embed, the badges, robots.txt, the favicon and the
 * static assets (our scripts and styles, and uPlot from its webjar). Static files go through vertx-web's
 * StaticHandler, which refuses path tricks; ids are checked against the ranking before anything is looked up.
 */
final class PageRoutes {
  private static final CharSequence PAGE_CACHE = HttpHeaders.createOptimized("no-cache");
  private static final CharSequence PUBLIC_CACHE = HttpHeaders.createOptimized("public, max-age=10");
  private static final CharSequence FOREVER = HttpHeaders.createOptimized("public, max-age=31536000, immutable");

  private final BoardSource board;
  private final EventHub hub;
  private final PageFiles files;
  private final EmbedWidget widget;
  private final IncidentFeed feed;
  private final Map<Lang, CachedBody> status = new EnumMap<>(Lang.class);
  private final StatusPage statusPage;
  private final StatusHistory history;
  /** One cached body per widget variant asked for (bounded: variants are checked against the fleet first). */
  private final Map<String, CachedBody> embeds = new ConcurrentHashMap<>();

  PageRoutes(BoardSource board, EventHub hub, PageFiles files, String origin) {
    this.board = board;
    this.hub = hub;
    this.files = files;
    PageParts parts = new PageParts(files.assets());
    StatusPage page = new StatusPage(origin, parts);
    this.statusPage = page;
    this.history = new StatusHistory(board);
    this.widget = new EmbedWidget(origin, parts);
    this.feed = new IncidentFeed(board, origin);
    for (Lang lang : Lang.values()) {
      status.put(lang, new CachedBody(hub::lastEventId,
          () -> Buffer.buffer(page.render(board.portals(), board.networkSuspect(), board.map(), lang, history.latest(), null))));
    }
  }

  void mount(Router router) {
    Replies.read(router, "/").handler(ctx -> Replies.cacheable(ctx, files.board(), Replies.HTML, PAGE_CACHE));
    Replies.read(router, "/wall").handler(ctx -> Replies.cacheable(ctx, files.wall(), Replies.HTML, PAGE_CACHE));
    Replies.read(router, "/portals/:id").handler(this::portalPage);
    Replies.read(router, "/privacy").handler(ctx -> Replies.cacheable(ctx, files.privacy(), Replies.HTML, "public, max-age=3600"));
    Replies.read(router, "/status").handler(this::status);
    Replies.read(router, "/status/feed.atom").handler(ctx -> feed.current(Lang.of(ctx.request().getParam("lang")))
        .onSuccess(body -> Replies.cacheable(ctx, body, "application/atom+xml; charset=utf-8", "public, max-age=60"))
        .onFailure(ctx::fail));
    Replies.read(router, SecurityHeaders.EMBED_PATH).handler(this::embed);
    Replies.read(router, "/badge/:file").handler(this::badge);
    Replies.read(router, "/robots.txt").handler(ctx ->
        Replies.cacheable(ctx, files.robots(), "text/plain; charset=utf-8", "public, max-age=86400"));
    Replies.read(router, "/favicon.ico").handler(ctx ->
        Replies.cacheable(ctx, files.favicon(), "image/x-icon", "public, max-age=86400"));
    Replies.read(router, "/api/v1/openapi.yaml").handler(ctx ->
        Replies.cacheable(ctx, files.openApi(), "application/yaml; charset=utf-8", "public, max-age=3600"));
    Replies.read(router, "/assets/*").handler(this::asset);
  }

  /**
   * A versioned asset URL (the one our pages name) is cached for a year; any other URL of an asset is
   * revalidated on every use, so a browser never keeps an old script after an upgrade.
   */
  private void asset(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    Assets.Asset a = files.assets().get(path);
    if (a == null) {
      notFound(ctx);
      return;
    }
    boolean versioned = files.assets().current(path, ctx.request().getParam("v"));
    Replies.cacheable(ctx, a.body(), "\"" + a.version() + "\"", a.contentType(), versioned ? FOREVER : PAGE_CACHE);
  }

  /**
   * /status: the page of every portal is cached (it is what a news front page links to); a search ({@code ?q=}) is
   * rendered for its visitor from the same data, the 90 days read at most once a minute.
   */
  private void status(RoutingContext ctx) {
    Lang lang = Lang.of(ctx.request().getParam("lang"));
    String raw = ctx.request().getParam("q");
    String q = raw == null || raw.isBlank() ? null : raw.strip();
    String query = q != null && q.length() > StatusPage.MAX_QUERY ? q.substring(0, StatusPage.MAX_QUERY) : q;
    history.current().onComplete(x -> {
      if (query == null) {
        cached(ctx, status.get(lang));
      } else {
        Replies.cacheable(ctx, Buffer.buffer(statusPage.render(board.portals(), board.networkSuspect(), board.map(), lang,
            history.latest(), query)), Replies.HTML, PUBLIC_CACHE);
      }
    });
  }

  /** The 404 page of every non-API path. */
  void notFound(RoutingContext ctx) {
    ctx.response().setStatusCode(404).putHeader("Content-Type", Replies.HTML).end(files.notFound());
  }

  private static void cached(RoutingContext ctx, CachedBody body) {
    CachedBody.Entry e = body.current();
    Replies.cacheable(ctx, e.body(), e.etag(), Replies.HTML, PUBLIC_CACHE);
  }

  private void embed(RoutingContext ctx) {
    String portal = blankToNull(ctx.request().getParam("portal"));
    String kind = blankToNull(ctx.request().getParam("kind"));
    if ((portal != null && find(board.portals(), portal) == null) || (kind != null && !EmbedWidget.KINDS.contains(kind))) {
      notFound(ctx);
      return;
    }
    EmbedWidget.Options o = new EmbedWidget.Options(portal, kind, "dark".equals(ctx.request().getParam("theme")),
        ctx.request().getParam("compact") != null && !"0".equals(ctx.request().getParam("compact")),
        Lang.of(ctx.request().getParam("lang")));
    cached(ctx, embeds.computeIfAbsent(o.key(), k -> new CachedBody(hub::lastEventId,
        () -> Buffer.buffer(widget.render(board.portals(), board.networkSuspect(), board.map(), o)))));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
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
    if (portal == null) {
      ctx.response().setStatusCode(404).putHeader("Cache-Control", "public, max-age=60")
          .putHeader("Content-Type", "image/svg+xml; charset=utf-8").end(Badge.unknown(id));
      return;
    }
    String svg = Badge.of(portal, Lang.of(ctx.request().getParam("lang")));
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
