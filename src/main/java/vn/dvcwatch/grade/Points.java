package vn.dvcwatch.grade;

/**
 * Scores are added in hundredths of a point (longs), never in doubles, so that a scorecard's rows add
 * up to its score exactly and the same measurements always give the same published number.
 */
final class Points {
  private Points() {}

  static long centi(double points) {
    return Math.round(points * 100.0);
  }

  static double of(long centi) {
    return centi / 100.0;
  }

  /**
   * Rounds {@code raw} to hundredths so that the parts add up to the rounded total (largest remainder):
   * rounding each part alone could make a pillar worth 15.01.
   */
  static long[] apportion(double[] raw) {
    long[] out = new long[raw.length];
    double[] remainder = new double[raw.length];
    double sum = 0;
    long floors = 0;
    for (int i = 0; i < raw.length; i++) {
      double scaled = raw[i] * 100.0;
      out[i] = (long) Math.floor(scaled + 1e-9);
      remainder[i] = scaled - out[i];
      floors += out[i];
      sum += raw[i];
    }
    long missing = centi(sum) - floors;
    for (long k = 0; k < missing; k++) {
      int best = -1;
      for (int i = 0; i < raw.length; i++) {
        if (remainder[i] > 0 && (best < 0 || remainder[i] > remainder[best])) {
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      out[best]++;
      remainder[best] = 0;
    }
    return out;
  }

  /** Two decimals with a dot, as in the JSON and the docs (String.format is too slow for 10,000 portals). */
  static String fmt(double v) {
    long c = centi(v);
    long abs = Math.abs(c);
    long frac = abs % 100;
    return (c < 0 ? "-" : "") + abs / 100 + (frac < 10 ? ".0" : ".") + frac;
  }

  /** Whole milliseconds for a measurement text. */
  static String ms(double v) {
    return Math.round(v) + " ms";
  }

  static String percent(double fraction) {
    return fmt(fraction * 100) + " %";
  }
}
