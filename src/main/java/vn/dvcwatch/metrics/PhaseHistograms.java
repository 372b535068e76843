package vn.dvcwatch.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code dvc_probe_phase_seconds{portal,target,phase}} as plain arrays: one series is thirteen counters and a
 * sum (~200 bytes), where a Micrometer Timer with the same fixed buckets cost ~1.7 KB, and a 10,000-portal
 * fleet has 120,000 series (P3's heap budget is 20 KB per portal). Written on the event loops, read by
 * scrapes; each series is guarded by its own monitor, never held for more than an increment.
 */
final class PhaseHistograms implements Collector {
  static final String NAME = "dvc_probe_phase_seconds";
  /** Upper bounds in seconds; the last bucket is +Inf. The same bounds as the dashboards' quantiles assume. */
  static final double[] BOUNDS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5, 10,
      Double.POSITIVE_INFINITY};

  private final Map<String, Series> series = new ConcurrentHashMap<>();

  private static final class Series {
    final String portal;
    final Labels labels;
    final long[] counts = new long[BOUNDS.length];
    double sum;

    Series(String portal, String target, String phase) {
      this.portal = portal;
      this.labels = Labels.of("phase", phase, "portal", portal, "target", target);
    }
  }

  void record(String portal, String target, String phase, double millis) {
    Series s = series.computeIfAbsent(portal + '\0' + target + '\0' + phase, k -> new Series(portal, target, phase));
    double seconds = millis / 1000.0;
    int i = 0;
    while (seconds > BOUNDS[i]) {
      i++;
    }
    synchronized (s) {
      s.counts[i]++;
      s.sum += seconds;
    }
  }

  /** Forgets the series of portals no longer in the fleet. */
  void retain(Set<String> portals) {
    series.values().removeIf(s -> !portals.contains(s.portal));
  }

  @Override
  public String getPrometheusName() {
    return NAME;
  }

  @Override
  public MetricSnapshot collect() {
    HistogramSnapshot.Builder b = HistogramSnapshot.builder().name(NAME)
        .help("Probe phase durations (dns, connect, tls, ttfb, transfer, total) by portal and page");
    for (Series s : series.values()) {
      long[] counts;
      double sum;
      synchronized (s) {
        counts = s.counts.clone();
        sum = s.sum;
      }
      b.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
          .classicHistogramBuckets(ClassicHistogramBuckets.of(BOUNDS, counts)).sum(sum).labels(s.labels).build());
    }
    return b.build();
  }
}
