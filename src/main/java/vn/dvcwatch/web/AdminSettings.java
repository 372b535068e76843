package vn.dvcwatch.web;

import java.util.Set;
import vn.dvcwatch.config.YamlNode;

/** The {@code admin:} section. The admin API is off unless a token is configured: there are no default credentials. */
public record AdminSettings(String token) {
  static final Set<String> KEYS = Set.of("token");

  public static AdminSettings from(YamlNode ad) {
    ad.only(KEYS);
    String token = ad.get("token").string("");
    if (!token.isBlank() && token.length() < 16) {
      throw ad.get("token").fail("too short: use at least 16 random characters");
    }
    return new AdminSettings(token);
  }

  public boolean enabled() {
    return token != null && !token.isBlank();
  }
}
