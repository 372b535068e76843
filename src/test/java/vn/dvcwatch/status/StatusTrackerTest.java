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
    // confirmed, but none of the others was probed since its first failure: it waits for them
    assertThat(events).filteredOn(StatusEvent.IncidentOpened.class::isInstance).isEmpty();
    events.addAll(feed("b", Target.HOMEPAGE, "U"));
    events.addAll(feed("c", Target.HOMEPAGE, "U"));
    assertThat(events).filteredOn(StatusEvent.IncidentOpened.class::isInstance).isEmpty();
    // one window (30 s) after it was confirmed: decided on what is known, and the flag is off
    events.addAll(feed("d", Target.HOMEPAGE, "U"));
    assertThat(events).filteredOn(StatusEvent.IncidentOpened.class::isInstance).singleElement()
        .satisfies(e -> assertThat(((StatusEvent.IncidentOpened) e).incident().start()).isEqualTo(T0.plusSeconds(120)));
    assertThat(tracker.status("a")).isEqualTo(PortalStatus.DOWN);
    assertThat(tracker.networkProblem()).isFalse();
  }

  /** Ten portals probed every 10 s, portal i at second i of each round; the outcome of each probe by portal and time. */
  static List<StatusEvent> playFleet(StatusTracker t, int fromSecond, int toSecond,
      java.util.function.BiFunction<Integer, Integer, ProbeResult> probe) {
    List<StatusEvent> events = new ArrayList<>();
    for (int second = fromSecond; second < toSecond; second++) {
      ProbeResult r = probe.apply(second % 10, second);
      if (r != null) {
        events.addAll(t.record(r));
      }
    }
    return events;
  }

  static ProbeResult down(String portal, String cause, Instant at) {
    return new ProbeResult(portal, Target.HOMEPAGE, "https://" + portal + ".gov.vn/", at, Outcome.DOWN, cause, null,
        Phases.NONE, 0, 0, null, null, null);
  }

  static Instant at(int second) {
    return T0.plusSeconds(second);
  }

  final StatusTracker fleetTracker = new StatusTracker(3, 2, 0.5, Duration.ofSeconds(10), Clock.fixed(T0, ZoneOffset.UTC));

  /** The fleet healthy for two rounds (0–19 s). */
  List<StatusEvent> healthyFleet() {
    List<StatusEvent> events = playFleet(fleetTracker, 0, 20, (i, s) -> result("p" + i, Target.HOMEPAGE, Outcome.UP, at(s)));
    assertThat(fleetTracker.networkProblem()).isFalse();
    return events;
  }

  /**
   * Our network goes at 20 s: every connection is refused. Portal p0 fails first and its confirmation
   * retries (21 s, 22 s) come long before the rest of the fleet's next probes, whose latest results are
   * still UP; its outage waits until the fleet can tell, which it does as soon as half of it fails.
   */
  @Test
  void ourNetworkGoingDownIsCaughtBeforeAnyIncidentOpens() {
    healthyFleet();
    List<StatusEvent> events = new ArrayList<>();
    for (int second = 20; second < 40; second++) {
      events.addAll(fleetTracker.record(down("p" + second % 10, Cause.CONNECT, at(second))));
      if (second < 23) { // p0's retries, 1 s apart, between the others' probes
        events.addAll(fleetTracker.record(down("p0", Cause.CONNECT, at(second).plusMillis(500))));
      }
    }
    assertThat(events).filteredOn(StatusEvent.NetworkProblem.class::isInstance).singleElement()
        .isEqualTo(new StatusEvent.NetworkProblem(true, 5, 10, T0));
    assertThat(events).filteredOn(StatusEvent.IncidentOpened.class::isInstance).isEmpty();
    assertThat(events).filteredOn(StatusEvent.StatusChanged.class::isInstance).isEmpty();

    // the network comes back: nobody's failures held back become an outage on the way
    List<StatusEvent> back = playFleet(fleetTracker, 40, 70, (i, s) -> result("p" + i, Target.HOMEPAGE, Outcome.UP, at(s)));
    assertThat(back).filteredOn(StatusEvent.NetworkProblem.class::isInstance).singleElement()
        .satisfies(e -> assertThat(((StatusEvent.NetworkProblem) e).problem()).isFalse());
    assertThat(back).filteredOn(e -> !(e instanceof StatusEvent.NetworkProblem)).isEmpty();
    for (int i = 0; i < 10; i++) {
      assertThat(fleetTracker.status("p" + i)).isEqualTo(PortalStatus.UP);
    }
  }

  /**
   * One portal down in a healthy fleet: it waits only until enough of the fleet was probed since its failure
   * was confirmed.
   */
  @Test
  void aSinglePortalOutageWaitsForTheFleetNoLongerThanItNeeds() {
    healthyFleet();
    List<StatusEvent> confirmed = new ArrayList<>();
    for (int s = 20; s < 23; s++) {
      confirmed.addAll(fleetTracker.record(down("p0", Cause.CONNECT, at(s))));
    }
    assertThat(confirmed).isEmpty(); // confirmed at 22 s, but nobody else was probed since
    for (int s = 21; s < 27; s++) {
      assertThat(fleetTracker.record(result("p" + s % 10, Target.HOMEPAGE, Outcome.UP, at(s)))).isEmpty();
    }
    // with p7 probed since p0's confirming failure (22 s), 1 failing + 3 not yet seen is below half of 10: not ours
    List<StatusEvent> decided = fleetTracker.record(result("p7", Target.HOMEPAGE, Outcome.UP, at(27)));
    assertThat(decided).hasSize(2);
    assertThat(decided.get(0)).isEqualTo(
        new StatusEvent.StatusChanged("p0", PortalStatus.UP, PortalStatus.DOWN, Cause.CONNECT, T0));
    assertThat(((StatusEvent.IncidentOpened) decided.get(1)).incident().start()).isEqualTo(at(20));
  }

  /**
   * A portal that was already failing (its server answered 500) before our network went, and is confirmed by a
   * refused connection after: judged by its latest failure, on the fleet probed since that confirmation, not
   * on the healthy fleet of before.
   */
  @Test
  void aPortalFailingBeforeOurNetworkWentIsHeldBackToo() {
    healthyFleet();
    List<StatusEvent> events = new ArrayList<>();
    events.addAll(fleetTracker.record(down("p0", Cause.HTTP_5XX, at(20))));
    events.addAll(fleetTracker.record(down("p0", Cause.HTTP_5XX, at(25))));
    // p1..p9 probed UP meanwhile (21–29 s); our network goes at 30 s
    events.addAll(playFleet(fleetTracker, 21, 30, (i, s) -> i == 0 ? null
        : result("p" + i, Target.HOMEPAGE, Outcome.UP, at(s))));
    events.addAll(playFleet(fleetTracker, 30, 40, (i, s) -> down("p" + i, Cause.CONNECT, at(s))));
    assertThat(events).filteredOn(StatusEvent.IncidentOpened.class::isInstance).isEmpty();
    assertThat(events).filteredOn(StatusEvent.NetworkProblem.class::isInstance).hasSize(1);
    assertThat(fleetTracker.status("p0")).isEqualTo(PortalStatus.UP);
  }

  /**
   * Right after a start, the first few results are not "most of the fleet": with the fleet's size known, half
   * of it must have reported before the flag can turn on.
   */
  @Test
  void theFirstFewResultsAfterAStartAreNotMostOfTheFleet() {
    Set<String> twenty = new java.util.HashSet<>();
    for (int i = 0; i < 20; i++) {
      twenty.add("p" + i);
    }
    fleetTracker.retain(twenty);
    List<StatusEvent> events = new ArrayList<>();
    for (int i = 0; i < 9; i++) { // a busy machine's first round: the first handshakes time out
      events.addAll(fleetTracker.record(down("p" + i, Cause.TLS, at(i))));
    }
    assertThat(events).filteredOn(StatusEvent.NetworkProblem.class::isInstance).isEmpty();
    events.addAll(fleetTracker.record(down("p9", Cause.TLS, at(9))));
    assertThat(events).filteredOn(StatusEvent.NetworkProblem.class::isInstance).singleElement()
        .isEqualTo(new StatusEvent.NetworkProblem(true, 10, 10, T0));
  }

  /** When the rest of the fleet reports nothing, the outage is decided after one window on what is known. */
  @Test
  void anOutageTheFleetCannotJudgeOpensAfterOneWindow() {
    healthyFleet();
    List<StatusEvent> events = new ArrayList<>();
    for (int s : new int[] {20, 21, 22, 30}) { // held at 22 s; the window is 10 s
      events.addAll(fleetTracker.record(down("p0", Cause.TIMEOUT, at(s))));
    }
    assertThat(events).isEmpty();
    events.addAll(fleetTracker.record(down("p0", Cause.TIMEOUT, at(32))));
    assertThat(events).filteredOn(StatusEvent.IncidentOpened.class::isInstance).singleElement()
        .satisfies(e -> assertThat(((StatusEvent.IncidentOpened) e).incident().start()).isEqualTo(at(20)));
  }

  /**
   * A server that answered (a refused certificate, an HTTP 500, a malformed head) proves our network reaches
   * it: six of ten failing that way is six outages, opened at their confirmation, and no network problem.
   */
  @Test
  void failuresTheServersAnsweredAreNotOurNetwork() {
    healthyFleet();
    List<String> answered = List.of(Cause.CERTIFICATE, Cause.HTTP_5XX, Cause.MALFORMED, Cause.CERTIFICATE,
        Cause.HTTP_4XX, Cause.REDIRECT_LOOP);
    List<StatusEvent> events = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < answered.size(); i++) {
        events.addAll(fleetTracker.record(down("p" + i, answered.get(i), at(20 + 10 * round + i))));
      }
    }
    assertThat(events).filteredOn(StatusEvent.NetworkProblem.class::isInstance).isEmpty();
    assertThat(events).filteredOn(StatusEvent.IncidentOpened.class::isInstance).hasSize(answered.size());
    assertThat(fleetTracker.networkProblem()).isFalse();
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
  @Test
  void restoredDownWithoutAnIncidentOpensOneFromTheFirstResultEvenAnEformOne() {
    tracker.restore("hue", PortalStatus.DOWN, null); // a cluster node taking over a portal the vote has DOWN
    List<StatusEvent> events = feed("hue", Target.EFORM, "D");
    assertThat(events).filteredOn(StatusEvent.IncidentOpened.class::isInstance)
        .extracting(e -> ((StatusEvent.IncidentOpened) e).incident().start()).containsExactly(T0);
    assertThat(tracker.status("hue")).isEqualTo(PortalStatus.DOWN);
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
    // what this vantage reports to a cluster's vote: the confirmed cause, not its latest probe's
    assertThat(tracker.cause("hue")).isEqualTo(incidentCause);
  }
}
