package vn.dvcwatch.grade;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the fleet remembers about a portal between evaluations: its confirmed grade, its last rank, and
 * the criterion points of the last evaluation that agreed with its grade, which is what a grade change
 * is explained against ("the criteria that moved").
 */
final class Standing {
  private static final List<String> CAP_IDS = List.of(ScoreCaps.NO_HTTPS, ScoreCaps.INVALID_CERT);

  final GradeHysteresis grade;
  int rank; // the announced rank; 0: not ranked yet
  private int pendingRank;
  private int pendingCount;
  private long[] stable; // breakdown points then cap points (CAP_IDS order), in hundredths

  Standing(int confirmations) {
    this.grade = new GradeHysteresis(confirmations);
  }

  /** Applies one evaluation; returns the grade change it confirms, or null. */
  GradeChange observe(Scorecard card) {
    String before = grade.confirmed();
    boolean changed = grade.observe(card.grade());
    long[] now = vector(card);
    GradeChange change = null;
    if (changed) {
      change = new GradeChange(card.portalId(), before, grade.confirmed(), card.score(), moved(card, now));
    }
    if (card.grade().equals(grade.confirmed())) {
      stable = now;
    }
    return change;
  }

  /**
   * Applies one evaluation's rank; returns the move to announce, or null. Like a grade, a new rank is
   * announced only once it has held for {@code confirmations} evaluations in a row, so noise between
   * near-equal scores (a swap back and forth) announces nothing.
   */
  RankChange observeRank(String portalId, int now, int confirmations) {
    if (rank == 0) {
      rank = now; // the first rank is where the portal starts, not a move
      return null;
    }
    if (now == rank) {
      pendingCount = 0;
      return null;
    }
    pendingCount = now == pendingRank ? pendingCount + 1 : 1;
    pendingRank = now;
    if (pendingCount < confirmations) {
      return null;
    }
    RankChange change = new RankChange(portalId, rank, now);
    rank = now;
    pendingCount = 0;
    return change;
  }

  private List<CriterionDelta> moved(Scorecard card, long[] now) {
    List<CriterionDelta> out = new ArrayList<>();
    if (stable == null || stable.length != now.length) {
      return out;
    }
    for (int i = 0; i < now.length; i++) {
      if (now[i] != stable[i]) {
        String id = i < card.breakdown().size() ? card.breakdown().get(i).id() : CAP_IDS.get(i - card.breakdown().size());
        out.add(new CriterionDelta(id, Points.of(stable[i]), Points.of(now[i])));
      }
    }
    out.sort(Comparator.comparingDouble((CriterionDelta d) -> -Math.abs(d.after() - d.before()))
        .thenComparing(CriterionDelta::id));
    return out;
  }

  private static long[] vector(Scorecard card) {
    int n = card.breakdown().size();
    long[] v = new long[n + CAP_IDS.size()];
    for (int i = 0; i < n; i++) {
      v[i] = Points.centi(card.breakdown().get(i).points());
    }
    for (Criterion cap : card.caps()) {
      v[n + CAP_IDS.indexOf(cap.id())] = Points.centi(cap.points());
    }
    return v;
  }
}
