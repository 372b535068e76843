package vn.dvcwatch.grade;

/**
 * One line of a scorecard: the points a portal earned on one criterion, out of {@code max}, the
 * measurement behind them and a one-line fix hint. Hints are empty strings when there is nothing to fix.
 * Cap rows (in {@link Scorecard#caps()}) have negative points and the cap as {@code max}.
 *
 * A criterion that could not be measured has {@code measured} false and no points; the score scales the
 * measured criteria up to the whole ({@link Scorer#SCALING}, its own row, so the rows still add up).
 *
 * @param pillar {@code availability}, {@code performance}, {@code security}, {@code accessibility},
 *     {@code cap} or {@code scaling}
 */
public record Criterion(String id, String pillar, double points, double max, String measurement, String hintVi,
    String hintEn, boolean measured) {

  /** A measured criterion. */
  public Criterion(String id, String pillar, double points, double max, String measurement, String hintVi,
      String hintEn) {
    this(id, pillar, points, max, measurement, hintVi, hintEn, true);
  }
}
