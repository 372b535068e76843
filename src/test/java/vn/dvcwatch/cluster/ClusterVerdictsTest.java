package vn.dvcwatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.status.PortalStatus;
import vn.dvcwatch.status.StatusEvent;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.status.VantageVote;
import vn.dvcwatch.testkit.Poll;

/**
 * Three vantages exchange their reports over the event bus (a local one here: publish and consume are the
 * same calls on a clustered bus, which ClusterDrillTest's processes use), one node leads and acts on the vote.
 */
class ClusterVerdictsTest {
  private static final Duration WITHIN = Duration.ofSeconds(10);
  private Vertx vertx;
  /** What each vantage sees of portal p, as its own tracker would report it. */
  private final Map<String, VantageReport.Seen> sees = new ConcurrentHashMap<>();
  private final Map<String, Instant> clockOf = new ConcurrentHashMap<>();
  private final List<VantageExchange> exchanges = new ArrayList<>();
  private final List<StatusEvent> decided = new CopyOnWriteArrayList<>();
  private final List<Long> tokens = new CopyOnWriteArrayList<>();
  private VantageExchange leaderExchange;
  /** The epoch the leading node holds, as its election would say. */
  private final java.util.concurrent.atomic.AtomicLong epoch = new java.util.concurrent.atomic.AtomicLong();
  private ClusterVerdicts verdicts;
  private volatile Future<ClusterVerdicts.Restored> restored =
      Future.succeededFuture(new ClusterVerdicts.Restored(Map.of(), List.of()));

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    for (String v : List.of("hn", "hcm", "dn")) {
      sees.put(v, seen(PortalStatus.UP, null));
      VantageExchange x = new VantageExchange(vertx, Duration.ofMinutes(10), () -> new VantageReport(v, v + "-1",
          clockOf.getOrDefault(v, Instant.now()), false, Map.of("p", sees.get(v))), Clock.systemUTC());
      exchanges.add(x);
    }
    leaderExchange = exchanges.get(0);
    Fence fence = new Fence(epoch::get, e -> { });
    verdicts = new ClusterVerdicts(leaderExchange, new VantageVote(Duration.ofSeconds(60), 0), () -> Set.of("p"),
        () -> restored, fence, (events, token) -> {
          decided.addAll(events);
          tokens.add(token.epoch());
        }, Clock.systemUTC(), Duration.ofMillis(300));
    // on the exchange's context, as in the product
    vertx.runOnContext(x -> leaderExchange.onReport(verdicts::decideAll));
    exchanges.forEach(x -> x.start().await());
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private static VantageReport.Seen seen(PortalStatus s, Instant downSince) {
    return new VantageReport.Seen(s, s == PortalStatus.DOWN ? "connect" : null, Instant.now(), downSince);
  }

  private void report(String vantage, PortalStatus s, Instant downSince) {
    sees.put(vantage, seen(s, downSince));
    VantageExchange x = exchanges.get(List.of("hn", "hcm", "dn").indexOf(vantage));
    vertx.runOnContext(v -> x.publishNow());
  }

  private void lead(long held) {
    epoch.set(held);
    vertx.runOnContext(x -> verdicts.onRole(new ClusterStatus(Role.LEADER, "hn-1", "hn", List.of("hn-1", "hcm-1", "dn-1"),
        held, 1, "hn-1")));
    Poll.await("acting", verdicts::acting, WITHIN);
    vertx.runOnContext(x -> exchanges.forEach(VantageExchange::publishNow)); // the next round of reports
  }

