package vn.dvcwatch.grade;

/** A one-line fix for a portal team, in Vietnamese and English. */
record Hint(String vi, String en) {
  static final Hint NONE = new Hint("", "");

  Criterion row(String id, String pillar, long centiPoints, long centiMax, String measurement) {
    Hint h = centiPoints < centiMax ? this : NONE;
    return new Criterion(id, pillar, Points.of(centiPoints), Points.of(centiMax), measurement, h.vi(), h.en());
  }

  /** A criterion nothing could measure: no points, no fix hint, said so. */
  static Criterion unmeasured(String id, String pillar, long centiMax, String measurement) {
    return new Criterion(id, pillar, 0, Points.of(centiMax), measurement, "", "", false);
  }
}
