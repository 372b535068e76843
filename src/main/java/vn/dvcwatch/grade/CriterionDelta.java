package vn.dvcwatch.grade;

/** How one criterion's points moved between the last evaluation in the old grade and now. */
public record CriterionDelta(String id, double before, double after) {}
