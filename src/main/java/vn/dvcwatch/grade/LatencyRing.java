package vn.dvcwatch.grade;

import java.util.Arrays;

/**
 * The latest probes of one page as primitive arrays (start second, TTFB, total), for percentiles and
 * stability over a rolling window. A DOWN probe is kept with NaN timings: it has no latency, but it
 * counts against stability. Fixed size, so 10,000 portals cost a predictable few MB.
 */
final class LatencyRing {
  private final int[] at; // seconds since EPOCH_BASE
  private final float[] ttfb;
  private final float[] total;
  private int next;
  private int size;

  static final long EPOCH_BASE = 1_700_000_000L;

  LatencyRing(int capacity) {
    at = new int[capacity];
    ttfb = new float[capacity];
    total = new float[capacity];
  }

  void add(long epochSecond, double ttfbMs, double totalMs) {
    at[next] = (int) (epochSecond - EPOCH_BASE);
    ttfb[next] = (float) ttfbMs;
    total[next] = (float) totalMs;
    next = (next + 1) % at.length;
    size = Math.min(size + 1, at.length);
  }

  /** Window statistics: probes, probes within both limits, and the percentile of each timing (NaN if none). */
  record Stats(int probes, int within, double ttfb, double total) {}

  Stats stats(long fromEpochSecond, int percentile, double ttfbLimit, double totalLimit, float[] scratch) {
    int from = (int) (fromEpochSecond - EPOCH_BASE);
    int probes = 0;
    int within = 0;
    for (int i = 0; i < size; i++) {
      if (at[i] >= from) {
        probes++;
        if (ttfb[i] <= ttfbLimit && total[i] <= totalLimit) { // NaN compares false: a DOWN probe is never within
          within++;
        }
      }
    }
    return new Stats(probes, within, percentile(ttfb, from, percentile, scratch),
        percentile(total, from, percentile, scratch));
  }

  /** Nearest-rank percentile of the finite values in the window. */
  private double percentile(float[] values, int from, int percentile, float[] scratch) {
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (at[i] >= from && !Float.isNaN(values[i])) {
        scratch[n++] = values[i];
      }
    }
    if (n == 0) {
      return Double.NaN;
    }
    Arrays.sort(scratch, 0, n);
    int rank = (int) Math.ceil(percentile / 100.0 * n);
    return scratch[Math.max(0, rank - 1)];
  }
}
