package vn.dvcwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.dvcwatch.alert.AlertRouter.Situation;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.registry.PortalKind;

/** The pure rules: routing, certificate steps, flapping, backoff. */
class AlertRulesTest {
  private static final Portal P = new Portal("hue", "Thành phố Huế", PortalKind.PROVINCE, URI.create("https://h.vn/"),
      URI.create("https://h.vn/f"), "UBND", List.of("A@Hue.gov.vn", "a@hue.gov.vn", "b@hue.gov.vn"), 0.995, null, null, true);
  private static final Instant T = Instant.parse("2026-11-24T00:00:00Z");

  private static AlertRouter router(String national, Set<AlertKind> optOut, Set<AlertKind> nationalOptOut) {
    return new AlertRouter(AlertSettings.defaults().withRouting(national, optOut, nationalOptOut, 20));
  }

  @Test
  void contactsDeduplicatedThenNationalCopy() {
    assertThat(router("qg@cds.gov.vn", Set.of(), Set.of()).route(AlertKind.DOWN, P, Situation.NORMAL).recipients())
        .containsExactly("a@hue.gov.vn", "b@hue.gov.vn", "qg@cds.gov.vn");
  }

  @Test
  void perKindOptOut() {
    AlertRouter r = router("qg@cds.gov.vn", Set.of(AlertKind.GRADE_DROP), Set.of(AlertKind.CERT_EXPIRING));
    assertThat(r.route(AlertKind.GRADE_DROP, P, Situation.NORMAL).recipients()).containsExactly("qg@cds.gov.vn");
    assertThat(r.route(AlertKind.CERT_EXPIRING, P, Situation.NORMAL).recipients()).containsExactly("a@hue.gov.vn", "b@hue.gov.vn");
    AlertRouter none = router(null, Set.of(AlertKind.GRADE_DROP), Set.of());
    assertThat(none.route(AlertKind.GRADE_DROP, P, Situation.NORMAL).suppressedReason()).isEqualTo(AlertRouter.NO_RECIPIENTS);
  }

  @Test
  void watchdogNetworkAndDigestGoToTheNationalAddressOnly() {
    AlertRouter r = router("qg@cds.gov.vn", Set.of(), Set.of());
    assertThat(r.route(AlertKind.WATCHDOG_NETWORK, null, Situation.NORMAL).recipients()).containsExactly("qg@cds.gov.vn");
    assertThat(r.route(AlertKind.DIGEST, null, Situation.NORMAL).recipients()).containsExactly("qg@cds.gov.vn");
    assertThat(router(null, Set.of(), Set.of()).route(AlertKind.WATCHDOG_NETWORK, null, Situation.NORMAL).suppressed()).isTrue();
  }

  @Test
  void suppressionReasons() {
    AlertRouter r = router("qg@cds.gov.vn", Set.of(), Set.of());
    Situation maint = new Situation(true, false, false);
    assertThat(r.route(AlertKind.DOWN, P, maint).suppressedReason()).isEqualTo(AlertRouter.MAINTENANCE);
    assertThat(r.route(AlertKind.CERT_EXPIRED, P, maint).suppressed()).isFalse();
    assertThat(r.route(AlertKind.RECOVERED, P, new Situation(false, true, false)).suppressedReason()).isEqualTo(AlertRouter.FLAPPING);
    assertThat(r.route(AlertKind.FLAPPING, P, new Situation(false, true, false)).suppressed()).isFalse();
    assertThat(r.route(AlertKind.DOWN, P, new Situation(false, false, true)).suppressedReason()).isEqualTo(AlertRouter.NETWORK);
    assertThat(r.route(AlertKind.GRADE_DROP, P, new Situation(false, false, true)).suppressed()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"40,", "31,", "30,30", "29,30", "15,30", "14,14", "8,14", "7,7", "2,7", "1,1", "0,1", "-1,expired", "-400,expired"})
  void certificateSteps(int daysLeft, String step) {
    assertThat(CertThresholds.step(daysLeft)).isEqualTo(step);
  }

  @Test
  void flappingStartsAtTheThirdOpeningWithinTheWindowAndEndsAfterAQuietWindow() {
    FlapGuard g = new FlapGuard(3, Duration.ofHours(1));
    assertThat(g.opened("p", "1", T)).isEqualTo(FlapGuard.Verdict.NORMAL);
    assertThat(g.opened("p", "1", T)).isEqualTo(FlapGuard.Verdict.NORMAL); // replay of the same incident
    assertThat(g.opened("p", "2", T.plusSeconds(600))).isEqualTo(FlapGuard.Verdict.NORMAL);
    assertThat(g.opened("q", "x", T.plusSeconds(700))).isEqualTo(FlapGuard.Verdict.NORMAL);
    assertThat(g.opened("p", "3", T.plusSeconds(1200))).isEqualTo(FlapGuard.Verdict.STARTED);
    assertThat(g.opened("p", "4", T.plusSeconds(4000))).isEqualTo(FlapGuard.Verdict.ONGOING);
    assertThat(g.flapping("p", T.plusSeconds(4000 + 3599))).isTrue();
    assertThat(g.flapping("p", T.plusSeconds(4000 + 3600))).isFalse();
    assertThat(g.opened("p", "5", T.plusSeconds(9000))).isEqualTo(FlapGuard.Verdict.NORMAL);
  }

  @Test
  void seededStateContinuesAnEpisodeOrACount() {
    FlapGuard g = new FlapGuard(3, Duration.ofHours(1));
    assertThat(g.knows("p")).isFalse();
    g.seed("p", List.of(T.plusSeconds(60), T), T.plusSeconds(60), "i2");
    assertThat(g.knows("p")).isTrue();
    assertThat(g.opened("p", "n", T.plusSeconds(600))).isEqualTo(FlapGuard.Verdict.ONGOING);
    g.seed("q", List.of(T, T.plusSeconds(60)), null, "i2");
    assertThat(g.opened("q", "i2", T.plusSeconds(300))).isEqualTo(FlapGuard.Verdict.NORMAL); // a replay after restart
    assertThat(g.opened("q", "n", T.plusSeconds(600))).isEqualTo(FlapGuard.Verdict.STARTED);
    g.seed("r", List.of(), null, null);
    assertThat(g.opened("r", "n", T)).isEqualTo(FlapGuard.Verdict.NORMAL);
  }

  @Test
  void openingsOutsideTheWindowDoNotCount() {
    FlapGuard g = new FlapGuard(3, Duration.ofHours(1));
    for (int k = 0; k < 5; k++) {
      assertThat(g.opened("p", "i" + k, T.plus(Duration.ofMinutes(45L * k)))).isEqualTo(FlapGuard.Verdict.NORMAL);
    }
  }

  @Test
  void backoffDoublesUpToTheCap() {
    AlertSettings s = AlertSettings.defaults(); // 5 s base, 10 min cap
    OutboxSender sender = new OutboxSender(null, s);
    assertThat(sender.backoff(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(sender.backoff(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(sender.backoff(7)).isEqualTo(Duration.ofSeconds(320));
    assertThat(sender.backoff(8)).isEqualTo(Duration.ofMinutes(10));
    assertThat(sender.backoff(5000)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void messageIdIsStablePerKey() {
    assertThat(Outbox.messageId("down:1")).isEqualTo(Outbox.messageId("down:1")).isNotEqualTo(Outbox.messageId("down:2"))
        .matches("<[0-9a-f]{32}@dvc-watch>");
  }
}
