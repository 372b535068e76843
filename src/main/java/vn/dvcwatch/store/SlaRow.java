package vn.dvcwatch.store;

import java.time.YearMonth;
import java.util.List;
import vn.dvcwatch.status.Incident;

/**
 * One portal's SLA for one calendar month (Vietnam time), the row of {@code GET /api/v1/sla?month=}.
 *
 * @param uptime 0..1, NaN when the portal was not observed that month (outside maintenance)
 * @param incidents incidents overlapping the observed part of the month
 * @param target the portal's availability target, 0..1
 * @param errorBudgetRemaining fraction of the month's error budget left (may be negative)
 * @param eligibleMinutes observed minutes outside maintenance, the denominator of {@code uptime}
 * @param budgetMinutes down minutes the target allows over the whole month (observed from the first probe, maintenance
 *     excluded), the denominator of the budget used; both let a report add portals up time-weighted
 */
public record SlaRow(String portalId, YearMonth month, double uptime, double downtimeMinutes, int incidents,
    double maintenanceMinutes, double target, double errorBudgetRemaining, List<Incident> incidentList,
    double eligibleMinutes, double budgetMinutes) {}
