package vn.dvcwatch.grade;

import java.time.Instant;

/**
 * One portal's line of the ranked fleet.
 *
 * @param band the band of the score now
 * @param grade the grade after hysteresis: it follows {@code band} only after consecutive confirmations
 * @param provisional too few probes yet for the score to mean much (after first start)
 * @param uptime24h fraction 0..1, null before the first probe
 * @param uptime30d fraction 0..1 over the availability window, null before the first probe
 * @param certDaysLeft days until the earliest certificate of the homepage and eForm expires, null without TLS
 * @param checkedAt start of the latest probe, null when only seeded from the database
 */
public record PortalEvaluation(String portalId, int rank, double score, String band, String grade,
    boolean provisional, Double uptime24h, Double uptime30d, Double ttfbP75Ms, Double totalP75Ms,
    Integer certDaysLeft, Instant checkedAt) {}
