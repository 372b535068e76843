package vn.dvcwatch.store;

import java.time.Instant;
import vn.dvcwatch.result.Target;

/**
 * One hour of one page of one portal, from {@code probe_hourly}: enough to seed the scoring windows
 * after a restart without reading raw rows.
 *
 * @param withinA probes with ttfb &le; 200 ms and total &le; 2500 ms (the A thresholds of docs/SCORING.md)
 */
public record HourlyRollup(String portalId, Target target, Instant hour, long probes, long up,
    Double ttfbP75Ms, Double totalP75Ms, long withinA) {}
