package vn.dvcwatch.web;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.alert.AlertRoutes;

/**
 * The web room: one router that mounts the pages, the public JSON API with the event stream, the admin
 * API, the alert routes and health, served by one HTTP listener per core on the same port (Vert.x
 * spreads the connections over their event loops), so the public read path uses every core and not
 * the one loop that also probes. Security headers go on every response first; CORS on the public API.
 * The caller owns the {@link EventHub} (and starts and stops it).
 *
 * <p>Handlers therefore run on several threads: what they read must be safe for that (the board's
 * snapshots are). Readiness is called on the context that created this server; the metrics text is
 * rendered on a worker, so a scrape never takes time from the loop that runs the schedule and the SSE hub
 * (every gauge it reads is safe to read from any thread).
 */
public final class WebServer {
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
  /** Closes connections that neither send nor receive (slow-loris); SSE heartbeats keep streams busy. */
  private static final int IDLE_TIMEOUT_SECONDS = 300;
  /** More listeners than cores only adds context switches; a few cores already saturate loopback. */
  private static final int MAX_LISTENERS = 4;
  /** Below a packet or so, compressing costs more than it saves. */
  private static final int COMPRESS_ABOVE_BYTES = 1024;

  private final Vertx vertx;
  private final WebConfig cfg;
  private final BoardSource board;
  private final EventHub hub;
  private final AdminActions admin;
  private final AlertRoutes alertRoutes;
  private final Supplier<Future<JsonObject>> readiness;
  private final Supplier<String> metricsText;
  private final Context home;
  private final int listeners;
  private String deployment;
  private final java.util.List<java.util.function.Consumer<Router>> roomRoutes = new java.util.ArrayList<>();

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
    this.home = vertx.getOrCreateContext();
    this.listeners = Math.max(1, Math.min(MAX_LISTENERS, Runtime.getRuntime().availableProcessors()));
  }

  /** Routes a room mounts itself (the browser room's API); call before {@link #start}. */
  public WebServer mount(java.util.function.Consumer<Router> routes) {
    roomRoutes.add(routes);
    return this;
  }

  /** Listens; the future holds the actual port ({@code cfg.port()} 0 picks a free one). */
  public Future<Integer> start() {
    return vertx.executeBlocking(PageFiles::load).compose(files -> {
      Router router = router(files);
      // Port 0 asks for a free port; to Vert.x, a negative port is a free port shared by all the listeners.
      Promise<Integer> port = Promise.promise();
      return deploy(router, cfg.port() == 0 ? -1 : cfg.port(), port).compose(v -> port.future());
    }).onSuccess(p -> LOG.info("board on http://{}:{}/ ({} listeners, admin API {})", cfg.host(), p, listeners,
        cfg.adminEnabled() ? "on" : "off"));
  }

  public Future<Void> stop() {
    String id = deployment;
    deployment = null;
    return id == null ? Future.succeededFuture() : vertx.undeploy(id);
  }

  private Future<Void> deploy(Router router, int port, Promise<Integer> actualPort) {
    HttpServerOptions options = new HttpServerOptions().setHost(cfg.host()).setPort(port)
        .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
        // gzip/deflate when the client asks for it (pages, JSON, assets shrink 4-6 times); the event stream
        // opts out per response (a compressor would hold events back until its buffer fills).
        .setCompressionSupported(true).setCompressionContentSizeThreshold(COMPRESS_ABOVE_BYTES)
        // No cleartext HTTP/2 upgrade: browsers never ask for it, and a JDK HttpClient's "Upgrade: h2c"
        // GET hung for minutes against it in CI. Behind a TLS proxy, HTTP/2 is the proxy's business.
        .setHttp2ClearTextEnabled(false);
    return vertx.deployVerticle(() -> new Listener(options, router, actualPort), new DeploymentOptions().setInstances(listeners))
        .onSuccess(id -> deployment = id).mapEmpty();
  }

  /** Runs an app hook on the context that created this server (the app's state is confined to it). */
  private <T> Future<T> atHome(Supplier<Future<T>> hook) {
    return OwnerContext.call(home, hook);
  }

  /** One HTTP server on its own event loop, all of them sharing the router and the port. */
  private static final class Listener extends VerticleBase {
    private final HttpServerOptions options;
    private final Router router;
    private final Promise<Integer> actualPort;

    Listener(HttpServerOptions options, Router router, Promise<Integer> actualPort) {
      this.options = options;
      this.router = router;
      this.actualPort = actualPort;
    }

    @Override
    public Future<?> start() {
      return vertx.createHttpServer(options).requestHandler(router).listen()
          .onSuccess(s -> actualPort.tryComplete(s.actualPort()));
    }
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
    new TrendRoutes(board).mount(router);
    roomRoutes.forEach(m -> m.accept(router));
    new AdminRoutes(admin, alertRoutes, cfg.adminToken()).mount(router);
    new HealthRoutes(() -> atHome(readiness), () -> vertx.executeBlocking(metricsText::get, false))
        .mount(router);
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
