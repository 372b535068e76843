package vn.dvcwatch.alert;

/**
 * An error-budget burn that crossed one of the multiwindow thresholds of docs/STORAGE.md.
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
  /** Burn-rate factors of the two pairs: the store decides with them, the alert says them. */
  public static final double FAST_THRESHOLD = 14.4;
  public static final double SLOW_THRESHOLD = 6.0;

  public static BudgetBurn fast(double rate1h, double rate5m, double budgetLeft) {
    return new BudgetBurn(FAST, FAST_THRESHOLD, rate1h, rate5m, budgetLeft);
  }

  public static BudgetBurn slow(double rate6h, double rate30m, double budgetLeft) {
    return new BudgetBurn(SLOW, SLOW_THRESHOLD, rate6h, rate30m, budgetLeft);
  }
}
