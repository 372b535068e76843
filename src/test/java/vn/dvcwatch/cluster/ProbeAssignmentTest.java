package vn.dvcwatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Which vantages count as live for the spread fleet: members whose reports arrive, this node always; a
 * starting node takes its share only once it has heard the others (or after its first round).
 */
class ProbeAssignmentTest {
  private static final Duration SILENCE = Duration.ofSeconds(10);
  private static final Duration FIRST_ROUND = Duration.ofSeconds(4);
  private static final List<String> PORTALS = RendezvousTest.portals(83);
  private final Instant t0 = Instant.parse("2026-12-04T10:00:00Z");
  private final Map<String, Instant> heard = new HashMap<>();

  private ProbeAssignment assignment(String self, int k) {
    return new ProbeAssignment(self, k, SILENCE, FIRST_ROUND, t0);
  }

  /** v1 with v2 and v3 members and heard at {@code t0}. */
  private ProbeAssignment threeLive(int k) {
    ProbeAssignment a = assignment("v1", k);
    heard.put("v2", t0);
    heard.put("v3", t0);
    a.update(List.of("v1", "v2", "v3"), heard, t0);
    return a;
  }

  private static int probed(ProbeAssignment a) {
    return (int) PORTALS.stream().filter(a::probes).count();
  }

  @Test
  void withoutKEveryVantageProbesEveryPortalAtOnce() {
    ProbeAssignment a = assignment("v1", 0);
    assertThat(a.spreading()).isFalse();
    assertThat(probed(a)).isEqualTo(83);
  }

  @Test
  void aStartingNodeProbesNothingUntilItHasHeardEveryMember() {
    ProbeAssignment a = assignment("v1", 1);
    AtomicInteger changes = new AtomicInteger();
    a.onChange(changes::incrementAndGet);
    heard.put("v1", t0);
    a.update(List.of("v1", "v2", "v3"), heard, t0);
    assertThat(a.ready()).isFalse();
    assertThat(probed(a)).as("it would take every portal for itself").isZero();
    heard.put("v2", t0.plusSeconds(1));
    a.update(List.of("v1", "v2", "v3"), heard, t0.plusSeconds(1));
    assertThat(a.ready()).isFalse();
    heard.put("v3", t0.plusSeconds(2));
    a.update(List.of("v1", "v2", "v3"), heard, t0.plusSeconds(2));
    assertThat(a.ready()).isTrue();
    assertThat(a.live()).containsExactly("v1", "v2", "v3");
    assertThat(probed(a)).isEqualTo(RendezvousTest.loads(PORTALS, List.of("v1", "v2", "v3"), 1).get("v1"));
    assertThat(changes.get()).isEqualTo(2); // v2 heard (not ready yet, but the live list grew), then ready
  }

  @Test
  void afterItsFirstRoundItProbesWithWhomeverItHasHeard() {
    ProbeAssignment a = assignment("v1", 1);
    heard.put("v2", t0.plusSeconds(1));
    a.update(List.of("v1", "v2", "v3"), heard, t0.plusSeconds(1));
    assertThat(a.ready()).isFalse();
    a.update(List.of("v1", "v2", "v3"), heard, t0.plus(FIRST_ROUND));
    assertThat(a.ready()).isTrue();
    assertThat(a.live()).containsExactly("v1", "v2");
    assertThat(probed(a)).isEqualTo(RendezvousTest.loads(PORTALS, List.of("v1", "v2"), 1).get("v1"));
  }

  @Test
  void aJoiningNodeCountsOnlyOnceItsReportsArriveAndAnOldReportDoesNotCount() {
    ProbeAssignment a = threeLive(2);
    assertThat(a.live()).containsExactly("v1", "v2", "v3");
    // v3 restarts: it leaves, and joins again; its report from before does not make it live
    a.update(List.of("v1", "v2"), heard, t0.plusSeconds(5));
    assertThat(a.live()).containsExactly("v1", "v2");
    a.update(List.of("v1", "v2", "v3"), heard, t0.plusSeconds(6));
    assertThat(a.live()).as("a member still starting probes nothing yet").containsExactly("v1", "v2");
    assertThat(a.vantagesOf("ha-noi")).containsExactlyInAnyOrder("v1", "v2");
    heard.put("v2", t0.plusSeconds(7));
    heard.put("v3", t0.plusSeconds(8));
    a.update(List.of("v1", "v2", "v3"), heard, t0.plusSeconds(8));
    assertThat(a.live()).containsExactly("v1", "v2", "v3");
    assertThat(a.vantagesOf("ha-noi")).hasSize(2).isEqualTo(Rendezvous.top("ha-noi", List.of("v1", "v2", "v3"), 2));
  }

  @Test
  void aSilentMemberGivesItsPortalsUpBeforeTheFailureDetectorRemovesIt() {
    ProbeAssignment a = threeLive(1);
    heard.put("v2", t0.plusSeconds(9));
    a.update(List.of("v1", "v2", "v3"), heard, t0.plus(SILENCE).plusSeconds(1));
    assertThat(a.live()).containsExactly("v1", "v2");
    assertThat(PORTALS).allMatch(p -> !a.vantagesOf(p).contains("v3"));
  }

  @Test
  void moreVantagesPerPortalThanAreLiveMeansAllOfThem() {
    ProbeAssignment a = assignment("v1", 3);
    heard.put("v2", t0);
    a.update(List.of("v1", "v2"), heard, t0);
    assertThat(probed(a)).isEqualTo(83);
    assertThat(a.vantagesOf("bo-y-te")).containsExactlyInAnyOrder("v1", "v2");
  }

  @Test
  void twoNodesOfOneVantageAreOneVantage() {
    ProbeAssignment a = assignment("v1", 1);
    heard.put("v2", t0);
    a.update(List.of("v1", "v2", "v2"), heard, t0);
    assertThat(a.live()).containsExactly("v1", "v2");
  }
}
