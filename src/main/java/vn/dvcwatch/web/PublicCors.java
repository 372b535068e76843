package vn.dvcwatch.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * CORS for the public read API: any origin may GET (news sites and dashboards read the ranking from
 * the browser). The admin API is left out on purpose, so a browser never sends it a cross-origin call.
 */
final class PublicCors implements Handler<RoutingContext> {
  private static final CharSequence ANY = HttpHeaders.createOptimized("*");
  private static final CharSequence ETAG = HttpHeaders.createOptimized("ETag");

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.normalizedPath().startsWith("/api/v1/admin")) {
      ctx.next();
      return;
    }
    ctx.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ANY)
        .putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, ETAG);
    if (ctx.request().method() == HttpMethod.OPTIONS) {
      ctx.response().setStatusCode(204)
          .putHeader("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
          .putHeader("Access-Control-Allow-Headers", "Last-Event-ID, If-None-Match, Cache-Control")
          .putHeader("Access-Control-Max-Age", "86400")
          .end();
      return;
    }
    ctx.next();
  }
}