  @Test
  void oneVantageFailingIsPartialAndTwoAreAnOutageOpenedOnce() {
    lead(7);
    Poll.await("the three vantages heard", () -> leaderExchange.heard().size() == 3, WITHIN);
    Poll.await("UP decided", () -> verdicts.status("p") == PortalStatus.UP, WITHIN);
    Instant since = Instant.now().minusSeconds(40);
    report("hn", PortalStatus.DOWN, since);
    Poll.await("PARTIAL", () -> verdicts.status("p") == PortalStatus.PARTIAL, WITHIN);
    assertThat(verdicts.failing("p")).containsExactly("hn");
    assertThat(leaderExchange.vantages("p").getJsonObject("hn").getString("status")).isEqualTo("DOWN");
    assertThat(decided).noneMatch(e -> e instanceof StatusEvent.IncidentOpened);

    report("hcm", PortalStatus.DOWN, since.plusSeconds(5));
    Poll.await("DOWN", () -> verdicts.status("p") == PortalStatus.DOWN, WITHIN);
    report("dn", PortalStatus.UP, null); // one more report: nothing new to decide
    Poll.await("dn's report heard", () -> leaderExchange.heard().get("dn").isAfter(since.plusSeconds(40)), WITHIN);
    List<StatusEvent.IncidentOpened> opened = decided.stream().filter(e -> e instanceof StatusEvent.IncidentOpened)
        .map(e -> (StatusEvent.IncidentOpened) e).toList();
    assertThat(opened).hasSize(1);
    assertThat(opened.get(0).incident().start()).isEqualTo(since.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    assertThat(tokens).containsOnly(7L);
  }

  @Test
  void withTwoVantagesPerPortalOnlyTheAssignedVoteAndBothMustFail() {
    verdicts.countOnly((portal, vantage) -> List.of("hn", "hcm").contains(vantage)); // k = 2: dn does not probe p
    lead(7);
    Poll.await("UP decided", () -> verdicts.status("p") == PortalStatus.UP, WITHIN);
    Instant since = Instant.now().minusSeconds(40);
    report("dn", PortalStatus.DOWN, since); // a stale view of a vantage that handed p over
    Poll.await("dn's report heard", () -> leaderExchange.vantages("p").getJsonObject("dn").getString("status")
        .equals("DOWN"), WITHIN);
    assertThat(verdicts.status("p")).as("an unassigned vantage does not vote").isEqualTo(PortalStatus.UP);
    report("hn", PortalStatus.DOWN, since);
    Poll.await("PARTIAL: 1 of 2 is no majority", () -> verdicts.status("p") == PortalStatus.PARTIAL, WITHIN);
    assertThat(verdicts.failing("p")).containsExactly("hn");
    report("hcm", PortalStatus.DOWN, since);
    Poll.await("DOWN: both", () -> verdicts.status("p") == PortalStatus.DOWN, WITHIN);
    assertThat(decided.stream().filter(e -> e instanceof StatusEvent.IncidentOpened)).hasSize(1);
  }

  @Test
  void aLeaderDeposedBetweenDecisionsActsNoMore() {
    lead(7);
    Poll.await("UP decided", () -> verdicts.status("p") == PortalStatus.UP, WITHIN);
    epoch.set(0); // the election stepped down (a refused write, a lost majority) before telling the verdicts
    int before = decided.size();
    report("hn", PortalStatus.DOWN, Instant.now());
    report("hcm", PortalStatus.DOWN, Instant.now());
    Poll.await("DOWN voted", () -> verdicts.status("p") == PortalStatus.DOWN, WITHIN);
    assertThat(decided).hasSize(before);
  }

  @Test
  void aFollowerVotesForTheBoardButDecidesNothing() {
    Poll.await("the three vantages heard", () -> leaderExchange.heard().size() == 3, WITHIN);
    report("hn", PortalStatus.DOWN, Instant.now());
    report("hcm", PortalStatus.DOWN, Instant.now());
    Poll.await("DOWN shown", () -> verdicts.status("p") == PortalStatus.DOWN, WITHIN);
    assertThat(decided).isEmpty();
    assertThat(verdicts.acting()).isFalse();
  }

  @Test
  void aNewLeaderRestoresTheOpenIncidentAndDoesNotOpenItAgain() {
    Instant since = Instant.now().minusSeconds(90);
    Incident open = new Incident("p:" + since.toEpochMilli(), "p", since, null, "connect", Target.HOMEPAGE);
    restored = Future.succeededFuture(new ClusterVerdicts.Restored(Map.of("p", PortalStatus.DOWN), List.of(open)));
    report("hn", PortalStatus.DOWN, since);
    report("hcm", PortalStatus.DOWN, since);
    lead(8);
    report("dn", PortalStatus.DOWN, since);
    Poll.await("all three DOWN heard", () -> leaderExchange.ballots("p").stream()
        .allMatch(b -> b.status() == PortalStatus.DOWN), WITHIN);
    assertThat(decided).noneMatch(e -> e instanceof StatusEvent.IncidentOpened);
    report("hn", PortalStatus.UP, null);
    report("hcm", PortalStatus.UP, null);
    report("dn", PortalStatus.UP, null);
    Poll.await("closed", () -> decided.stream().anyMatch(e -> e instanceof StatusEvent.IncidentClosed c
        && c.incident().id().equals(open.id())), WITHIN);
  }

  @Test
  void aRecoveryReportedWhileTheNewLeaderSettlesIsStillDecidedAndClosesTheIncident() {
    Instant since = Instant.now().minusSeconds(90);
    Incident open = new Incident("p:" + since.toEpochMilli(), "p", since, null, "connect", Target.HOMEPAGE);
    restored = Future.succeededFuture(new ClusterVerdicts.Restored(Map.of("p", PortalStatus.DOWN), List.of(open)));
    Poll.await("the three vantages heard", () -> leaderExchange.heard().size() == 3, WITHIN); // all three see it UP
    epoch.set(9);
    vertx.runOnContext(x -> {
      verdicts.onRole(new ClusterStatus(Role.LEADER, "hn-1", "hn", List.of("hn-1", "hcm-1", "dn-1"), 9, 1, "hn-1"));
      exchanges.forEach(VantageExchange::publishNow); // the recovery arrives during the settle (300 ms)
    });
    Poll.await("acting", verdicts::acting, WITHIN);
    vertx.runOnContext(x -> exchanges.forEach(VantageExchange::publishNow)); // the next round
    Poll.await("closed", () -> decided.stream().anyMatch(e -> e instanceof StatusEvent.IncidentClosed c
        && c.incident().id().equals(open.id())), WITHIN);
    assertThat(decided).filteredOn(e -> e instanceof StatusEvent.StatusChanged).hasSize(1);
    assertThat(tokens).containsOnly(9L);
  }

  @Test
  void aSenderWhoseClockIsAnHourAheadStillCountsAsFresh() {
    clockOf.put("dn", Instant.now().plus(Duration.ofHours(1)));
    sees.put("dn", new VantageReport.Seen(PortalStatus.UP, null, Instant.now().plus(Duration.ofHours(1)), null));
    vertx.runOnContext(v -> exchanges.get(2).publishNow());
    Poll.await("dn heard", () -> leaderExchange.heard().containsKey("dn"), WITHIN);
    VantageVote.Report dn = leaderExchange.ballots("p").stream().filter(b -> b.vantage().equals("dn")).findFirst()
        .orElseThrow();
    assertThat(Duration.between(dn.checkedAt(), Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void aReportSurvivesItsJsonForm() {
    VantageReport r = new VantageReport("hn", "hn-1", Instant.ofEpochMilli(1_000), true,
        Map.of("p", new VantageReport.Seen(PortalStatus.DOWN, "timeout", Instant.ofEpochMilli(900),
            Instant.ofEpochMilli(500)), "q", new VantageReport.Seen(PortalStatus.UP, null, Instant.ofEpochMilli(800), null)));
    assertThat(VantageReport.fromJson(r.toJson())).isEqualTo(r);
  }
}
