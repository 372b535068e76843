package vn.dvcwatch.grade;

/** A portal's rank moved between two evaluations (the {@code rank} event of docs/API.md); rank 1 is best. */
public record RankChange(String portalId, int from, int to) {}
