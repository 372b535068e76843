package vn.dvcwatch.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Set;

/**
 * {@code dvc_probe_phase_seconds{portal,target,phase}} as plain arrays. A 10,000-portal fleet has 120,000
 * series and P3's heap budget is 20 KB per portal, so a series is only thirteen {@code int} counts and a
 * sum (~100 bytes; a Micrometer Timer with the same buckets cost ~1.7 KB), kept {@link PerPortal}, with
 * labels built by the scrape, not held. Written on the event loops, read by scrapes; each series is
 * guarded by its own monitor, never held for more than an increment. An {@code int} count overflows after
 * 2^31 probes in one bucket: 68 years at one probe a second.
 */
final class PhaseHistograms implements Collector {
  static final String NAME = "dvc_probe_phase_seconds";
  /** Upper bounds in seconds; the last bucket is +Inf. The same bounds as the dashboards' quantiles assume. */
  static final double[] BOUNDS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5, 10,
      Double.POSITIVE_INFINITY};

  private final PerPortal<Series> series = new PerPortal<>(Series::new);
  /** {@code vantage} on a cluster node (docs/CLUSTER.md); no extra label alone. */
  private volatile Labels node = Labels.EMPTY;

  void vantage(String name) {
    node = Labels.of("vantage", name);
  }

  /** Labelled by target (first) and phase (second). */
  private static final class Series extends PerPortal.Series {
    final int[] counts = new int[BOUNDS.length];
    double sum;

    Series(String target, String phase) {
      super(target, phase);
    }
  }

  void record(String portal, String target, String phase, double millis) {
    Series s = series.get(portal, target, phase);
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
    series.retain(portals);
  }

  @Override
  public String getPrometheusName() {
    return NAME;
  }

  @Override
  public MetricSnapshot collect() {
    Labels node = this.node;
    HistogramSnapshot.Builder b = HistogramSnapshot.builder().name(NAME)
        .help("Probe phase durations (dns, connect, tls, ttfb, transfer, total) by portal and page");
    series.forEach((portal, s) -> {
      long[] counts = new long[BOUNDS.length];
      double sum;
      synchronized (s) {
        for (int i = 0; i < counts.length; i++) {
          counts[i] = s.counts[i];
        }
        sum = s.sum;
      }
      b.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
          .classicHistogramBuckets(ClassicHistogramBuckets.of(BOUNDS, counts)).sum(sum)
          .labels(Labels.of("phase", s.second, "portal", portal, "target", s.first).merge(node)).build());
    });
    return b.build();
  }
}
