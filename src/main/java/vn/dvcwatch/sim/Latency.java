package vn.dvcwatch.sim;

import java.util.random.RandomGenerator;

/**
 * A portal's time to first byte: lognormal around a median, capped at four times the median so that
 * one unlucky draw does not look like an outage.
 */
public record Latency(int medianMs, double sigma) {
  public long sampleMs(RandomGenerator random) {
    double ms = medianMs * Math.exp(sigma * random.nextGaussian());
    return Math.round(Math.min(ms, 4.0 * medianMs));
  }
}
