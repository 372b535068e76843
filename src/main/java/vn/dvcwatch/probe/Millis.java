package vn.dvcwatch.probe;

/** Phase arithmetic on {@link System#nanoTime()} stamps, in milliseconds with sub-millisecond precision. */
final class Millis {
  private Millis() {}

  static double since(long startNanos) {
    return between(startNanos, System.nanoTime());
  }

  /** Milliseconds between two stamps, or null when either did not happen (stamp 0). */
  static Double between(long fromNanos, long toNanos) {
    if (fromNanos == 0 || toNanos == 0) {
      return null;
    }
    return Math.round((toNanos - fromNanos) / 1_000.0) / 1_000.0;
  }
}
