package vn.dvcwatch.browser;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.dvcwatch.browser.BrowserRun.Outcome;
import vn.dvcwatch.grade.BrowserFigures;

/**
 * A browser run as scoring model v2 reads it (docs/SCORING.md). Loads that say something about the page are
 * scored: {@code ok}; {@code deadline} and {@code capped}, where the page itself kept the citizen waiting (its
 * load time is then the wait, at least, and axe usually did not run). Loads that say something about the
 * watchdog's browser ({@code browser_failed}, {@code memory}, {@code page_crashed}) or a page that did not load
 * at all ({@code navigation_failed}: availability counts that) leave the previous figures standing.
 */
public final class BrowserScoring {
  public static final Set<Outcome> SCORED = Set.of(Outcome.OK, Outcome.DEADLINE, Outcome.CAPPED);
  private static final Map<String, Integer> SEVERITY = Map.of("critical", 0, "serious", 1, "moderate", 2, "minor", 3);

  private BrowserScoring() {}

  /** The run's figures for the scorer, or null when the run is not scored. */
  public static BrowserFigures figures(BrowserRun r) {
    if (!SCORED.contains(r.outcome())) {
      return null;
    }
    Double load = r.load() != null ? r.load() : r.outcome() == Outcome.OK ? null : (Double) (double) r.wallMs();
    BrowserRun.Axe axe = r.axe();
    boolean axeRan = axe != null && axe.version() != null && axe.error() == null;
    List<BrowserRun.Violation> vs = axeRan ? axe.violations() : List.of();
    return new BrowserFigures(r.method(), r.startedAt(), r.lcp(), load, r.cls(), axeRan, count(vs, "critical"),
        count(vs, "serious"), count(vs, "moderate"), vs.size() - count(vs, "critical") - count(vs, "serious")
        - count(vs, "moderate"),
        vs.stream().sorted(Comparator.comparingInt(v -> SEVERITY.getOrDefault(v.impact(), 3)))
            .map(BrowserRun.Violation::id).toList());
  }

  private static int count(List<BrowserRun.Violation> vs, String impact) {
    return (int) vs.stream().filter(v -> impact.equals(v.impact())).count();
  }
}
