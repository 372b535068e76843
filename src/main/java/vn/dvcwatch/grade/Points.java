package vn.dvcwatch.grade;

import java.util.Locale;

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

  /** Two decimals with a dot, as in the JSON and the docs. */
  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** Whole milliseconds for a measurement text. */
  static String ms(double v) {
    return String.format(Locale.ROOT, "%.0f ms", v);
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.2f %%", fraction * 100);
  }
}
