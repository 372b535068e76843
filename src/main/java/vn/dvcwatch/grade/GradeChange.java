package vn.dvcwatch.grade;

import java.util.List;

/**
 * A confirmed grade change (the {@code grade} event of docs/API.md), with the criteria that moved since the
 * last evaluation that agreed with the old grade, largest move first. {@code moved} is empty only when
 * no evaluation since the start agreed with the old grade (a grade restored after a restart).
 */
public record GradeChange(String portalId, String from, String to, double score, List<CriterionDelta> moved) {
  public GradeChange {
    moved = List.copyOf(moved);
  }
}
