package vn.dvcwatch.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers our own page checks ask of every portal, sent on every response of ours: a CSP without
 * {@code unsafe-inline} (scripts and styles are files), nosniff, a Referrer-Policy, no framing except
 * {@code /embed}, and HSTS when the board is served behind TLS.
 */
final class SecurityHeaders implements Handler<RoutingContext> {
  static final String EMBED_PATH = "/embed";
  private static final String BASE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'";

  private final boolean hsts;

  SecurityHeaders(boolean hsts) {
    this.hsts = hsts;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerResponse res = ctx.response();
    boolean framable = EMBED_PATH.equals(ctx.normalizedPath());
    res.putHeader("Content-Security-Policy", BASE_CSP + (framable ? "; frame-ancestors *" : "; frame-ancestors 'none'"))
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "strict-origin-when-cross-origin")
        .putHeader("Cross-Origin-Opener-Policy", "same-origin")
        .putHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (!framable) {
      res.putHeader("X-Frame-Options", "DENY");
    }
    if (hsts) {
      res.putHeader("Strict-Transport-Security", "max-age=31536000");
    }
    ctx.next();
  }
}
