package vn.dvcwatch.probe;

import vn.dvcwatch.result.Outcome;

/**
 * What a certificate a browser refuses makes of a page ({@code probe.certificateFailure}). DOWN by
 * default: a citizen gets a full-page browser warning instead of the portal, and every peer monitor
 * (blackbox_exporter, Uptime Kuma, Gatus) fails such a check too. DEGRADED is for an operator who wants
 * such portals on the board as impaired without counting them as downtime.
 */
public enum CertificateFailure {
  DOWN, DEGRADED;

  Outcome outcome() {
    return this == DOWN ? Outcome.DOWN : Outcome.DEGRADED;
  }
}
