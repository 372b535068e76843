package vn.dvcwatch.sim;

import java.util.Locale;

/** What the plain-HTTP port of a simulated portal does. */
public enum PlainHttp {
  /** 301 to the same path over HTTPS (most portals). */
  REDIRECT,
  /** Serves the same pages unencrypted, next to HTTPS. */
  CONTENT,
  /** The portal has no HTTPS at all: its homepage is {@code http://}, nothing listens on the HTTPS port. */
  ONLY;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
