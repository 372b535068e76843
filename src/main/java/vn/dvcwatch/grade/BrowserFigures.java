package vn.dvcwatch.grade;

import java.time.Instant;
import java.util.List;

/**
 * What the browser room measured on one page, as scoring model v2 reads it (docs/SCORING.md): the latest
 * successful load with the model's throttling method. Figures of another method are never passed here (they
 * are not comparable). Times in milliseconds; null when the load did not measure them.
 *
 * @param axeRules the violated axe rule ids, most severe first (for the measurement text and the fix hint)
 * @param axeMeasured false when axe-core did not run on the page (its counts are then meaningless)
 */
public record BrowserFigures(String method, Instant at, Double lcpMs, Double loadMs, Double cls, boolean axeMeasured,
    int axeCritical, int axeSerious, int axeModerate, int axeMinor, List<String> axeRules) {
  public BrowserFigures {
    axeRules = List.copyOf(axeRules);
  }

  /** The page's load time as v2 scores it: the later of the largest paint and the load event; null if neither. */
  public Double loadTimeMs() {
    if (lcpMs == null) {
      return loadMs;
    }
    return loadMs == null ? lcpMs : Math.max(lcpMs, loadMs);
  }
}
