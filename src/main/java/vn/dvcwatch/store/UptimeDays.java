package vn.dvcwatch.store;

import java.time.LocalDate;
import java.util.List;
import vn.dvcwatch.status.Incident;

/**
 * One portal's record over a run of Vietnam days (the public status page's 90-day strip), by the same
 * arithmetic as the SLA table ({@link SlaMath}): each day's uptime, the whole window's, and the incidents.
 *
 * @param uptime 0..1 over the window, NaN when nothing of it was observed
 * @param incidents incidents overlapping the observed part of the window, oldest first
 */
public record UptimeDays(String portalId, double uptime, List<Day> days, List<Incident> incidents) {
  /**
   * @param uptime 0..1, NaN when the day was not observed outside maintenance (before monitoring began, or a day
   *     of maintenance: {@code maintenance} tells which)
   * @param incidents incidents overlapping the observed part of the day
   */
  public record Day(LocalDate day, double uptime, double downMinutes, int incidents, boolean maintenance) {}
}
