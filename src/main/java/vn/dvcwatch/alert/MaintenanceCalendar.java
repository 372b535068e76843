package vn.dvcwatch.alert;

import java.time.Instant;

/**
 * Whether a portal is in a declared maintenance window. The store owns the windows (the admin API
 * writes them, the SLA excludes them); alerts only ask this question, so any implementation fits.
 */
@FunctionalInterface
public interface MaintenanceCalendar {
  MaintenanceCalendar NONE = (portalId, at) -> false;

  boolean inMaintenance(String portalId, Instant at);
}
