package vn.dvcwatch.alert;

/**
 * An error-budget burn that crossed one of SPEC §7's multiwindow thresholds.
 *
 * @param window which pair fired: {@code "1h/5m"} (14.4×) or {@code "6h/30m"} (6×)
 * @param threshold the burn-rate factor of that pair
 * @param longRate burn rate over the long window (1.0 spends the budget exactly over the SLA period)
 * @param shortRate burn rate over the short window
 * @param budgetLeft fraction of the month's error budget left (may be negative)
 */
public record BudgetBurn(String window, double threshold, double longRate, double shortRate, double budgetLeft) {
  public static final String FAST = "1h/5m";
  public static final String SLOW = "6h/30m";
}
