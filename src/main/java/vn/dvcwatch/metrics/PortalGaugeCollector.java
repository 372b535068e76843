package vn.dvcwatch.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import vn.dvcwatch.metrics.DvcMetrics.PortalGauges;

/**
 * The six per-portal gauges of docs/API.md, read from each portal's {@link PortalGauges} by the scrape. As
 * Micrometer gauges they cost six meter ids, tag sets, weak references and registry entries per portal
 * (~2.5 KB); here a portal is its one object of six doubles, and the series exist only during a scrape.
 */
final class PortalGaugeCollector implements MultiCollector {
  private record Gauge(String name, String help, ToDoubleFunction<PortalGauges> value) {}

  private static final List<Gauge> GAUGES = List.of(
      new Gauge("dvc_portal_up", "1 when the portal's confirmed status is UP or DEGRADED, 0 when DOWN", g -> g.up),
      new Gauge("dvc_portal_score", "Score 0-100 of the v1 model", g -> g.score),
      new Gauge("dvc_portal_grade", "Grade after hysteresis: A=5, B=4, C=3, D=2, E=1", g -> g.grade),
      new Gauge("dvc_portal_rank", "Rank in the fleet, 1 is best", g -> g.rank),
      new Gauge("dvc_tls_cert_days_left", "Days until the homepage certificate expires (negative: expired)",
          g -> g.certDaysLeft),
      new Gauge("dvc_sla_error_budget_remaining",
          "Share of this month's error budget left against the portal's SLA target", g -> g.errorBudgetRemaining));

  private final Map<String, PortalGauges> portals;

  PortalGaugeCollector(Map<String, PortalGauges> portals) {
    this.portals = portals;
  }

  @Override
  public MetricSnapshots collect() {
    MetricSnapshots.Builder all = MetricSnapshots.builder();
    for (Gauge gauge : GAUGES) {
      GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(gauge.name()).help(gauge.help());
      portals.forEach((id, g) -> b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
          .value(gauge.value().applyAsDouble(g)).labels(Labels.of("portal", id)).build()));
      all.metricSnapshot(b.build());
    }
    return all.build();
  }

  @Override
  public List<String> getPrometheusNames() {
    return GAUGES.stream().map(Gauge::name).toList();
  }
}
