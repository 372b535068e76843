package vn.dvcwatch.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dvcwatch.grade.Postures.cleanHeaders;
import static vn.dvcwatch.grade.Postures.cleanPage;
import static vn.dvcwatch.grade.Postures.cleanProbe;
import static vn.dvcwatch.grade.Postures.cleanTls;
import static vn.dvcwatch.grade.Postures.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;

class FleetEvaluatorTest {
  private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  private static final Duration EVERY = Duration.ofSeconds(30);

  private final FleetEvaluator fleet = new FleetEvaluator(ScoringModel.defaults(), EVERY);

  /** Feeds {@code n} probes of both pages every 30 s from {@code start}; returns the time after the last. */
  private Instant feed(String id, Instant start, int n, Function<Instant, ProbeResult[]> probes) {
    Instant t = start;
    for (int i = 0; i < n; i++) {
      for (ProbeResult r : probes.apply(t)) {
        fleet.record(r);
      }
      t = t.plus(EVERY);
    }
    return t;
  }

  private static ProbeResult[] clean(String id, Instant t) {
    return new ProbeResult[] {cleanProbe(id, Target.HOMEPAGE, t), cleanProbe(id, Target.EFORM, t.plusSeconds(1))};
  }

  @Test
  void aCleanFastPortalIsGradedAEndToEnd() {
    Instant end = feed("ha-noi", T0, 60, t -> clean("ha-noi", t));
    Evaluation e = fleet.evaluate(end);
    assertThat(e.portals()).singleElement().satisfies(p -> {
      assertThat(p.portalId()).isEqualTo("ha-noi");
      assertThat(p.rank()).isEqualTo(1);
      assertThat(p.score()).isEqualTo(100.0);
      assertThat(p.grade()).isEqualTo("A");
      assertThat(p.band()).isEqualTo("A");
      assertThat(p.provisional()).isFalse();
      assertThat(p.uptime30d()).isEqualTo(1.0);
      assertThat(p.uptime24h()).isEqualTo(1.0);
      assertThat(p.ttfbP75Ms()).isEqualTo(90.0);
      assertThat(p.totalP75Ms()).isEqualTo(1200.0);
      assertThat(p.certDaysLeft()).isEqualTo(200);
      assertThat(p.checkedAt()).isEqualTo(end.minus(EVERY).plusSeconds(1));
    });
    assertThat(e.scorecard("ha-noi")).isPresent();
    assertThat(e.gradeChanges()).isEmpty();
    assertThat(e.rankChanges()).isEmpty();
  }

  @Test
  void expiredCertificateIsAtMostDAndNoHttpsIsE() {
    Instant end = feed("expired", T0, 30, t -> new ProbeResult[] {
        probe("expired", Target.HOMEPAGE, t, Outcome.UP, 90, 1200, Postures.expiredTls(), cleanHeaders(), cleanPage())});
    feed("plain", T0, 30, t -> new ProbeResult[] {
        probe("plain", Target.HOMEPAGE, t, Outcome.UP, 90, 1200, null, cleanHeaders(), cleanPage())});
    Evaluation e = fleet.evaluate(end);
    assertThat(e.portals()).extracting(PortalEvaluation::portalId).containsExactly("expired", "plain");
    assertThat(e.portals().get(0).score()).isLessThanOrEqualTo(64.0);
    assertThat(e.portals().get(0).grade()).isIn("D", "E");
    assertThat(e.portals().get(1).score()).isLessThanOrEqualTo(49.0);
    assertThat(e.portals().get(1).grade()).isEqualTo("E");
    assertThat(e.scorecard("plain").orElseThrow().caps()).extracting(Criterion::id).contains(ScoreCaps.NO_HTTPS);
  }

