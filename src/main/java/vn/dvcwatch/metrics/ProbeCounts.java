package vn.dvcwatch.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code dvc_probes_total{portal,target,outcome}}: one {@link AtomicLong} per series, kept {@link PerPortal}
 * (a Micrometer counter with its id, tags and registry entries cost about 0.9 KB per series).
 */
final class ProbeCounts implements Collector {
  static final String NAME = "dvc_probes";

  private final PerPortal<Count> counts = new PerPortal<>(Count::new);
  /** {@code vantage} on a cluster node (docs/CLUSTER.md); no extra label alone. */
  private volatile Labels node = Labels.EMPTY;

  void vantage(String name) {
    node = Labels.of("vantage", name);
  }

  /** Labelled by target (first) and outcome (second). */
  private static final class Count extends PerPortal.Series {
    final AtomicLong n = new AtomicLong();

    Count(String target, String outcome) {
      super(target, outcome);
    }
  }

  void increment(String portal, String target, String outcome) {
    counts.get(portal, target, outcome).n.incrementAndGet();
  }

  /** The sum over every series. */
  long total() {
    long[] sum = {0};
    counts.forEach((portal, c) -> sum[0] += c.n.get());
    return sum[0];
  }

  void retain(Set<String> portals) {
    counts.retain(portals);
  }

  @Override
  public String getPrometheusName() {
    return NAME;
  }

  @Override
  public MetricSnapshot collect() {
    Labels node = this.node;
    CounterSnapshot.Builder b = CounterSnapshot.builder().name(NAME).help("Probes by portal, target and outcome");
    counts.forEach((portal, c) -> b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(c.n.get())
        .labels(Labels.of("outcome", c.second, "portal", portal, "target", c.first).merge(node)).build()));
    return b.build();
  }
}
