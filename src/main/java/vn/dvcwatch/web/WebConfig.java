package vn.dvcwatch.web;

import java.net.URI;

/**
 * Settings of the web server.
 *
 * @param adminToken the admin API's bearer token; null or blank turns the admin API off (there are
 *     no default credentials)
 * @param hsts send Strict-Transport-Security: only true when the board is served behind TLS
 * @param publicUrl where the board is reachable from outside (for the embed snippet); null = the
 *     request's own origin
 */
public record WebConfig(String host, int port, String adminToken, boolean hsts, URI publicUrl) {
  /** Whether the admin API is on. */
  public boolean adminEnabled() {
    return adminToken != null && !adminToken.isBlank();
  }
}
