package vn.dvcwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.registry.PortalKind;

/** The SLA tables from stored incidents, maintenance and first probes. */
class SlaQueriesTest {
  private static Vertx vertx;
  private static Store store;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    store = Fixtures.start(vertx, Fixtures.settings(1000, 50), Fixtures.dataDir("sla"));
  }

  @AfterAll
  static void stop() {
    store.close().await();
    vertx.close().await();
  }

  private static Portal portal(String id, double target) {
    return new Portal(id, id, PortalKind.values()[0], URI.create("https://" + id + ".gov.vn/"), null, "", List.of(),
        target, null, null, true);
  }

  private static void firstProbe(String portal, Instant at) {
    store.pool().preparedQuery("INSERT INTO portal_seen VALUES ($1, $2)").execute(Tuple.of(portal, Sql.utc(at)))
        .await();
  }

  /**
   * The public status page's strip: Vietnam days, one measure each by the month table's arithmetic; the days before
   * the first probe not observed (NaN), a day of maintenance told apart, incidents counted on the days they touch.
   */
  @Test
  void daysByVietnamDayFromTheSameFacts() {
    firstProbe("days-a", Instant.parse("2026-11-02T17:00:00Z"));               // 3 November 00:00 in Vietnam
    store.incidents().open(Fixtures.incident("d1", "days-a", Instant.parse("2026-11-04T16:30:00Z"),  // 23:30 → 01:00
        Instant.parse("2026-11-04T18:00:00Z")), null).await();
    store.maintenance().add("days-a", Instant.parse("2026-11-05T17:00:00Z"), Instant.parse("2026-11-06T17:00:00Z"), "cả ngày").await();
    java.time.LocalDate from = java.time.LocalDate.of(2026, 11, 1);
    List<UptimeDays> rows = store.sla().days(from, java.time.LocalDate.of(2026, 11, 7),
        List.of(portal("days-a", 0.995), portal("days-never", 0.995))).await();
    UptimeDays a = rows.get(0);
    assertThat(a.days()).extracting(UptimeDays.Day::day).first().isEqualTo(from);
    assertThat(a.days()).hasSize(7);
    assertThat(a.days().get(0).uptime()).as("1 Nov: before monitoring began").isNaN();
    assertThat(a.days().get(1).uptime()).isNaN();
    assertThat(a.days().get(2).uptime()).as("3 Nov: watched, clean").isEqualTo(1.0);
    assertThat(a.days().get(3).downMinutes()).as("4 Nov: 23:30 to midnight").isCloseTo(30, within(1e-9));
    assertThat(a.days().get(4).downMinutes()).as("5 Nov: midnight to 01:00").isCloseTo(60, within(1e-9));
    assertThat(a.days().get(3).incidents()).isEqualTo(1);
    assertThat(a.days().get(4).incidents()).as("the same incident on both days it touched").isEqualTo(1);
    assertThat(a.days().get(5).uptime()).as("6 Nov: maintenance all day").isNaN();
    assertThat(a.days().get(5).maintenance()).isTrue();
    assertThat(a.days().get(0).maintenance()).isFalse();
    assertThat(a.uptime()).isCloseTo(1 - 90.0 / (4 * 1440), within(1e-9));
    assertThat(a.incidents()).extracting(i -> i.id()).containsExactly("d1");
    assertThat(rows.get(1).days()).allSatisfy(d -> assertThat(d.uptime()).isNaN());
  }

  @Test
  void octoberInVietnamTime() {
    // October 2026 in Vietnam: 2026-09-30T17:00Z to 2026-10-31T17:00Z, 31 days = 44,640 minutes
    firstProbe("oct-a", Instant.parse("2026-09-01T00:00:00Z"));
    firstProbe("oct-mid", Instant.parse("2026-10-16T17:00:00Z")); // 17 October 00:00 in Vietnam
    store.incidents().open(Fixtures.incident("o1", "oct-a", Instant.parse("2026-10-10T01:00:00Z"),
        Instant.parse("2026-10-10T02:00:00Z")), null).await();
    // before October in Vietnam (30 Sep 16:00Z = 23:00 in Hà Nội): not counted
    store.incidents().open(Fixtures.incident("o0", "oct-a", Instant.parse("2026-09-30T15:00:00Z"),
        Instant.parse("2026-09-30T16:00:00Z")), null).await();
    store.maintenance().add("oct-a", Instant.parse("2026-10-10T01:30:00Z"), Instant.parse("2026-10-10T03:00:00Z"),
        "bảo trì").await();
    store.incidents().open(Fixtures.incident("o2", "oct-mid", Instant.parse("2026-10-05T00:00:00Z"),
        Instant.parse("2026-10-05T05:00:00Z")), null).await();
    store.incidents().open(Fixtures.incident("o3", "oct-mid", Instant.parse("2026-10-20T00:00:00Z"),
        Instant.parse("2026-10-20T02:00:00Z")), null).await();

    List<SlaRow> rows = store.sla().month(YearMonth.of(2026, 10),
        List.of(portal("oct-a", 0.995), portal("oct-mid", 0.99), portal("oct-never", 0.995))).await();

    SlaRow a = rows.get(0);
    assertThat(a.downtimeMinutes()).isCloseTo(30, within(1e-9));
    assertThat(a.maintenanceMinutes()).isCloseTo(90, within(1e-9));
    assertThat(a.uptime()).isCloseTo(1 - 30.0 / (44_640 - 90), within(1e-12));
    assertThat(a.errorBudgetRemaining()).isCloseTo(1 - 30 / (0.005 * (44_640 - 90)), within(1e-9));
    assertThat(a.incidents()).isEqualTo(1);
    assertThat(a.incidentList()).extracting(i -> i.id()).containsExactly("o1");

    SlaRow mid = rows.get(1);
    assertThat(mid.downtimeMinutes()).isCloseTo(120, within(1e-9));
    assertThat(mid.uptime()).isCloseTo(1 - 120.0 / (15 * 1440), within(1e-12));
    assertThat(mid.incidentList()).extracting(i -> i.id()).containsExactly("o3");
    assertThat(mid.target()).isEqualTo(0.99);

    SlaRow never = rows.get(2);
    assertThat(never.uptime()).isNaN();
    assertThat(never.incidents()).isZero();
  }

  @Test
  void anOpenOutageOfTenMinutesBurnsFastButNotSlow() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    firstProbe("burn", now.minus(Duration.ofDays(10)));
    firstProbe("calm", now.minus(Duration.ofHours(3)));
    store.incidents().open(Fixtures.incident("b1", "burn", now.minus(Duration.ofMinutes(10)), null), null).await();

    Map<String, SlaWindow> w = store.sla().windows(List.of(portal("burn", 0.995), portal("calm", 0.995)), now)
        .await();
    SlaWindow burn = w.get("burn");
    assertThat(burn.burn5m()).isCloseTo(1 / 0.005, within(1e-6));
    assertThat(burn.burn1h()).isCloseTo((10.0 / 60) / 0.005, within(1e-6));
    assertThat(burn.burn30m()).isCloseTo((10.0 / 30) / 0.005, within(1e-6));
    assertThat(burn.burn6h()).isCloseTo((10.0 / 360) / 0.005, within(1e-6));
    assertThat(burn.fastBurn()).isTrue();
    assertThat(burn.slowBurn()).isFalse(); // 6 h at 5.6× is under 6×
    assertThat(burn.uptime24h()).isCloseTo(1 - 10.0 / 1440, within(1e-12));
    assertThat(burn.uptime7d()).isCloseTo(1 - 10.0 / (7 * 1440), within(1e-12));
    assertThat(burn.uptime30d()).isCloseTo(1 - 10.0 / (10 * 1440), within(1e-12));
    assertThat(burn.errorBudgetRemaining()).isLessThan(1.0);

    SlaWindow calm = w.get("calm");
    assertThat(calm.uptime24h()).isEqualTo(1.0);
    assertThat(calm.burn1h()).isZero();
    assertThat(calm.fastBurn()).isFalse();
    assertThat(calm.errorBudgetRemaining()).isEqualTo(1.0);
  }
}
