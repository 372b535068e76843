package vn.dvcwatch.grade;

import java.util.Arrays;

/**
 * The latest probes of one page as primitive arrays (start second, TTFB, total), for percentiles and
 * stability over a rolling window. A DOWN probe is kept with NaN timings: it has no latency, but it
 * counts against stability. A warm-up probe ({@code ProbeResult.warmup}) counts only while the window
 * holds no steady one, so a new board has figures at once and a restart's first minute does not distort
 * them afterwards. Fixed size, so 10,000 portals cost a predictable few MB.
 */
final class LatencyRing {
  private final int[] at; // seconds since EPOCH_BASE
  private final float[] ttfb;
  private final float[] total;
  private final long[] warm; // one bit per slot
  private int next;
  private int size;

  static final long EPOCH_BASE = 1_700_000_000L;

  LatencyRing(int capacity) {
    at = new int[capacity];
    ttfb = new float[capacity];
    total = new float[capacity];
    warm = new long[(capacity + 63) / 64];
  }

  void add(long epochSecond, double ttfbMs, double totalMs, boolean warmup) {
    at[next] = (int) (epochSecond - EPOCH_BASE);
    ttfb[next] = (float) ttfbMs;
    total[next] = (float) totalMs;
    if (warmup) {
      warm[next >> 6] |= 1L << next;
    } else {
      warm[next >> 6] &= ~(1L << next);
    }
    next = (next + 1) % at.length;
    size = Math.min(size + 1, at.length);
  }

  /** Window statistics: probes, probes within both limits, and the percentile of each timing (NaN if none). */
  record Stats(int probes, int within, double ttfb, double total) {}

  Stats stats(long fromEpochSecond, int percentile, double ttfbLimit, double totalLimit, float[] scratch) {
    int from = (int) (fromEpochSecond - EPOCH_BASE);
    boolean steady = false;
    for (int i = 0; i < size && !steady; i++) {
      steady = at[i] >= from && !warm(i);
    }
    int probes = 0;
    int within = 0;
    for (int i = 0; i < size; i++) {
      if (counts(i, from, steady)) {
        probes++;
        if (ttfb[i] <= ttfbLimit && total[i] <= totalLimit) { // NaN compares false: a DOWN probe is never within
          within++;
        }
      }
    }
    return new Stats(probes, within, percentile(ttfb, from, steady, percentile, scratch),
        percentile(total, from, steady, percentile, scratch));
  }

  private boolean warm(int i) {
    return (warm[i >> 6] & (1L << i)) != 0;
  }

  /** In the window, and not a warm-up probe when steady ones are there. */
  private boolean counts(int i, int from, boolean steady) {
    return at[i] >= from && !(steady && warm(i));
  }

  /** Nearest-rank percentile of the finite values in the window. */
  private double percentile(float[] values, int from, boolean steady, int percentile, float[] scratch) {
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (counts(i, from, steady) && !Float.isNaN(values[i])) {
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
