package vn.dvcwatch.app;

import java.util.Locale;
import java.util.Set;
import vn.dvcwatch.config.YamlNode;

/** The {@code log:} section: text or JSON lines, and the level. */
public record LogSettings(String format, String level) {
  static final Set<String> KEYS = Set.of("format", "level");

  public static LogSettings from(YamlNode l) {
    l.only(KEYS);
    String format = l.get("format").string("text");
    if (!format.equals("text") && !format.equals("json")) {
      throw l.get("format").fail("expected text or json, got \"" + format + "\"");
    }
    String level = l.get("level").string("info").toLowerCase(Locale.ROOT);
    if (!Set.of("trace", "debug", "info", "warn", "error").contains(level)) {
      throw l.get("level").fail("expected one of trace, debug, info, warn, error; got \"" + level + "\"");
    }
    return new LogSettings(format, level);
  }
}
