package vn.dvcwatch.web;

import java.net.URI;
import java.util.Set;
import vn.dvcwatch.config.YamlNode;

/** The {@code http:} section: the web server. {@code publicUrl} is the base of links in emails. */
public record HttpSettings(String host, int port, URI publicUrl, boolean behindTls) {
  static final Set<String> KEYS = Set.of("host", "port", "publicUrl", "behindTls");

  public static HttpSettings from(YamlNode h) {
    h.only(KEYS);
    int port = h.get("port").integer(8080, 0, 65535);
    return new HttpSettings(h.get("host").string("0.0.0.0"), port,
        h.get("publicUrl").url(URI.create("http://localhost:" + port)), h.get("behindTls").bool(false));
  }
}
