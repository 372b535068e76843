package vn.dvcwatch.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import vn.dvcwatch.alert.AlertRoutes;

/** A real web server on 127.0.0.1 over the in-memory board, with its hub and a web client. */
final class WebFixture implements AutoCloseable {
  static final String TOKEN = "test-admin-token-4f9c";

  final Vertx vertx = Vertx.vertx();
  final FakeBoard board = new FakeBoard();
  final FakeAdmin admin = new FakeAdmin();
  final EventHub hub;
  final WebServer server;
  final WebClient client;
  volatile String readiness = "UP";
  final int port;

  WebFixture() {
    this(64, 50, 1000, TOKEN);
  }

  WebFixture(int ring, int perAddress, int maxClients, String token) {
    this(ring, perAddress, maxClients, token, null);
  }

  WebFixture(int ring, int perAddress, int maxClients, String token, AlertRoutes alerts) {
    hub = new EventHub(vertx, board::snapshot, ring, perAddress, maxClients);
    hub.start(Duration.ofSeconds(1));
    server = new WebServer(vertx, new WebConfig("127.0.0.1", 0, token, true, null), board, hub, admin, alerts,
        () -> Future.succeededFuture(new JsonObject().put("status", readiness).put("checks", new JsonObject())),
        () -> "# HELP dvc_up test\ndvc_up 1\n");
    // The portal page reads its browser runs: the fixture answers as a watchdog without a browser does.
    server.mount(router -> router.get("/api/v1/portals/:id/browser").handler(ctx -> ctx.json(new JsonObject()
        .put("portal", ctx.pathParam("id")).put("available", false).put("reason", "no browser in the web fixture")
        .put("runs", new io.vertx.core.json.JsonArray()))));
    port = await(server.start());
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setFollowRedirects(false));
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  static <T> T await(Future<T> f) {
    try {
      return f.await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    hub.stop();
    client.close();
    await(server.stop());
    await(vertx.close());
  }
}
