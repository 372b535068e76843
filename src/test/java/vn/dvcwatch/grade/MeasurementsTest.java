package vn.dvcwatch.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.Target;

/** The one-shot reading of `check`: one probe of each page, scored by the same scorer as the fleet. */
class MeasurementsTest {
  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
  private static final Scorer SCORER = new Scorer(ScoringModel.defaults());

  @Test
  void aCleanHomepageAndEFormScoreFullMarks() {
    Measurements m = Measurements.ofProbes(Postures.cleanProbe("x", Target.HOMEPAGE, NOW),
        Postures.cleanProbe("x", Target.EFORM, NOW));
    assertThat(m.uptime()).isEqualTo(1.0);
    assertThat(m.homeTtfbP75Ms()).isEqualTo(90.0);
    assertThat(m.eformTotalP75Ms()).isEqualTo(1200.0);
    assertThat(m.certDaysLeft()).isEqualTo(200);
    assertThat(SCORER.score(m).score()).isEqualTo(100.0);
  }

  @Test
  void aDownEFormCostsHalfTheUptimeItsTimingsAndStability() {
    Measurements m = Measurements.ofProbes(Postures.cleanProbe("x", Target.HOMEPAGE, NOW),
        Postures.probe("x", Target.EFORM, NOW, Outcome.DOWN, 0, 10_000, null, null, null));
    assertThat(m.uptime()).isEqualTo(0.5);
    assertThat(m.eformConfigured()).isTrue();
    assertThat(m.eformTtfbP75Ms()).isNull();
    Scorecard card = SCORER.score(m);
    assertThat(ScorerTest.row(card, "availability.uptime").points()).isZero();
    assertThat(ScorerTest.row(card, "performance.eform.ttfb").points()).isZero();
    assertThat(ScorerTest.row(card, "performance.stability").points()).isZero();
    assertThat(ScorerTest.row(card, "security.tls").points()).as("the homepage's handshake").isEqualTo(15.0);
  }

  @Test
  void withoutAnEFormTheHomepageStandsIn() {
    Measurements m = Measurements.ofProbes(
        Postures.probe("x", Target.HOMEPAGE, NOW, Outcome.UP, 1000, 2500, null, Postures.cleanHeaders(),
            Postures.cleanPage()), null);
    assertThat(m.eformConfigured()).isFalse();
    assertThat(m.https()).isFalse();
    Scorecard card = SCORER.score(m);
    assertThat(ScorerTest.row(card, "performance.eform.ttfb").points()).isEqualTo(2.5);
    assertThat(ScorerTest.row(card, "performance.eform.ttfb").measurement()).contains("trang chủ");
    assertThat(card.score()).isEqualTo(49.0);
    assertThat(card.grade()).isEqualTo("E");
  }
}
