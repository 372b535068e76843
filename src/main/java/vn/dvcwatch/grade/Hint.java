package vn.dvcwatch.grade;

/** A one-line fix for a portal team, in Vietnamese and English. */
record Hint(String vi, String en) {
  static final Hint NONE = new Hint("", "");

  Criterion row(String id, String pillar, long centiPoints, long centiMax, String measurement) {
    Hint h = centiPoints < centiMax ? this : NONE;
    return new Criterion(id, pillar, Points.of(centiPoints), Points.of(centiMax), measurement, h.vi(), h.en());
  }
}
