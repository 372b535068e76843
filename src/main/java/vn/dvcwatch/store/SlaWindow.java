package vn.dvcwatch.store;

/**
 * A portal's rolling SLA now: uptime over 24 h, 7 d and 30 d (NaN without data), the current month's
 * error budget left, and the multiwindow burn rates of docs/STORAGE.md. {@code fastBurn} is 1 h and 5 m both at
 * or above 14.4×; {@code slowBurn} is 6 h and 30 m both at or above 6×.
 */
public record SlaWindow(String portalId, double uptime24h, double uptime7d, double uptime30d,
    double errorBudgetRemaining, double burn1h, double burn5m, double burn6h, double burn30m, boolean fastBurn,
    boolean slowBurn) {}
