package vn.dvcwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The flapping verdicts as plain Java: a retried opening is a replay and gets its first verdict again. */
class FlapGuardTest {
  private static final Instant T0 = Instant.parse("2026-11-24T07:05:00Z");

  @Test
  void aRetriedOpeningThatStartedAnEpisodeStartsItAgainUnderTheSameStart() {
    FlapGuard g = new FlapGuard(3, Duration.ofHours(1));
    assertThat(g.opened("ha-noi", "i1", T0)).isEqualTo(FlapGuard.Verdict.NORMAL);
    assertThat(g.opened("ha-noi", "i2", T0.plusSeconds(600))).isEqualTo(FlapGuard.Verdict.NORMAL);
    assertThat(g.opened("ha-noi", "i3", T0.plusSeconds(1200))).isEqualTo(FlapGuard.Verdict.STARTED);
    // its transaction failed; the retry, later, must still write the episode's notice, under the same key
    assertThat(g.opened("ha-noi", "i3", T0.plusSeconds(1300))).isEqualTo(FlapGuard.Verdict.STARTED);
    assertThat(g.episodeStart("ha-noi")).isEqualTo(T0.plusSeconds(1200));
    assertThat(g.recentOpenings("ha-noi")).isEqualTo(3);
    assertThat(g.opened("ha-noi", "i4", T0.plusSeconds(1800))).isEqualTo(FlapGuard.Verdict.ONGOING);
    assertThat(g.opened("ha-noi", "i4", T0.plusSeconds(1900))).isEqualTo(FlapGuard.Verdict.ONGOING);
  }

  @Test
  void aDeclaredEpisodeIsOnlyRecordedWhenDeclared() {
    FlapGuard g = new FlapGuard(3, Duration.ofHours(1));
    assertThat(g.flapping("ha-noi", T0)).isFalse(); // asking changes nothing: AlertService asks before it writes
    assertThat(g.declared("ha-noi", T0)).isEqualTo(FlapGuard.Verdict.STARTED);
    assertThat(g.flapping("ha-noi", T0.plusSeconds(60))).isTrue();
    assertThat(g.declared("ha-noi", T0.plusSeconds(60))).isEqualTo(FlapGuard.Verdict.ONGOING);
    assertThat(g.flapping("ha-noi", T0.plusSeconds(60 + 3600))).as("quiet for a whole window").isFalse();
  }
}
