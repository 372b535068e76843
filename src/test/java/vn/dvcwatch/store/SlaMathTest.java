package vn.dvcwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.store.SlaMath.Measure;
import vn.dvcwatch.store.SlaMath.Span;

/** The SLA arithmetic, case by case: minutes in, minutes out. */
class SlaMathTest {
  private static final Instant DAY = Instant.parse("2026-10-10T00:00:00Z");

  private static Instant m(int minutes) {
    return DAY.plusSeconds(minutes * 60L);
  }

  private static Span s(int fromMin, int toMin) {
    return new Span(m(fromMin), m(toMin));
  }

  static Stream<Arguments> cases() {
    Span day = s(0, 1440);
    return Stream.of(
        // name, period, first probe, now, outages, maintenance, observed, maintenance, down (all minutes)
        Arguments.of("a clean day", day, m(0), m(1440), List.of(), List.of(), 1440, 0, 0),
        Arguments.of("one hour down", day, m(0), m(1440), List.of(s(60, 120)), List.of(), 1440, 0, 60),
        Arguments.of("homepage and eForm down together count once", day, m(0), m(1440),
            List.of(s(60, 120), s(90, 150)), List.of(), 1440, 0, 90),
        Arguments.of("an outage inside maintenance is no downtime", day, m(0), m(1440),
            List.of(s(60, 120)), List.of(s(30, 180)), 1440, 150, 0),
        Arguments.of("maintenance cuts the middle of an outage", day, m(0), m(1440),
            List.of(s(60, 180)), List.of(s(90, 120)), 1440, 30, 90),
        Arguments.of("overlapping maintenance windows count once", day, m(0), m(1440),
            List.of(), List.of(s(0, 60), s(30, 90)), 1440, 90, 0),
        Arguments.of("a partial day: observed up to now", day, m(0), m(720), List.of(s(60, 120)), List.of(),
            720, 0, 60),
        Arguments.of("an open incident ends now", day, m(0), m(720), List.of(s(700, 720)), List.of(), 720, 0, 20),
        Arguments.of("a portal added mid-period counts from its first probe", day, m(600), m(1440),
            List.of(s(500, 660)), List.of(), 840, 0, 60),
        Arguments.of("outages outside the period do not count", day, m(0), m(1440),
            List.of(s(-120, 30), s(1400, 1500)), List.of(), 1440, 0, 70),
        Arguments.of("never probed", day, null, m(1440), List.of(s(0, 60)), List.of(), 0, 0, 0),
        Arguments.of("first probed after the period", day, m(2000), m(2100), List.of(), List.of(), 0, 0, 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void measures(String name, Span period, Instant first, Instant now, List<Span> outages, List<Span> maint,
      int observed, int maintenance, int down) {
    Measure r = SlaMath.measure(period, first, now, outages, maint);
    assertThat(r.observedMs()).isEqualTo(observed * 60_000L);
    assertThat(r.maintenanceMs()).isEqualTo(maintenance * 60_000L);
    assertThat(r.downMs()).isEqualTo(down * 60_000L);
  }

  @Test
  void uptimeIsDowntimeOverObservedTimeOutsideMaintenance() {
    Measure r = SlaMath.measure(s(0, 1440), m(0), m(1440), List.of(s(60, 120)), List.of(s(600, 840)));
    assertThat(r.uptime()).isCloseTo(1 - 60.0 / 1200, within(1e-12));
    assertThat(SlaMath.measure(s(0, 1440), null, m(1440), List.of(), List.of()).uptime()).isNaN();
    assertThat(SlaMath.measure(s(0, 1440), m(0), m(1440), List.of(), List.of(s(0, 1440))).uptime()).isNaN();
  }

  @Test
  void budgetIsMeasuredAgainstTheWholePeriodEvenWhenPartlyElapsed() {
    // 99.5 % over a 1440-minute day allows 7.2 minutes; 3.6 down at noon leaves half
    Measure r = SlaMath.measure(s(0, 1440), m(0), m(720), List.of(new Span(m(60), m(60).plusSeconds(216))),
        List.of());
    assertThat(r.budgetRemaining(0.995)).isCloseTo(0.5, within(1e-9));
    // 14.4 minutes down spends it twice over
    Measure over = SlaMath.measure(s(0, 1440), m(0), m(1440), List.of(new Span(m(0), m(14).plusSeconds(24))),
        List.of());
    assertThat(over.budgetRemaining(0.995)).isCloseTo(-1.0, within(1e-9));
    // maintenance shrinks the budget's base: 240 minutes out leaves 1200 × 0.5 % = 6 minutes
    Measure maint = SlaMath.measure(s(0, 1440), m(0), m(1440), List.of(s(0, 3)), List.of(s(600, 840)));
    assertThat(maint.budgetRemaining(0.995)).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void burnRateIsErrorRateOverAllowedRate() {
    // 99.5 %: allowed error rate 0.005. Down 5 of the last 60 minutes: 0.0833 / 0.005 = 16.7×
    Measure hour = SlaMath.measure(s(0, 60), m(-1000), m(60), List.of(s(55, 60)), List.of());
    assertThat(hour.burn(0.995)).isCloseTo((5.0 / 60) / 0.005, within(1e-9));
    assertThat(SlaMath.measure(s(0, 60), m(-1000), m(60), List.of(), List.of()).burn(0.995)).isZero();
    // a 100 % target has no budget; the rate stays finite
    assertThat(hour.burn(1.0)).isCloseTo((5.0 / 60) / SlaMath.MIN_BUDGET, within(1e-6));
  }
}
