package vn.dvcwatch.registry;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

/**
 * One portal of the fleet, as the registry file declares it. {@code contacts} are private: they are
 * used for alert routing and never appear on a public endpoint.
 *
 * @param slaTarget availability target as a fraction (0.995 for 99.5 %)
 * @param verified false when the hostname could not be verified against a public source
 */
public record Portal(
    String id,
    String name,
    PortalKind kind,
    URI homepage,
    URI eform,
    String owner,
    List<String> contacts,
    double slaTarget,
    String successor,
    LocalDate retired,
    boolean verified) {

  public static final double DEFAULT_SLA_TARGET = 0.995;

  public boolean active(LocalDate today) {
    return retired == null || retired.isAfter(today);
  }

  public Portal withUrls(URI newHomepage, URI newEform) {
    return new Portal(id, name, kind, newHomepage, newEform, owner, contacts, slaTarget, successor, retired, verified);
  }
}
