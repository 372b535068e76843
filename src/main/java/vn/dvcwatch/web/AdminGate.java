package vn.dvcwatch.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The bearer-token check in front of {@code /api/v1/admin/}. Without a configured token the admin API
 * is off (403 saying so): there are no default credentials. The comparison takes the same time
 * whatever the guess, so the token cannot be found byte by byte.
 */
final class AdminGate implements Handler<RoutingContext> {
  private final byte[] token;

  AdminGate(String token) {
    this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response().putHeader("Cache-Control", "no-store");
    if (token == null) {
      Replies.error(ctx, 403, "the admin API is off: no admin token is configured (web.adminToken)", null);
      return;
    }
    String auth = ctx.request().getHeader("Authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      unauthorized(ctx, "an Authorization: Bearer <token> header is required");
      return;
    }
    byte[] given = auth.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, token)) {
      unauthorized(ctx, "wrong admin token");
      return;
    }
    ctx.next();
  }

  private static void unauthorized(RoutingContext ctx, String why) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"dvc-watch admin\"");
    Replies.error(ctx, 401, why, null);
  }
}
