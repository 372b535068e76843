package vn.dvcwatch.grade;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Seconds observed and up per hour, with the seconds-down array held only while it has something to say. */
class UptimeHoursTest {
  private static final long H = 490_000; // an epoch hour in 2025

  @Test
  void aPageWithoutDowntimeHoldsNoDowntimeArray() {
    UptimeHours hours = new UptimeHours();
    for (int h = 0; h < 48; h++) {
      hours.add(H + h, 3600, 3600);
    }
    assertThat(hours.holdsDowntime()).isFalse();
    assertThat(hours.sum(H + 47, 24)).containsExactly(24 * 3600L, 24 * 3600L);
  }

  @Test
  void downtimeCountsUntilItLeavesTheWindowThenTheArrayGoes() {
    UptimeHours hours = new UptimeHours();
    hours.add(H, 3000, 3000);
    hours.add(H, 600, 0); // ten minutes down in the first hour
    hours.add(H + 1, 3600, 3600);
    assertThat(hours.holdsDowntime()).isTrue();
    assertThat(hours.sum(H + 1, 2)).containsExactly(7200L, 6600L);
    assertThat(hours.sum(H + 1, 1)).containsExactly(3600L, 3600L);

    hours.add(H + UptimeHours.HOURS - 1, 3600, 3600); // the outage's hour is still the oldest in the window
    assertThat(hours.holdsDowntime()).isTrue();
    assertThat(hours.sum(H + UptimeHours.HOURS - 1, UptimeHours.HOURS)).containsExactly(3 * 3600L, 3 * 3600L - 600);

    hours.add(H + UptimeHours.HOURS, 3600, 3600); // now it has left
    assertThat(hours.holdsDowntime()).isFalse();
    assertThat(hours.sum(H + UptimeHours.HOURS, UptimeHours.HOURS)).containsExactly(3 * 3600L, 3 * 3600L);
  }

  @Test
  void downtimeInTwoHoursIsReleasedOnlyWhenBothHaveLeft() {
    UptimeHours hours = new UptimeHours();
    hours.add(H, 3600, 1800);
    hours.add(H + 5, 3600, 0);
    hours.add(H + UptimeHours.HOURS, 3600, 3600);
    assertThat(hours.holdsDowntime()).isTrue();
    assertThat(hours.sum(H + UptimeHours.HOURS, UptimeHours.HOURS)).containsExactly(2 * 3600L, 3600L);
    hours.add(H + UptimeHours.HOURS + 5, 60, 60);
    assertThat(hours.holdsDowntime()).isFalse();
  }

  @Test
  void probesOlderThanTheWindowAreIgnored() {
    UptimeHours hours = new UptimeHours();
    hours.add(H + 1000, 3600, 3600);
    hours.add(H, 3600, 0);
    assertThat(hours.holdsDowntime()).isFalse();
    assertThat(hours.sum(H + 1000, UptimeHours.HOURS)).containsExactly(3600L, 3600L);
  }
}
