package vn.dvcwatch.store;

import java.time.LocalDate;
import vn.dvcwatch.result.Target;

/**
 * One Vietnam calendar day of one page of one portal, from {@code probe_daily}: kept for the rollup
 * retention (2 years by default), long after the raw rows are gone, for long-range charts and reports.
 *
 * @param withinA probes with ttfb &le; 200 ms and total &le; 2500 ms (the A thresholds of docs/SCORING.md)
 */
public record DailyRollup(String portalId, Target target, LocalDate day, long probes, long up,
    Double ttfbP75Ms, Double totalP75Ms, long withinA) {}
