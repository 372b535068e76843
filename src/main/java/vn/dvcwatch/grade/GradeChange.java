package vn.dvcwatch.grade;

import java.util.List;

/** A confirmed grade change (the {@code grade} event of SPEC §8), with the criteria that moved, largest first. */
public record GradeChange(String portalId, String from, String to, double score, List<CriterionDelta> moved) {
  public GradeChange {
    moved = List.copyOf(moved);
  }
}
