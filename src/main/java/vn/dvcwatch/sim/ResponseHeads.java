package vn.dvcwatch.sim;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes response heads the way the portal's posture says: Server header with or without a version,
 * the security headers it has, its session cookie with the attributes it sets.
 */
final class ResponseHeads {
  static final String COOKIE_NAME = "DVCSESSIONID";
  private static final String[] VERSIONED = {"nginx/1.14.1", "Apache/2.4.29 (Ubuntu)", "Microsoft-IIS/8.5"};

  private final SimPosture posture;
  private final String server;

  ResponseHeads(SimPosture posture, int index) {
    this.posture = posture;
    this.server = posture.headers().serverVersion() ? VERSIONED[index % VERSIONED.length] : "nginx";
  }

  /** The exact Server header value (manifest). */
  String server() {
    return server;
  }

  /** A complete head with the posture's headers; {@code page} adds the session cookie. */
  StringBuilder head(int status, String reason, String contentType, long length, boolean tls, boolean page,
      boolean keepAlive) {
    StringBuilder b = statusLine(status, reason);
    HeaderSet h = posture.headers();
    if (tls && h.hsts()) {
      b.append("Strict-Transport-Security: max-age=31536000; includeSubDomains\r\n");
    }
    if (h.csp()) {
      b.append("Content-Security-Policy: default-src 'self'; img-src 'self' data:; frame-ancestors 'self'\r\n");
    }
    if (h.xFrameOptions()) {
      b.append("X-Frame-Options: SAMEORIGIN\r\n");
    }
    if (h.nosniff()) {
      b.append("X-Content-Type-Options: nosniff\r\n");
    }
    if (h.referrerPolicy()) {
      b.append("Referrer-Policy: strict-origin-when-cross-origin\r\n");
    }
    if (page) {
      CookieFlags c = posture.cookie();
      b.append("Set-Cookie: ").append(COOKIE_NAME).append('=').append(Long.toHexString(ThreadLocalRandom.current().nextLong()))
          .append("; Path=/").append(c.secure() ? "; Secure" : "").append(c.httpOnly() ? "; HttpOnly" : "")
          .append(c.sameSite() ? "; SameSite=Lax" : "").append("\r\n");
    }
    if (contentType != null) {
      b.append("Content-Type: ").append(contentType).append("\r\n");
    }
    if (length >= 0) {
      b.append("Content-Length: ").append(length).append("\r\n");
    }
    return b.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n");
  }

  /** The status line, Date and Server: what every response of this portal starts with. */
  StringBuilder statusLine(int status, String reason) {
    return new StringBuilder(1024).append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n")
        .append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
        .append("\r\nServer: ").append(server).append("\r\n");
  }
}
