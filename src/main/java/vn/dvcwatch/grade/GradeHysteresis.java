package vn.dvcwatch.grade;

/**
 * A portal's confirmed grade, which follows the score's band only after {@code confirmations}
 * consecutive evaluations on the same side of it, so that one slow minute never announces a drop.
 * When those evaluations fell in different bands (C then B after an A), the grade moves to the band
 * closest to the old one that all of them reached.
 */
final class GradeHysteresis {
  private final int confirmations;
  private String confirmed;
  private String closest; // of the pending run, the band nearest the confirmed grade
  private int run;

  GradeHysteresis(int confirmations) {
    this.confirmations = confirmations;
  }

  String confirmed() {
    return confirmed;
  }

  /** A grade persisted before a restart: continues as if never interrupted. */
  void restore(String grade) {
    confirmed = grade;
    closest = null;
    run = 0;
  }

  /** Feeds one evaluation's band; returns true when the confirmed grade changed (never for the first grade). */
  boolean observe(String band) {
    if (confirmed == null) {
      confirmed = band;
      return false;
    }
    if (band.equals(confirmed)) {
      closest = null;
      run = 0;
      return false;
    }
    boolean worse = band.compareTo(confirmed) > 0;
    if (closest != null && worse == closest.compareTo(confirmed) > 0) {
      run++;
      closest = worse ? min(closest, band) : max(closest, band);
    } else {
      closest = band;
      run = 1;
    }
    if (run < confirmations) {
      return false;
    }
    confirmed = closest;
    if (band.equals(confirmed)) {
      closest = null;
      run = 0;
    } else {
      closest = band;
      run = 1;
    }
    return true;
  }

  private static String min(String a, String b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String max(String a, String b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
