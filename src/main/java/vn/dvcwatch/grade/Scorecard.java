package vn.dvcwatch.grade;

import java.util.List;

/**
 * A portal's score with every point accounted for: the breakdown rows plus the (negative) cap rows add
 * up exactly, at two decimals, to {@code score}. {@code grade} is the band of this score; the fleet's
 * hysteresis-confirmed grade is in {@link PortalEvaluation#grade()}. {@code modelVersion}: the scoring model
 * that produced it (scores of two versions are never compared).
 */
public record Scorecard(String portalId, double score, String grade, List<Criterion> breakdown, List<Criterion> caps,
    int modelVersion) {
  public Scorecard {
    breakdown = List.copyOf(breakdown);
    caps = List.copyOf(caps);
  }

  /** A scorecard of model v1. */
  public Scorecard(String portalId, double score, String grade, List<Criterion> breakdown, List<Criterion> caps) {
    this(portalId, score, grade, breakdown, caps, 1);
  }
}
