package vn.dvcwatch.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dvcwatch.grade.Postures.cleanProbe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.Target;

/**
 * The fleet's windows with the browser's figures (model v2): only the model's throttling method is scored, a
 * page's figures go stale, and model v1 never looks at them.
 */
class FleetBrowserScoringTest {
  private static final Instant T0 = Instant.parse("2026-12-04T06:00:00Z");

  private static Instant feed(FleetEvaluator fleet, String id) {
    Instant t = T0;
    for (int i = 0; i < 40; i++) {
      fleet.record(cleanProbe(id, Target.HOMEPAGE, t));
      fleet.record(cleanProbe(id, Target.EFORM, t.plusSeconds(1)));
      t = t.plusSeconds(30);
    }
    return t;
  }

  /** LCP 6.25 s, CLS 0.175, one critical axe rule: every v2 browser criterion below full. */
  private static BrowserFigures slow(String method, Instant at) {
    return new BrowserFigures(method, at, 6250.0, 2000.0, 0.175, true, 1, 0, 0, 0, List.of("image-alt"));
  }

  @Test
  void figuresOfTheModelsMethodAreScoredAndOthersIgnored() {
    FleetEvaluator fleet = new FleetEvaluator(ScoringModel.defaults(), Duration.ofSeconds(30));
    Instant end = feed(fleet, "p");
    fleet.recordBrowser("p", Target.HOMEPAGE, slow("devtools-4g-4x-cpu", end));
    Scorecard other = fleet.evaluate(end).scorecard("p").orElseThrow();
    assertThat(ScorerTest.row(other, "performance.home.load").measurement()).as("another method: not comparable")
        .contains("dự phòng");

    fleet.recordBrowser("p", Target.HOMEPAGE, slow("none", end));
    Scorecard card = fleet.evaluate(end.plusSeconds(30)).scorecard("p").orElseThrow();
    assertThat(card.modelVersion()).isEqualTo(2);
    assertThat(ScorerTest.row(card, "performance.home.load").points()).isEqualTo(2.0); // 4 × 3750 / 7500
    assertThat(ScorerTest.row(card, "performance.cls").points()).isEqualTo(1.0); // homepage only: 2 × 0.075 / 0.15
    // homepage 1 − 10/30, eForm the static checks (clean): (0.6667 + 1) / 2 × 11 = 9.17
    assertThat(ScorerTest.row(card, "accessibility.wcag").points()).isEqualTo(9.17);
    assertThat(ScorerTest.row(card, "accessibility.wcag").measurement()).contains("image-alt").contains("dự phòng");
  }

  @Test
  void staleFiguresFallBackToTheProbes() {
    FleetEvaluator fleet = new FleetEvaluator(ScoringModel.defaults(), Duration.ofSeconds(30));
    fleet.browserFreshFor(Duration.ofMinutes(10));
    Instant end = feed(fleet, "p");
    fleet.recordBrowser("p", Target.HOMEPAGE, slow("none", end.minus(Duration.ofMinutes(11))));
    Scorecard card = fleet.evaluate(end).scorecard("p").orElseThrow();
    assertThat(ScorerTest.row(card, "performance.home.load").measurement()).contains("dự phòng");
    assertThat(ScorerTest.row(card, "performance.cls").measured()).isFalse();
  }

  @Test
  void modelOneIgnoresTheBrowser() {
    FleetEvaluator fleet = new FleetEvaluator(ScoringModel.v1(), Duration.ofSeconds(30));
    Instant end = feed(fleet, "p");
    fleet.recordBrowser("p", Target.HOMEPAGE, slow("none", end));
    Scorecard card = fleet.evaluate(end).scorecard("p").orElseThrow();
    assertThat(card.modelVersion()).isEqualTo(1);
    assertThat(card.score()).isEqualTo(100.0);
  }
}