  /**
   * Warm-up results (the first minute after a start: a cold JIT, first handshakes) give a page figures only
   * until steady ones are in the window; for up-time they count like any result.
   */
  @Test
  void warmUpTimingsCountOnlyUntilSteadyOnesAreIn() {
    PortalWindow w = new PortalWindow("hue", 64, 30);
    ScoringModel model = ScoringModel.defaults();
    float[] scratch = new float[64];
    w.record(probe("hue", Target.HOMEPAGE, T0, Outcome.UP, 1100, 2900, cleanTls(), cleanHeaders(), cleanPage())
        .withWarmup(true));
    w.record(probe("hue", Target.HOMEPAGE, T0.plusSeconds(20), Outcome.UP, 900, 2600, cleanTls(), cleanHeaders(),
        cleanPage()).withWarmup(true));
    w.record(probe("hue", Target.HOMEPAGE, T0.plusSeconds(40), Outcome.DOWN, 0, 5000, null, null, null).withWarmup(true));
    PortalWindow.Snapshot early = w.snapshot(T0.plusSeconds(50), model, scratch, T0);
    assertThat(early.homeTtfb()).isEqualTo(1100.0); // nothing better yet: a new board has figures at once
    assertThat(early.measurements().withinAShare()).isEqualTo(0.0);
    Instant t = T0.plusSeconds(60);
    for (int i = 0; i < 10; i++) {
      w.record(cleanProbe("hue", Target.HOMEPAGE, t));
      t = t.plus(EVERY);
    }
    PortalWindow.Snapshot later = w.snapshot(t, model, scratch, T0);
    assertThat(later.homeTtfb()).isEqualTo(90.0);
    assertThat(later.homeTotal()).isEqualTo(1200.0);
    assertThat(later.measurements().withinAShare()).isEqualTo(1.0);
    assertThat(later.uptime24h()).as("the warm-up DOWN still counts as down time").isLessThan(1.0);
  }

  @Test
  void aGradeChangesOnlyAfterTwoEvaluationsInTheNewBandAndSaysWhy() {
    Instant t = feed("p", T0, 60, x -> clean("p", x));
    assertThat(fleet.evaluate(t).portals().get(0).grade()).isEqualTo("A");
    // The portal starts answering slowly: the performance pillar drops out of A.
    t = feed("p", t, 130, x -> new ProbeResult[] {
        probe("p", Target.HOMEPAGE, x, Outcome.UP, 1700, 9000, cleanTls(), cleanHeaders(), cleanPage()),
        probe("p", Target.EFORM, x, Outcome.UP, 1700, 9000, cleanTls(), cleanHeaders(), cleanPage())});
    Evaluation first = fleet.evaluate(t);
    assertThat(first.portals().get(0).band()).isNotEqualTo("A");
    assertThat(first.portals().get(0).grade()).isEqualTo("A");
    assertThat(first.gradeChanges()).isEmpty();

    Evaluation second = fleet.evaluate(t.plus(EVERY));
    assertThat(second.gradeChanges()).singleElement().satisfies(c -> {
      assertThat(c.from()).isEqualTo("A");
      assertThat(c.to()).isEqualTo(second.portals().get(0).band());
      assertThat(c.moved()).extracting(CriterionDelta::id).contains("performance.home.ttfb", "performance.stability");
      assertThat(c.moved()).allSatisfy(d -> assertThat(d.after()).isLessThan(d.before()));
    });
    assertThat(second.portals().get(0).grade()).isEqualTo(second.portals().get(0).band());
    assertThat(fleet.evaluate(t.plus(EVERY).plus(EVERY)).gradeChanges()).isEmpty();
  }

