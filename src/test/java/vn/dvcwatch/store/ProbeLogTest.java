package vn.dvcwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;

/** Batched writes and the reads built on them, on a real embedded PostgreSQL. */
class ProbeLogTest {
  private static Vertx vertx;
  private static Store store;
  private static Path dir;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    dir = Fixtures.dataDir("probelog");
    store = Fixtures.start(vertx, Fixtures.settings(10_000, 100), dir);
  }

  @AfterAll
  static void stop() {
    store.close().await();
    vertx.close().await();
  }

  @Test
  void everyResultIsStoredWithItsVantageAndAProcessWithoutAClusterIsLocal() {
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(5));
    store.probes().append(Fixtures.up("vantaged", Target.HOMEPAGE, at, 100, 900));
    store.probes().flush().await();
    // a cluster node's log: the same table, its own vantage (Store.start(..., vantage) builds it so)
    ProbeLog hcm = new ProbeLog(vertx, store.pool(), new DbHealth(), new Partitions(store.pool()),
        Fixtures.settings(10_000, 100), "hcm");
    hcm.append(Fixtures.down("vantaged", Target.HOMEPAGE, at));
    hcm.flush().await();
    assertThat(Fixtures.count(store, "SELECT count(*) FROM probe_result WHERE portal_id = 'vantaged' AND vantage = 'local'"
        + " AND outcome = 'UP'")).isEqualTo(1);
    assertThat(Fixtures.count(store, "SELECT count(*) FROM probe_result WHERE portal_id = 'vantaged' AND vantage = 'hcm'"
        + " AND outcome = 'DOWN'")).isEqualTo(1);
  }

  @Test
  void batchesAreWrittenAndReadBackWholeInTimeOrder() {
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(30));
    ProbeLog log = store.probes();
    long before = log.written();
    for (int i = 0; i < 250; i++) {
      Instant at = t0.plusSeconds(i * 5L);
      log.append(i % 50 == 7 ? Fixtures.down("hist", Target.EFORM, at)
          : Fixtures.up("hist", i % 2 == 0 ? Target.HOMEPAGE : Target.EFORM, at, 100 + i, 900 + i));
    }
    log.flush().await();
    assertThat(log.written() - before).isEqualTo(250);
    assertThat(log.bufferDepth()).isZero();

    List<ProbeResult> all = log.history("hist", t0, t0.plus(Duration.ofHours(1)), 1000).await();
    assertThat(all).hasSize(250);
    assertThat(all).isSortedAccordingTo((a, b) -> a.startedAt().compareTo(b.startedAt()));
    ProbeResult first = all.get(0);
    assertThat(first).isEqualTo(Fixtures.up("hist", Target.HOMEPAGE, t0, 100, 900));
    assertThat(all.get(7).outcome()).isEqualTo(Outcome.DOWN);
    assertThat(all.get(7).phases().connect()).isNull();
    assertThat(all.get(7).tls()).isNull();

    List<ProbeResult> newest = log.history("hist", t0, t0.plus(Duration.ofHours(1)), 10).await();
    assertThat(newest).hasSize(10).last().extracting(ProbeResult::startedAt).isEqualTo(t0.plusSeconds(249 * 5L));
    assertThat(log.history("other", t0, t0.plus(Duration.ofHours(1)), 10).await()).isEmpty();
  }

  @Test
  void hourlyRollupsCountAndTakeP75OfTheProbesThatAnswered() {
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
    ProbeLog log = store.probes();
    double[][] phases = {{100, 1000}, {200, 2000}, {300, 3000}, {400, 1500}};
    for (int i = 0; i < phases.length; i++) {
      log.append(Fixtures.up("roll", Target.HOMEPAGE, hour.plusSeconds(60L * i), phases[i][0], phases[i][1]));
    }
    log.append(Fixtures.down("roll", Target.HOMEPAGE, hour.plusSeconds(600)));
    log.append(Fixtures.up("roll", Target.HOMEPAGE, hour.plus(Duration.ofMinutes(70)), 50, 500));
    log.flush().await();
    store.housekeep(Instant.now()).await();

    List<HourlyRollup> rollups = log.hourly(hour).await().stream().filter(h -> h.portalId().equals("roll")).toList();
    assertThat(rollups).hasSize(2);
    HourlyRollup first = rollups.get(0);
    assertThat(first.hour()).isEqualTo(hour);
    assertThat(first.probes()).isEqualTo(5);
    assertThat(first.up()).isEqualTo(4);
    assertThat(first.ttfbP75Ms()).isEqualTo(325.0);   // percentile_cont over 100, 200, 300, 400
    assertThat(first.totalP75Ms()).isEqualTo(2250.0); // the DOWN probe's 5000 ms is not a speed
    assertThat(first.withinA()).isEqualTo(2);         // ttfb <= 200 and total <= 2500
    assertThat(rollups.get(1).hour()).isEqualTo(hour.plus(Duration.ofHours(1)));
    assertThat(rollups.get(1).withinA()).isEqualTo(1);

    java.time.LocalDate day = hour.atZone(Rollups.VIETNAM).toLocalDate();
    List<DailyRollup> daily = log.daily("roll", day.minusDays(1), day.plusDays(1)).await();
    assertThat(daily).isNotEmpty().allSatisfy(d -> assertThat(d.target()).isEqualTo(Target.HOMEPAGE));
    assertThat(daily.stream().mapToLong(DailyRollup::probes).sum()).isEqualTo(6);
    assertThat(daily.stream().mapToLong(DailyRollup::withinA).sum()).isEqualTo(3);

    // idempotent: a second run over the same hours gives the same rows
    log.markDirty(hour);
    store.housekeep(Instant.now()).await();
    assertThat(log.hourly(hour).await().stream().filter(h -> h.portalId().equals("roll")).toList())
        .isEqualTo(rollups);
  }

  /**
   * A warm-up result (the watchdog's first minute) is stored with its mark and read back with it; the hour's
   * rollup counts it for availability but leaves it out of the timing figures.
   */
  @Test
  void warmUpResultsKeepTheirMarkAndStayOutOfTheRollupsTimings() {
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5));
    ProbeLog log = store.probes();
    log.append(Fixtures.up("warm", Target.HOMEPAGE, hour, 1100, 2400).withWarmup(true));
    log.append(Fixtures.up("warm", Target.HOMEPAGE, hour.plusSeconds(30), 150, 1000).withWarmup(true));
    log.append(Fixtures.down("warm", Target.HOMEPAGE, hour.plusSeconds(60)).withWarmup(true));
    log.append(Fixtures.up("warm", Target.HOMEPAGE, hour.plusSeconds(90), 100, 900));
    log.append(Fixtures.up("warm", Target.HOMEPAGE, hour.plusSeconds(120), 300, 1200));
    log.flush().await();
    store.housekeep(Instant.now()).await();

    List<ProbeResult> read = log.history("warm", hour, hour.plus(Duration.ofHours(1)), 10).await();
    assertThat(read).extracting(ProbeResult::warmup).containsExactly(true, true, true, false, false);
    HourlyRollup h = log.hourly(hour).await().stream().filter(x -> x.portalId().equals("warm")).findFirst().orElseThrow();
    assertThat(h.probes()).isEqualTo(5);
    assertThat(h.up()).isEqualTo(4);
    assertThat(h.ttfbP75Ms()).isEqualTo(250.0); // percentile_cont over 100 and 300 only
    assertThat(h.withinA()).isEqualTo(1);       // the warm-up 150 ms is not counted
  }

  @Test
  void aResultThatCannotBeStoredIsCountedAndDoesNotBlockTheOthers() {
    ProbeLog log = store.probes();
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
    ProbeResult good = Fixtures.up("after-bad", Target.HOMEPAGE, at, 100, 900);
    ProbeResult bad = new ProbeResult(null, Target.HOMEPAGE, null, at, vn.dvcwatch.result.Outcome.UP, null, 200,
        good.phases(), 0, 0, null, null, null);
    long rejected = log.rejected();
    log.append(bad);
    log.append(good);
    log.flush().await();
    assertThat(log.rejected() - rejected).isEqualTo(1);
    assertThat(log.bufferDepth()).isZero();
    assertThat(log.history("after-bad", at, at.plusSeconds(1), 10).await()).containsExactly(good);
  }

  @Test
  void thePeriodicRunRollsUpTheRunningHourOnlyOnceItHasEnded() {
    Instant now = Instant.now();
    Instant thisHour = now.truncatedTo(ChronoUnit.HOURS);
    Instant earlier = thisHour.minus(Duration.ofHours(2));
    ProbeLog log = store.probes();
    log.append(Fixtures.up("periodic", Target.HOMEPAGE, earlier.plusSeconds(30), 100, 900));
    log.append(Fixtures.up("periodic", Target.HOMEPAGE, now, 100, 900));
    log.flush().await();

    store.periodicHousekeeping(now).await();
    assertThat(log.hourly(earlier).await()).filteredOn(h -> h.portalId().equals("periodic"))
        .extracting(HourlyRollup::hour).containsExactly(earlier);

    store.periodicHousekeeping(thisHour.plus(Duration.ofMinutes(61))).await();
    assertThat(log.hourly(earlier).await()).filteredOn(h -> h.portalId().equals("periodic"))
        .extracting(HourlyRollup::hour).containsExactly(earlier, thisHour);
  }
}
