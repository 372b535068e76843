package vn.dvcwatch.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.alert.AlertRoutes;

/**
 * The web room: one HTTP server whose router mounts the pages, the public JSON API with the event
 * stream, the admin API, the alert routes and health. Security headers go on every response first;
 * CORS on the public API. The caller owns the {@link EventHub} (and starts and stops it).
 */
public final class WebServer {
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
  /** Closes connections that neither send nor receive (slow-loris); SSE heartbeats keep streams busy. */
  private static final int IDLE_TIMEOUT_SECONDS = 300;

  private final Vertx vertx;
  private final WebConfig cfg;
  private final BoardSource board;
  private final EventHub hub;
  private final AdminActions admin;
  private final AlertRoutes alertRoutes;
  private final Supplier<Future<JsonObject>> readiness;
  private final Supplier<String> metricsText;
  private HttpServer server;

  public WebServer(Vertx vertx, WebConfig cfg, BoardSource board, EventHub hub, AdminActions admin,
      AlertRoutes alertRoutesOrNull, Supplier<Future<JsonObject>> readiness, Supplier<String> metricsText) {
    this.vertx = vertx;
    this.cfg = cfg;
    this.board = board;
    this.hub = hub;
    this.admin = admin;
    this.alertRoutes = alertRoutesOrNull;
    this.readiness = readiness;
    this.metricsText = metricsText;
  }

  /** Listens; the future holds the actual port ({@code cfg.port()} 0 picks a free one). */
  public Future<Integer> start() {
    return vertx.executeBlocking(PageFiles::load).compose(files -> {
      Router router = router(files);
      server = vertx.createHttpServer(new HttpServerOptions().setHost(cfg.host()).setPort(cfg.port())
          .setCompressionSupported(false).setIdleTimeout(IDLE_TIMEOUT_SECONDS)
          // No cleartext HTTP/2 upgrade: browsers never ask for it, and a JDK HttpClient's "Upgrade: h2c"
          // GET hung for minutes against it in CI. Behind a TLS proxy, HTTP/2 is the proxy's business.
          .setHttp2ClearTextEnabled(false));
      return server.requestHandler(router).listen();
    }).map(s -> {
      LOG.info("board on http://{}:{}/ (admin API {})", cfg.host(), s.actualPort(), cfg.adminEnabled() ? "on" : "off");
      return s.actualPort();
    });
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private Router router(PageFiles files) {
    Router router = Router.router(vertx);
    router.route().handler(new SecurityHeaders(cfg.hsts()));
    router.route("/api/v1/*").handler(new PublicCors());
    String origin = cfg.publicUrl() == null ? "" : cfg.publicUrl().toString().replaceAll("/+$", "");
    PageRoutes pages = new PageRoutes(board, hub, files, origin);
    pages.mount(router);
    if (alertRoutes != null) {
      alertRoutes.mountPublic(router);
    }
    new ApiRoutes(board, hub).mount(router);
    new AdminRoutes(admin, alertRoutes, cfg.adminToken()).mount(router);
    new HealthRoutes(readiness, metricsText).mount(router);
    router.errorHandler(404, ctx -> notFound(ctx, pages));
    router.errorHandler(405, ctx -> Replies.error(ctx, 405, "method not allowed here", null));
    router.errorHandler(413, ctx -> Replies.error(ctx, 413, "the body is larger than " + AdminRoutes.BODY_LIMIT / 1024 + " KB", null));
    router.errorHandler(500, this::serverError);
    return router;
  }

  private static void notFound(RoutingContext ctx, PageRoutes pages) {
    if (ctx.normalizedPath().startsWith("/api/")) {
      Replies.error(ctx, 404, "no such endpoint: see /api/v1/openapi.yaml", null);
    } else {
      pages.notFound(ctx);
    }
  }

  private void serverError(RoutingContext ctx) {
    LOG.warn("{} {} failed: {}", ctx.request().method(), ctx.request().path(), String.valueOf(ctx.failure()), ctx.failure());
    if (!ctx.response().ended()) {
      Replies.error(ctx, 500, "internal error", null);
    }
  }
}
