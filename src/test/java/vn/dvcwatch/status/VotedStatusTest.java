package vn.dvcwatch.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.Target;

/** The leader's voted status: the events it gives for a sequence of verdicts. */
class VotedStatusTest {
  private static final Instant T0 = Instant.parse("2026-12-04T07:00:00Z");
  private final VotedStatus voted = new VotedStatus();

  private static VantageVote.Verdict verdict(PortalStatus s, String... failing) {
    return new VantageVote.Verdict(s, s == PortalStatus.UP ? null : "connect", List.of("hcm", "hn", "dn"),
        List.of(failing));
  }

  private List<StatusEvent> apply(PortalStatus s, int atSecond, String... failing) {
    return voted.apply("p", verdict(s, failing), T0.minusSeconds(30), T0.plusSeconds(atSecond));
  }

  @Test
  void aMinorityFailureIsAStatusChangeWithoutAnIncident() {
    apply(PortalStatus.UP, 0);
    List<StatusEvent> e = apply(PortalStatus.PARTIAL, 10, "hn");
    assertThat(e).containsExactly(new StatusEvent.StatusChanged("p", PortalStatus.UP, PortalStatus.PARTIAL, "connect",
        T0.plusSeconds(10)));
    assertThat(voted.failing("p")).containsExactly("hn");
    assertThat(apply(PortalStatus.PARTIAL, 20, "hn")).isEmpty();
    assertThat(apply(PortalStatus.UP, 30)).containsExactly(new StatusEvent.StatusChanged("p", PortalStatus.PARTIAL,
        PortalStatus.UP, null, T0.plusSeconds(30)));
    assertThat(voted.failing("p")).isEmpty();
  }

  @Test
  void aMajorityFailureOpensOneIncidentFromTheEarliestFailureAndRecoveryClosesIt() {
    apply(PortalStatus.UP, 0);
    apply(PortalStatus.PARTIAL, 10, "hn");
    List<StatusEvent> down = apply(PortalStatus.DOWN, 20, "hn", "hcm");
    Incident opened = new Incident("p:" + T0.minusSeconds(30).toEpochMilli(), "p", T0.minusSeconds(30), null, "connect",
        Target.HOMEPAGE);
    assertThat(down).containsExactly(
        new StatusEvent.StatusChanged("p", PortalStatus.PARTIAL, PortalStatus.DOWN, "connect", T0.plusSeconds(20)),
        new StatusEvent.IncidentOpened(opened));
    assertThat(apply(PortalStatus.DOWN, 30, "hn", "hcm")).isEmpty();
    // back to a minority: the outage is over, the portal is partly down
    assertThat(apply(PortalStatus.PARTIAL, 40, "hn")).containsExactly(
        new StatusEvent.StatusChanged("p", PortalStatus.DOWN, PortalStatus.PARTIAL, "connect", T0.plusSeconds(40)),
        new StatusEvent.IncidentClosed(opened.close(T0.plusSeconds(40))));
  }

  @Test
  void aNewLeaderThatRestoredTheOpenIncidentDoesNotOpenItAgain() {
    Incident open = new Incident("p:1", "p", T0.minusSeconds(60), null, "connect", Target.HOMEPAGE);
    voted.restore("p", PortalStatus.DOWN, open);
    assertThat(apply(PortalStatus.DOWN, 0, "hn", "hcm")).isEmpty();
    assertThat(apply(PortalStatus.UP, 10)).containsExactly(
        new StatusEvent.StatusChanged("p", PortalStatus.DOWN, PortalStatus.UP, null, T0.plusSeconds(10)),
        new StatusEvent.IncidentClosed(open.close(T0.plusSeconds(10))));
  }

  @Test
  void nobodyVotingChangesNothing() {
    apply(PortalStatus.DOWN, 0, "hn", "hcm");
    assertThat(voted.apply("p", new VantageVote.Verdict(PortalStatus.UNKNOWN, null, List.of(), List.of()), null,
        T0.plusSeconds(5))).isEmpty();
    assertThat(voted.status("p")).isEqualTo(PortalStatus.DOWN);
  }

  @Test
  void flappingIsAnnouncedAndKeepsAnOpenIncidentOpen() {
    apply(PortalStatus.DOWN, 0, "hn", "hcm");
    List<StatusEvent> e = apply(PortalStatus.FLAPPING, 10);
    assertThat(e).hasSize(2).first().isEqualTo(new StatusEvent.Flapping("p", true, T0.plusSeconds(10)));
    assertThat(apply(PortalStatus.UP, 20)).hasSize(3)
        .anyMatch(x -> x instanceof StatusEvent.IncidentClosed)
        .contains(new StatusEvent.Flapping("p", false, T0.plusSeconds(20)));
  }

  @Test
  void theFirstDecisionStartsFromUnknownAndAnIncidentNeverStartsInTheFuture() {
    List<StatusEvent> e = voted.apply("q", verdict(PortalStatus.DOWN, "hn", "hcm"), T0.plusSeconds(99), T0);
    assertThat(e).contains(new StatusEvent.StatusChanged("q", PortalStatus.UNKNOWN, PortalStatus.DOWN, "connect", T0));
    assertThat(((StatusEvent.IncidentOpened) e.get(1)).incident().start()).isEqualTo(T0);
  }
}
