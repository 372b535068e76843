package vn.dvcwatch.grade;

/**
 * One line of a scorecard: the points a portal earned on one criterion, out of {@code max}, the
 * measurement behind them and a one-line fix hint. Hints are empty strings when there is nothing to fix.
 * Cap rows (in {@link Scorecard#caps()}) have negative points and the cap as {@code max}.
 *
 * @param pillar {@code availability}, {@code performance}, {@code security}, {@code accessibility} or {@code cap}
 */
public record Criterion(String id, String pillar, double points, double max, String measurement, String hintVi,
    String hintEn) {}