  @Test
  void ranksByScoreThenUptimeThenIdAndReportsOnlyRealMoves() {
    for (String id : new String[] {"c", "b", "a", "0-down"}) {
      for (int h = 1; h <= 100; h++) {
        Instant hour = T0.minus(Duration.ofHours(h));
        fleet.seedHour(id, Target.HOMEPAGE, hour, 120, 120, 90.0, 1200.0, 120);
        fleet.seedHour(id, Target.EFORM, hour, 120, 120, 90.0, 1200.0, 120);
      }
    }
    for (String id : new String[] {"c", "b", "a"}) {
      feed(id, T0, 60, x -> clean(id, x));
    }
    // "0-down" is as fast and clean but missed one probe: the same score (uptime still ≥ 99.9 %), less uptime.
    Instant end = feed("0-down", T0, 60, x -> new ProbeResult[] {
        x.equals(T0) ? probe("0-down", Target.HOMEPAGE, x, Outcome.DOWN, 0, 10_000, null, null, null)
            : cleanProbe("0-down", Target.HOMEPAGE, x),
        cleanProbe("0-down", Target.EFORM, x)});
    Evaluation e = fleet.evaluate(end);
    assertThat(e.portals()).extracting(PortalEvaluation::score).containsOnly(100.0);
    assertThat(e.portals()).extracting(PortalEvaluation::portalId).containsExactly("a", "b", "c", "0-down");
    assertThat(e.portals()).extracting(PortalEvaluation::rank).as("equal scores share a rank").containsExactly(1, 1, 1, 1);
    assertThat(e.portals().get(3).uptime30d()).isLessThan(1.0);
    assertThat(e.rankChanges()).as("first evaluation: nothing moved").isEmpty();

    assertThat(fleet.evaluate(end.plusSeconds(30)).rankChanges()).isEmpty();
    fleet.retain(Set.of("b", "c", "0-down"));
    Evaluation after = fleet.evaluate(end.plusSeconds(60));
    assertThat(after.portals()).extracting(PortalEvaluation::portalId).containsExactly("b", "c", "0-down");
    assertThat(after.rankChanges()).as("sharing rank 1 before and after").isEmpty();
    fleet.record(cleanProbe("a", Target.HOMEPAGE, end.plusSeconds(61)));
    assertThat(fleet.evaluate(end.plusSeconds(90)).portals()).as("a late probe of a dropped portal").hasSize(3);
  }

