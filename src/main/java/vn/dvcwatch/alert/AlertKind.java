package vn.dvcwatch.alert;

import java.util.Locale;

/** What an alert is about. The lower-case name is what the config's opt-out lists and the database use. */
public enum AlertKind {
  DOWN, RECOVERED, CERT_EXPIRING, CERT_EXPIRED, GRADE_DROP, BUDGET_BURN, FLAPPING, WATCHDOG_NETWORK, DIGEST, REPORT,
  /** An announced outage nobody acknowledged within {@code alerts.escalateAfter}: to the national office. */
  ESCALATION;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Kinds a maintenance window silences: everything an outage or its consequences would cause. A
   * certificate deadline does not move because the portal is in maintenance, so those still go.
   */
  public boolean silencedByMaintenance() {
    return this == DOWN || this == RECOVERED || this == FLAPPING || this == BUDGET_BURN || this == GRADE_DROP
        || this == ESCALATION;
  }
}
