package vn.dvcwatch.alert;

/**
 * The certificate-expiry steps of docs/ALERTS.md: 30, 14, 7 and 1 days, then expired. A certificate seen at
 * 13 days left is at step "14"; each step of each certificate (its notAfter) alerts once.
 */
final class CertThresholds {
  static final String EXPIRED = "expired";
  private static final int[] DAYS = {1, 7, 14, 30};

  private CertThresholds() {}

  /** The step for this many days left, or null when the certificate is further out than 30 days. */
  static String step(int daysLeft) {
    if (daysLeft < 0) {
      return EXPIRED;
    }
    for (int d : DAYS) {
      if (daysLeft <= d) {
        return Integer.toString(d);
      }
    }
    return null;
  }
}
