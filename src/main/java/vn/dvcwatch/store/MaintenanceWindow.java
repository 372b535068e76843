package vn.dvcwatch.store;

import java.time.Instant;

/**
 * A declared maintenance window, [from, to). A null {@code portalId} covers the whole fleet.
 */
public record MaintenanceWindow(long id, String portalId, Instant from, Instant to, String reason) {

  public boolean covers(String portal, Instant at) {
    return (portalId == null || portalId.equals(portal)) && !at.isBefore(from) && at.isBefore(to);
  }

  public boolean appliesTo(String portal) {
    return portalId == null || portalId.equals(portal);
  }
}