  @Test
  void seededHistoryKeepsUptimeAndPercentilesAndARestoredGradeFiresNoEvent() {
    Instant now = T0.plus(Duration.ofDays(10));
    for (int h = 1; h <= 240; h++) {
      Instant hour = now.minus(Duration.ofHours(h)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
      long up = h == 5 ? 60 : 120; // one hour half down
      fleet.seedHour("p", Target.HOMEPAGE, hour, 120, up, 150.0, 1800.0, 118);
      fleet.seedHour("p", Target.EFORM, hour, 120, 120, 150.0, 1800.0, 118);
    }
    fleet.restoreGrade("p", "B");
    assertThat(fleet.evaluate(now).portals()).as("not ranked before a live probe").isEmpty();

    fleet.record(cleanProbe("p", Target.HOMEPAGE, now));
    Evaluation e = fleet.evaluate(now.plusSeconds(5));
    PortalEvaluation p = e.portals().get(0);
    double expectedHome = 1 - 1800.0 / (240 * 3600 + 30);
    assertThat(p.uptime30d()).isCloseTo((expectedHome + 1) / 2, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(p.provisional()).isFalse();
    assertThat(p.grade()).as("restored, one evaluation in A is not enough").isEqualTo("B");
    assertThat(e.gradeChanges()).isEmpty();
    Scorecard card = e.scorecard("p").orElseThrow();
    assertThat(ScorerTest.row(card, "performance.eform.ttfb").points()).as("seeded eForm p75 150 ms").isEqualTo(5.0);
  }

  /**
   * In a cluster the window holds every vantage's probes and the vote says what is downtime (docs/SCORING.md,
   * "Several vantages"): three vantages 10 s apart observe the time once, and a failure the vote does not count
   * (one vantage of three failing: PARTIAL) leaves the up-time whole, while one it counts is down for its share.
   */
  @Test
  void severalVantagesObserveTheTimeOnceAndTheVoteSaysWhatIsDowntime() {
    Instant t = T0;
    for (int i = 0; i < 120; i++, t = t.plus(EVERY)) {
      fleet.record(cleanProbe("p", Target.HOMEPAGE, t));
      fleet.record(cleanProbe("p", Target.HOMEPAGE, t.plusSeconds(10)));
      fleet.record(probe("p", Target.HOMEPAGE, t.plusSeconds(20), Outcome.DOWN, 0, 10_000, null, null, null), true);
    }
    PortalEvaluation p = fleet.evaluate(t).portals().get(0);
    assertThat(p.uptime30d()).isEqualTo(1.0);
    assertThat(p.ttfbP75Ms()).as("timings of the vantages that answered").isNotNull();
    fleet.record(probe("p", Target.HOMEPAGE, t, Outcome.DOWN, 0, 10_000, null, null, null), false);
    // 360 probes up: the first stands for one interval (30 s), each of the 359 others for the 10 s before it; then
    // 10 s down
    assertThat(fleet.evaluate(t.plusSeconds(1)).portals().get(0).uptime30d())
        .isCloseTo(3620.0 / 3630.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void uptimeIsWeightedByTimeSoConfirmationRetriesDoNotCountAnOutageThreeTimes() {
    Instant t = feed("p", T0, 120, x -> new ProbeResult[] {cleanProbe("p", Target.HOMEPAGE, x)});
    for (int retry = 0; retry < 3; retry++) { // the prober confirms an outage with retries 10 s apart
      fleet.record(probe("p", Target.HOMEPAGE, t.plusSeconds(10L * retry), Outcome.DOWN, 0, 10_000, null, null, null));
    }
    fleet.record(cleanProbe("p", Target.HOMEPAGE, t.plusSeconds(30)));
    fleet.record(cleanProbe("p", Target.HOMEPAGE, t.plusSeconds(60)));
    PortalEvaluation p = fleet.evaluate(t.plusSeconds(61)).portals().get(0);
    // 120 probes × 30 s up; down 30 + 10 + 10 s; up again 10 + 30 s.
    assertThat(p.uptime30d()).isCloseTo(3640.0 / 3690.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void posturesComeFromTheLatestProbeThatHadThemAndEarlyScoresAreProvisional() {
    Instant t = feed("p", T0, 3, x -> clean("p", x));
    assertThat(fleet.evaluate(t).portals().get(0).provisional()).isTrue();
    t = feed("p", t, 20, x -> clean("p", x));
    // An https:// page that timed out: the probe carries no posture (the fixture drops it when DOWN).
    fleet.record(probe("p", Target.HOMEPAGE, t, Outcome.DOWN, 0, 10_000, cleanTls(), cleanHeaders(), cleanPage()));
    Evaluation e = fleet.evaluate(t.plusSeconds(1));
    PortalEvaluation p = e.portals().get(0);
    assertThat(p.provisional()).isFalse();
    assertThat(p.checkedAt()).isEqualTo(t);
    Scorecard card = e.scorecard("p").orElseThrow();
    assertThat(ScorerTest.row(card, "security.tls").points()).isEqualTo(15.0);
    // (Model v2 without browser figures: CLS is not measured and the scaling row makes up for it.)
    assertThat(card.breakdown()).filteredOn(c -> !c.pillar().equals("availability") && !c.pillar().equals("performance")
            && !c.pillar().equals(Scorer.SCALING_PILLAR))
        .allSatisfy(c -> assertThat(c.points()).isEqualTo(c.max()));
    assertThat(card.caps()).isEmpty();
  }

  @Test
  void recordingFromSeveralThreadsWhileEvaluatingIsSafe() throws Exception {
    int threads = 4;
    int portals = 50;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int w = 0; w < threads; w++) {
        int worker = w;
        done.add(pool.submit(() -> {
          for (int i = 0; i < 500; i++) {
            for (int p = worker; p < portals; p += threads) {
              fleet.record(cleanProbe("p" + p, i % 2 == 0 ? Target.HOMEPAGE : Target.EFORM, T0.plusSeconds(15L * i)));
            }
          }
        }));
      }
      for (int i = 0; i < 20; i++) {
        fleet.evaluate(T0.plusSeconds(400L * i));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    Evaluation e = fleet.evaluate(T0.plusSeconds(15L * 500));
    assertThat(e.portals()).hasSize(portals).allSatisfy(p -> assertThat(p.score()).isEqualTo(100.0));
  }

  @Test
  void anExpiredCertificateDropsTheGradeToDNamesTheCapAndSwapsTheRanks() {
    Instant t = feed("a", T0, 60, x -> clean("a", x));
    feed("b", T0, 60, x -> new ProbeResult[] {
        probe("b", Target.HOMEPAGE, x, Outcome.UP, 300, 1200, cleanTls(), cleanHeaders(), cleanPage()),
        probe("b", Target.EFORM, x, Outcome.UP, 300, 1200, cleanTls(), cleanHeaders(), cleanPage())});
    Evaluation before = fleet.evaluate(t);
    assertThat(before.portals()).extracting(PortalEvaluation::portalId).containsExactly("a", "b");
    assertThat(before.portals()).extracting(PortalEvaluation::grade).containsExactly("A", "A");

    // a's certificate expires; b stays as it was.
    fleet.record(probe("a", Target.HOMEPAGE, t, Outcome.UP, 90, 1200, Postures.expiredTls(), cleanHeaders(), cleanPage()));
    fleet.record(probe("b", Target.HOMEPAGE, t, Outcome.UP, 300, 1200, cleanTls(), cleanHeaders(), cleanPage()));
    Evaluation first = fleet.evaluate(t.plusSeconds(1));
    assertThat(first.portals()).extracting(PortalEvaluation::rank).as("shown at once").containsExactly(1, 2);
    assertThat(first.rankChanges()).as("announced once it holds, like a grade").isEmpty();
    assertThat(first.gradeChanges()).isEmpty();
    assertThat(first.portals().get(1).band()).isEqualTo("D");
    assertThat(first.portals().get(1).certDaysLeft()).isEqualTo(-3);

    Evaluation second = fleet.evaluate(t.plusSeconds(31));
    assertThat(second.rankChanges()).containsExactlyInAnyOrder(new RankChange("b", 2, 1), new RankChange("a", 1, 2));
    assertThat(second.gradeChanges()).singleElement().satisfies(c -> {
      assertThat(c).extracting(GradeChange::portalId, GradeChange::from, GradeChange::to, GradeChange::score)
          .containsExactly("a", "A", "D", 64.0);
      // (and the scaling row of model v2's unmeasured CLS, which scales what is left)
      assertThat(c.moved()).extracting(CriterionDelta::id).containsExactly(ScoreCaps.INVALID_CERT, "security.tls",
          Scorer.SCALING);
      assertThat(c.moved().get(1)).isEqualTo(new CriterionDelta("security.tls", 15.0, 0.0));
    });
  }

  @Test
  void competitionRankingOneTwoTwoFour() {
    Instant t = feed("a", T0, 60, x -> clean("a", x));
    for (String id : new String[] {"c", "b"}) {
      feed(id, T0, 60, x -> new ProbeResult[] {
          probe(id, Target.HOMEPAGE, x, Outcome.UP, 600, 1200, cleanTls(), cleanHeaders(), cleanPage()),
          probe(id, Target.EFORM, x, Outcome.UP, 600, 1200, cleanTls(), cleanHeaders(), cleanPage())});
    }
    feed("d", T0, 60, x -> new ProbeResult[] {
        probe("d", Target.HOMEPAGE, x, Outcome.UP, 1500, 1200, cleanTls(), cleanHeaders(), cleanPage()),
        probe("d", Target.EFORM, x, Outcome.UP, 1500, 1200, cleanTls(), cleanHeaders(), cleanPage())});
    Evaluation e = fleet.evaluate(t);
    assertThat(e.portals()).extracting(PortalEvaluation::portalId).containsExactly("a", "b", "c", "d");
    assertThat(e.portals()).extracting(PortalEvaluation::rank).containsExactly(1, 2, 2, 4);
  }

  @Test
  void noiseBetweenNearEqualScoresRaisesNoRankEvent() {
    Standing s = new Standing(2);
    assertThat(s.observeRank("p", 38, 2)).as("the first rank is no move").isNull();
    for (int rank : new int[] {39, 38, 40, 38, 39, 38, 40, 39, 38}) {
      assertThat(s.observeRank("p", rank, 2)).as("a swap that does not hold").isNull();
    }
    assertThat(s.observeRank("p", 45, 2)).isNull();
    assertThat(s.observeRank("p", 45, 2)).isEqualTo(new RankChange("p", 38, 45));
    assertThat(s.observeRank("p", 45, 2)).isNull();
  }
}
