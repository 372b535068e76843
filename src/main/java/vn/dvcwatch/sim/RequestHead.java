package vn.dvcwatch.sim;

import java.util.Locale;
import java.util.Map;

/** The head of one HTTP/1.x request as the simulator needs it: method, path, headers (lower-case names). */
record RequestHead(String method, String target, String version, Map<String, String> headers) {

  String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  boolean keepAlive() {
    String connection = header("connection");
    if (connection != null) {
      return !connection.toLowerCase(Locale.ROOT).contains("close");
    }
    return "HTTP/1.1".equals(version);
  }

  long contentLength() {
    String v = header("content-length");
    try {
      return v == null ? 0 : Math.max(0, Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
