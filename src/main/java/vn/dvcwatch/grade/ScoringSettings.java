package vn.dvcwatch.grade;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import vn.dvcwatch.config.YamlNode;

/**
 * The {@code scoring:} section: the scoring model's file and how often the fleet is re-scored.
 *
 * @param evaluateEvery null when not set here: the scoring model's own {@code evaluation.every} applies
 */
public record ScoringSettings(Path file, Duration evaluateEvery) {
  static final Set<String> KEYS = Set.of("file", "evaluateEvery");

  public static ScoringSettings from(YamlNode s, Path baseDir) {
    s.only(KEYS);
    return new ScoringSettings(s.get("file").path("conf/scoring.yaml", baseDir),
        s.get("evaluateEvery").present() ? s.get("evaluateEvery").positiveDuration(Duration.ofSeconds(30)) : null);
  }
}
