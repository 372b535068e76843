package vn.dvcwatch.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;

/**
 * {@code /health/live}, {@code /health/ready} and {@code /metrics}. Readiness is 200 for UP and
 * DEGRADED (a database outage degrades, the board still serves) and 503 for DOWN, so a load balancer
 * only stops sending traffic when there is nothing to serve.
 */
final class HealthRoutes {
  private final Supplier<Future<JsonObject>> readiness;
  private final Supplier<Future<String>> metricsText;

  HealthRoutes(Supplier<Future<JsonObject>> readiness, Supplier<Future<String>> metricsText) {
    this.readiness = readiness;
    this.metricsText = metricsText;
  }

  void mount(Router router) {
    Replies.read(router, "/health/live").handler(ctx -> Replies.json(ctx, 200, new JsonObject().put("status", "UP")));
    Replies.read(router, "/health/ready").handler(ctx -> readiness.get()
        .otherwise(e -> new JsonObject().put("status", "DOWN").put("error", String.valueOf(e.getMessage())))
        .onSuccess(r -> Replies.json(ctx, "DOWN".equals(r.getString("status")) ? 503 : 200, r)));
    Replies.read(router, "/metrics").handler(ctx -> metricsText.get().onSuccess(text -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(text)).onFailure(ctx::fail));
  }
}
