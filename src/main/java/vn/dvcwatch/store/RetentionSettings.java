package vn.dvcwatch.store;

import java.time.Duration;
import java.util.Set;
import vn.dvcwatch.config.YamlNode;

/** The {@code retention:} section: how long raw probe results and rollups are kept. */
public record RetentionSettings(Duration raw, Duration rollups) {
  static final Set<String> KEYS = Set.of("raw", "rollups");

  public static RetentionSettings from(YamlNode t) {
    t.only(KEYS);
    return new RetentionSettings(t.get("raw").positiveDuration(Duration.ofDays(35)),
        t.get("rollups").positiveDuration(Duration.ofDays(730)));
  }
}
