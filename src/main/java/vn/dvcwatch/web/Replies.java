package vn.dvcwatch.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How every handler of the web room answers: JSON errors, and conditional (ETag) cacheable bodies. */
final class Replies {
  // Header names and values as pre-encoded ASCII: Vert.x copies them into the response as they are, where
  // a String is hashed and encoded character by character on every response (a fifth of the CPU of the
  // public read path in a JFR profile under wrk).
  static final CharSequence JSON = HttpHeaders.createOptimized("application/json; charset=utf-8");
  static final CharSequence HTML = HttpHeaders.createOptimized("text/html; charset=utf-8");

  private Replies() {}

  /** A public read route: GET, and HEAD for monitors and caches (Vert.x sends no body for HEAD). */
  static Route read(Router router, String path) {
    return router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD);
  }

  /** A JSON error {@code {"error": why}} (plus {@code field} when one input is to blame). */
  static void error(RoutingContext ctx, int status, String why, String field) {
    JsonObject body = new JsonObject().put("error", why);
    if (field != null) {
      body.put("field", field);
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", JSON)
        .putHeader("Cache-Control", "no-store").end(body.encode());
  }

  static void json(RoutingContext ctx, int status, Object body) {
    String text = body instanceof JsonObject o ? o.encode() : ((JsonArray) body).encode();
    ctx.response().setStatusCode(status).putHeader("Content-Type", JSON)
        .putHeader("Cache-Control", "no-store").end(text);
  }

  /** A cacheable body: 304 when the client's {@code If-None-Match} already names this ETag. */
  static void cacheable(RoutingContext ctx, Buffer body, CharSequence etag, CharSequence contentType,
      CharSequence cacheControl) {
    HttpServerResponse res = ctx.response()
        .putHeader(HttpHeaders.ETAG, etag)
        .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
    if (matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
      res.setStatusCode(304).end();
      return;
    }
    res.putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body);
  }

  static void cacheable(RoutingContext ctx, Buffer body, CharSequence contentType, CharSequence cacheControl) {
    cacheable(ctx, body, etag(body), contentType, cacheControl);
  }

  /** A strong ETag: the same bytes give the same tag in every process. */
  static String etag(Buffer body) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(body.getBytes());
      return "\"" + HexFormat.of().formatHex(sha, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean matches(String ifNoneMatch, CharSequence etagChars) {
    if (ifNoneMatch == null) {
      return false;
    }
    String etag = etagChars.toString();
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals(etag) || t.equals("*")) {
        return true;
      }
    }
    return false;
  }
}
