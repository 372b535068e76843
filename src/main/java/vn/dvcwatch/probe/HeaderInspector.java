package vn.dvcwatch.probe;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.dvcwatch.result.HeaderPosture;

/** The HTTP security posture of a response's headers (docs/PROBING.md), Mozilla-Observatory style. */
final class HeaderInspector {
  /** HSTS counts only with max-age of at least 180 days. */
  static final long HSTS_MIN_SECONDS = 180L * 24 * 3600;
  private static final Pattern MAX_AGE = Pattern.compile("max-age\\s*=\\s*\"?(\\d{1,12})");
  private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)");

  private HeaderInspector() {}

  static HeaderPosture inspect(HttpHeaders h, boolean https, Boolean httpsRedirect, boolean mixedContent) {
    long maxAge = 0;
    String sts = https ? h.get("Strict-Transport-Security") : null; // ignored over plain HTTP (RFC 6797)
    if (sts != null) {
      Matcher m = MAX_AGE.matcher(sts.toLowerCase(Locale.ROOT));
      maxAge = m.find() ? Long.parseLong(m.group(1)) : 0;
    }
    String csp = lower(h.get("Content-Security-Policy"));
    String xfo = lower(h.get("X-Frame-Options"));
    String xcto = lower(h.get("X-Content-Type-Options"));
    String referrer = lower(h.get("Referrer-Policy"));
    String server = h.get("Server");
    boolean leak = (server != null && VERSION.matcher(server).find()) || h.contains("X-Powered-By")
        || h.contains("X-AspNet-Version") || h.contains("X-AspNetMvc-Version");
    List<String> cookies = h.getAll("Set-Cookie");
    int noSecure = 0;
    int noHttpOnly = 0;
    int noSameSite = 0;
    for (String cookie : cookies) {
      String c = cookie.toLowerCase(Locale.ROOT);
      noSecure += attribute(c, "secure") ? 0 : 1;
      noHttpOnly += attribute(c, "httponly") ? 0 : 1;
      noSameSite += c.contains("samesite=") ? 0 : 1;
    }
    return new HeaderPosture(httpsRedirect, maxAge >= HSTS_MIN_SECONDS, maxAge, csp != null,
        csp != null && csp.contains("'unsafe-inline'"),
        (xfo != null && (xfo.contains("deny") || xfo.contains("sameorigin")))
            || (csp != null && csp.contains("frame-ancestors")),
        xcto != null && xcto.contains("nosniff"),
        referrer != null && !referrer.isBlank() && !referrer.contains("unsafe-url"),
        leak, cookies.size(), noSecure, noHttpOnly, noSameSite, mixedContent);
  }

  private static boolean attribute(String cookie, String name) {
    for (String part : cookie.split(";")) {
      if (part.trim().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static String lower(String v) {
    return v == null ? null : v.toLowerCase(Locale.ROOT);
  }
}
