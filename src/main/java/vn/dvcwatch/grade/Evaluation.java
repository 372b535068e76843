package vn.dvcwatch.grade;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of one fleet evaluation: the ranking (rank 1 first), the grade and rank changes since the
 * previous evaluation (only real ones) and every portal's scorecard.
 */
public record Evaluation(Instant at, List<PortalEvaluation> portals, List<GradeChange> gradeChanges,
    List<RankChange> rankChanges, Map<String, Scorecard> scorecards) {
  public Evaluation {
    portals = List.copyOf(portals);
    gradeChanges = List.copyOf(gradeChanges);
    rankChanges = List.copyOf(rankChanges);
    scorecards = Map.copyOf(scorecards);
  }

  public Optional<Scorecard> scorecard(String portalId) {
    return Optional.ofNullable(scorecards.get(portalId));
  }
}
