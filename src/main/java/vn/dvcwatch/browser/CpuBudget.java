package vn.dvcwatch.browser;

import java.util.function.LongSupplier;

/**
 * {@code browser.cpuBudget} as a bucket of CPU-seconds: it fills at the budget's rate (0.25 core = a quarter of a
 * CPU-second each second), up to {@link #BURST_SECONDS} of it, and each load's CPU time (all the browser's processes) is taken
 * out of it. While it is below zero, no new load starts: the pool rests until it is back at zero. So the browser
 * room uses no more than the budget on average, however many pages the fleet has; a fleet too large for it gets
 * rounds longer than {@code browser.interval} instead of a machine taken from its probes. Not thread-safe: the
 * pool's context owns it.
 */
final class CpuBudget {
  /** Seconds of the budget an idle room may spend at once: at the default 0.25 core, 10 CPU-seconds, a few loads. */
  static final double BURST_SECONDS = 40;

  private final double cores;
  private final LongSupplier nanos;
  private final double burst;
  private double credit;
  private long at;

  /** @param cores the budget, in cores; 0: none (never rests) */
  CpuBudget(double cores, LongSupplier nanos) {
    this.cores = cores;
    this.nanos = nanos;
    this.burst = cores * BURST_SECONDS;
    this.credit = burst;
    this.at = nanos.getAsLong();
  }

  /** Milliseconds to rest before the next load may start; 0: it may start now. */
  long restMillis() {
    if (cores <= 0) {
      return 0;
    }
    refill();
    return credit >= 0 ? 0 : (long) Math.ceil(-credit / cores * 1000);
  }

  /** Takes a load's CPU-seconds out of the bucket. */
  void spent(double cpuSeconds) {
    refill();
    credit -= Math.max(0, cpuSeconds);
  }

  private void refill() {
    long now = nanos.getAsLong();
    credit = Math.min(burst, credit + cores * (now - at) / 1e9);
    at = now;
  }
}
