package vn.dvcwatch.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
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
  // Pre-encoded once (see Replies): these go on every response.
  private static final CharSequence CSP = ascii("Content-Security-Policy");
  private static final CharSequence CSP_PAGE = ascii(BASE_CSP + "; frame-ancestors 'none'");
  private static final CharSequence CSP_EMBED = ascii(BASE_CSP + "; frame-ancestors *");
  private static final CharSequence NOSNIFF_HEADER = ascii("X-Content-Type-Options");
  private static final CharSequence NOSNIFF = ascii("nosniff");
  private static final CharSequence REFERRER_POLICY = ascii("Referrer-Policy");
  private static final CharSequence REFERRER = ascii("strict-origin-when-cross-origin");
  private static final CharSequence COOP = ascii("Cross-Origin-Opener-Policy");
  private static final CharSequence SAME_ORIGIN = ascii("same-origin");
  private static final CharSequence PERMISSIONS_POLICY = ascii("Permissions-Policy");
  private static final CharSequence PERMISSIONS = ascii("camera=(), microphone=(), geolocation=()");
  private static final CharSequence X_FRAME_OPTIONS = ascii("X-Frame-Options");
  private static final CharSequence DENY = ascii("DENY");
  private static final CharSequence HSTS = ascii("Strict-Transport-Security");
  private static final CharSequence ONE_YEAR = ascii("max-age=31536000");

  private final boolean hsts;

  SecurityHeaders(boolean hsts) {
    this.hsts = hsts;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerResponse res = ctx.response();
    boolean framable = EMBED_PATH.equals(ctx.normalizedPath());
    res.putHeader(CSP, framable ? CSP_EMBED : CSP_PAGE)
        .putHeader(NOSNIFF_HEADER, NOSNIFF)
        .putHeader(REFERRER_POLICY, REFERRER)
        .putHeader(COOP, SAME_ORIGIN)
        .putHeader(PERMISSIONS_POLICY, PERMISSIONS);
    if (!framable) {
      res.putHeader(X_FRAME_OPTIONS, DENY);
    }
    if (hsts) {
      res.putHeader(HSTS, ONE_YEAR);
    }
    ctx.next();
  }

  private static CharSequence ascii(String s) {
    return HttpHeaders.createOptimized(s);
  }
}
