package vn.dvcwatch.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.dvcwatch.result.Cause;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.Phases;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;

/** Confirmation, recovery, flapping and fleet-wide failure, as tables of probe outcomes. */
class StatusTrackerTest {
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  final StatusTracker tracker = new StatusTracker(3, 2, 0.5, Clock.fixed(T0, ZoneOffset.UTC));
  int tick;

  static ProbeResult result(String portal, Target target, Outcome outcome, Instant at) {
    String cause = switch (outcome) {
      case UP -> null;
      case DEGRADED -> Cause.SLOW;
      case DOWN -> Cause.CONNECT;
    };
    return new ProbeResult(portal, target, "https://" + portal + ".gov.vn/", at, outcome, cause,
        outcome == Outcome.DOWN ? null : 200, Phases.NONE, 0, 0, null, null, null);
  }

  List<StatusEvent> feed(String portal, Target target, String outcomes) {
    List<StatusEvent> events = new ArrayList<>();
    for (char c : outcomes.toCharArray()) {
      Outcome o = c == 'U' ? Outcome.UP : c == 'D' ? Outcome.DOWN : Outcome.DEGRADED;
      events.addAll(tracker.record(result(portal, target, o, T0.plusSeconds(10L * tick++))));
    }
    return events;
  }

  @ParameterizedTest(name = "homepage {0} → {1}")
  @CsvSource({
      "U, UP",
      "D, UNKNOWN",
      "DD, UNKNOWN",
      "DDD, DOWN",
      "UD, UP",
      "UDD, UP",
      "UDDD, DOWN",
      "UDDDU, DOWN",
      "UDDDUU, UP",
      "UDDDUDU, DOWN",
      "UGG, UP",
      "UGGG, DEGRADED",
      "UGGGU, DEGRADED",
      "UGGGUU, UP",
      "UDDUDDU, UP",
  })
  void homepageDrivesTheConfirmedStatus(String outcomes, PortalStatus expected) {
    feed("hue", Target.HOMEPAGE, outcomes);
    assertThat(tracker.status("hue")).isEqualTo(expected);
  }

  @Test
  void aFailingEformAloneOnlyDegrades() {
    feed("hue", Target.HOMEPAGE, "U");
    feed("hue", Target.EFORM, "DDDD");
    assertThat(tracker.status("hue")).isEqualTo(PortalStatus.DEGRADED);
    assertThat(tracker.openIncident("hue")).isEmpty();
  }

  @Test
  void anIncidentStartsAtTheFirstFailureAndEndsAtTheFirstSuccess() {
    feed("hue", Target.HOMEPAGE, "U");
    List<StatusEvent> down = feed("hue", Target.HOMEPAGE, "DDD");
    assertThat(down).hasSize(2);
    assertThat(down.get(0)).isEqualTo(
        new StatusEvent.StatusChanged("hue", PortalStatus.UP, PortalStatus.DOWN, Cause.CONNECT, T0));
    Incident opened = ((StatusEvent.IncidentOpened) down.get(1)).incident();
    assertThat(opened.start()).isEqualTo(T0.plusSeconds(10));
    assertThat(opened.cause()).isEqualTo(Cause.CONNECT);
    assertThat(tracker.openIncident("hue")).contains(opened);

    List<StatusEvent> up = feed("hue", Target.HOMEPAGE, "UU");
    Incident closed = ((StatusEvent.IncidentClosed) up.get(1)).incident();
    assertThat(closed.start()).isEqualTo(opened.start());
    assertThat(closed.end()).isEqualTo(T0.plusSeconds(40));
    assertThat(tracker.openIncident("hue")).isEmpty();
  }

  @Test
  void unconfirmedFailuresAndRecoveriesAskForARetry() {
    feed("hue", Target.HOMEPAGE, "U");
    assertThat(tracker.awaitingConfirmation("hue", Target.HOMEPAGE)).isFalse();
    feed("hue", Target.HOMEPAGE, "D");
    assertThat(tracker.awaitingConfirmation("hue", Target.HOMEPAGE)).isTrue();
    feed("hue", Target.HOMEPAGE, "DD");
    assertThat(tracker.awaitingConfirmation("hue", Target.HOMEPAGE)).isFalse();
    feed("hue", Target.HOMEPAGE, "U");
    assertThat(tracker.awaitingConfirmation("hue", Target.HOMEPAGE)).isTrue();
    feed("hue", Target.HOMEPAGE, "U");
    assertThat(tracker.awaitingConfirmation("hue", Target.HOMEPAGE)).isFalse();
  }

  @Test
  void aPortalThatKeepsTogglingIsFlappingOnce() {
    List<StatusEvent> events = feed("hue", Target.HOMEPAGE, "UUUU" + "DU".repeat(12));
    assertThat(events).filteredOn(StatusEvent.Flapping.class::isInstance)
        .containsExactly(new StatusEvent.Flapping("hue", true, T0));
    assertThat(tracker.status("hue")).isEqualTo(PortalStatus.FLAPPING);
    assertThat(events).filteredOn(StatusEvent.IncidentOpened.class::isInstance).isEmpty();

    List<StatusEvent> calm = feed("hue", Target.HOMEPAGE, "U".repeat(21));
    assertThat(calm).filteredOn(StatusEvent.Flapping.class::isInstance)
        .containsExactly(new StatusEvent.Flapping("hue", false, T0));
    assertThat(tracker.status("hue")).isEqualTo(PortalStatus.UP);
  }

  @Test
  void flapDetectorWeighsRecentChangesMore() {
    FlapDetector recent = new FlapDetector();
    FlapDetector old = new FlapDetector();
    "UUUUUUUUUUUUUUDUDUDUD".chars().forEach(c -> recent.add(c == 'U'));
    "UDUDUDUUUUUUUUUUUUUUU".chars().forEach(c -> old.add(c == 'U'));
    assertThat(recent.percentChange()).isGreaterThan(old.percentChange());
    FlapDetector always = new FlapDetector();
    for (int i = 0; i < 21; i++) {
      always.add(i % 2 == 0);
    }
    assertThat(always.percentChange()).isEqualTo(100.0, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void mostOfTheFleetFailingIsOurNetworkNotEightyThreeOutages() {
    List<String> fleet = List.of("a", "b", "c", "d", "e", "f");
    fleet.forEach(p -> feed(p, Target.HOMEPAGE, "U"));
    List<StatusEvent> events = new ArrayList<>();
    for (int round = 0; round < 4; round++) {
      fleet.forEach(p -> events.addAll(feed(p, Target.HOMEPAGE, "D")));
    }
    assertThat(events).filteredOn(StatusEvent.NetworkProblem.class::isInstance).hasSize(1)
        .first().isEqualTo(new StatusEvent.NetworkProblem(true, 3, 6, T0));
    assertThat(events).filteredOn(StatusEvent.IncidentOpened.class::isInstance).isEmpty();
    assertThat(tracker.networkProblem()).isTrue();
    fleet.forEach(p -> assertThat(tracker.status(p)).isEqualTo(PortalStatus.UP));

    List<StatusEvent> back = new ArrayList<>();
    fleet.forEach(p -> back.addAll(feed(p, Target.HOMEPAGE, "U")));
    assertThat(back).filteredOn(StatusEvent.NetworkProblem.class::isInstance)
        .extracting(e -> ((StatusEvent.NetworkProblem) e).problem()).containsExactly(false);
  }

  @Test
  void oneFailingPortalInAHealthyFleetIsAnOutage() {
    List.of("a", "b", "c", "d", "e", "f").forEach(p -> feed(p, Target.HOMEPAGE, "UU"));
    List<StatusEvent> events = feed("a", Target.HOMEPAGE, "DDD");
    assertThat(events).filteredOn(StatusEvent.IncidentOpened.class::isInstance).hasSize(1);
    assertThat(tracker.networkProblem()).isFalse();
  }

  @Test
  void restoredOutageNeedsConfirmedRecovery() {
    Incident open = new Incident("hue:1", "hue", T0.minus(Duration.ofHours(1)), null, Cause.TIMEOUT, Target.HOMEPAGE);
    tracker.restore("hue", PortalStatus.DOWN, open);
    assertThat(feed("hue", Target.HOMEPAGE, "U")).isEmpty();
    List<StatusEvent> events = feed("hue", Target.HOMEPAGE, "U");
    assertThat(events).filteredOn(StatusEvent.IncidentClosed.class::isInstance)
        .extracting(e -> ((StatusEvent.IncidentClosed) e).incident().id()).containsExactly("hue:1");
    assertThat(tracker.status("hue")).isEqualTo(PortalStatus.UP);
    tracker.retain(Set.of());
    assertThat(tracker.status("hue")).isEqualTo(PortalStatus.UNKNOWN);
  }
  /**
   * A run of failures that showed a refused certificate is a certificate outage even when the probe that
   * confirms it timed out before the handshake; a run that never showed one keeps the latest cause.
   */
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
      "certificate timeout timeout, certificate",
      "timeout certificate timeout, certificate",
      "timeout timeout certificate, certificate",
      "timeout connect timeout, timeout"})
  void aRunThatShowedARefusedCertificateIsACertificateOutage(String causes, String incidentCause) {
    tracker.record(result("hue", Target.HOMEPAGE, Outcome.UP, T0));
    List<StatusEvent> events = new ArrayList<>();
    int i = 1;
    for (String cause : causes.split(" ")) {
      ProbeResult r = new ProbeResult("hue", Target.HOMEPAGE, "https://hue.gov.vn/", T0.plusSeconds(10L * i++),
          Outcome.DOWN, cause, null, Phases.NONE, 0, 0, null, null, null);
      events.addAll(tracker.record(r));
    }
    assertThat(events).filteredOn(StatusEvent.IncidentOpened.class::isInstance).singleElement()
        .satisfies(e -> assertThat(((StatusEvent.IncidentOpened) e).incident().cause()).isEqualTo(incidentCause));
    assertThat(events).filteredOn(StatusEvent.StatusChanged.class::isInstance).singleElement()
        .satisfies(e -> assertThat(((StatusEvent.StatusChanged) e).cause()).isEqualTo(incidentCause));
  }
}
