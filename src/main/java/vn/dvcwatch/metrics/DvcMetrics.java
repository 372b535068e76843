package vn.dvcwatch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import vn.dvcwatch.probe.Phases;
import vn.dvcwatch.probe.ProbeResult;

/**
 * The {@code dvc_} metrics of SPEC §11 on one Prometheus registry, which Vert.x's own metrics (HTTP
 * server and client, event loops, pools) share. Per-portal gauges read plain fields that the watchdog
 * updates after each evaluation; they are removed when a portal leaves the registry.
 */
public final class DvcMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, PortalGauges> portals = new ConcurrentHashMap<>();
  private final PhaseHistograms phases = new PhaseHistograms();
  private final Map<String, Counter> probeCounters = new ConcurrentHashMap<>();
  /** Micrometer holds function-meter state weakly; a lambda nobody else references would read NaN after a GC. */
  private final List<DoubleSupplier> keepAlive = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Current values of one portal; written by the watchdog's context, read by scrapes. */
  public static final class PortalGauges {
    public volatile double up = Double.NaN;
    public volatile double score = Double.NaN;
    public volatile double grade = Double.NaN;
    public volatile double rank = Double.NaN;
    public volatile double certDaysLeft = Double.NaN;
    public volatile double errorBudgetRemaining = Double.NaN;
    final List<Meter> meters = new ArrayList<>();
  }

  public DvcMetrics() {
    registry.getPrometheusRegistry().register(phases);
    // Two of Micrometer's processor meters break Prometheus naming rules (promtool check metrics) and add
    // nothing the dashboards use: process_cpu_usage and system_cpu_usage stay.
    registry.config().meterFilter(io.micrometer.core.instrument.config.MeterFilter.deny(id ->
        id.getName().equals("process.cpu.time") || id.getName().equals("system.cpu.count")));
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of everything. */
  public String scrape() {
    return registry.scrape();
  }

  /** A gauge of the watchdog's own health (schedule slip, buffer depth, SSE clients, ...). */
  public void gauge(String name, String help, DoubleSupplier value) {
    keepAlive.add(value);
    Gauge.builder(name, value, DoubleSupplier::getAsDouble).description(help).register(registry);
  }

  /** A monotonic count of the watchdog's own (exposed with the {@code _total} suffix). */
  public void counter(String name, String help, DoubleSupplier value) {
    keepAlive.add(value);
    io.micrometer.core.instrument.FunctionCounter.builder(name, value, DoubleSupplier::getAsDouble).description(help)
        .register(registry);
  }

  public PortalGauges portal(String id) {
    return portals.computeIfAbsent(id, this::register);
  }

  private PortalGauges register(String id) {
    PortalGauges g = new PortalGauges();
    Tags tags = Tags.of("portal", id);
    g.meters.add(Gauge.builder("dvc_portal_up", g, x -> x.up).tags(tags)
        .description("1 when the portal's confirmed status is UP or DEGRADED, 0 when DOWN").register(registry));
    g.meters.add(Gauge.builder("dvc_portal_score", g, x -> x.score).tags(tags)
        .description("Score 0-100 of the v1 model").register(registry));
    g.meters.add(Gauge.builder("dvc_portal_grade", g, x -> x.grade).tags(tags)
        .description("Grade after hysteresis: A=5, B=4, C=3, D=2, E=1").register(registry));
    g.meters.add(Gauge.builder("dvc_portal_rank", g, x -> x.rank).tags(tags)
        .description("Rank in the fleet, 1 is best").register(registry));
    g.meters.add(Gauge.builder("dvc_tls_cert_days_left", g, x -> x.certDaysLeft).tags(tags)
        .description("Days until the homepage certificate expires (negative: expired)").register(registry));
    g.meters.add(Gauge.builder("dvc_sla_error_budget_remaining", g, x -> x.errorBudgetRemaining).tags(tags)
        .description("Share of this month's error budget left against the portal's SLA target").register(registry));
    return g;
  }

  /** Removes every series of portals no longer in the fleet (gauges, probe counts, phase histograms). */
  public void retain(Set<String> ids) {
    phases.retain(ids);
    probeCounters.values().removeIf(c -> {
      if (ids.contains(c.getId().getTag("portal"))) {
        return false;
      }
      registry.remove(c);
      return true;
    });
    portals.keySet().removeIf(id -> {
      if (ids.contains(id)) {
        return false;
      }
      portals.get(id).meters.forEach(registry::remove);
      return true;
    });
  }

  /** Counts a probe and records its phases. */
  public void onProbe(ProbeResult r) {
    String target = r.target().label();
    probeCounters.computeIfAbsent(r.portalId() + '\0' + target + '\0' + r.outcome(), k ->
        Counter.builder("dvc_probes").description("Probes by portal, target and outcome")
            .tags("portal", r.portalId(), "target", target, "outcome", r.outcome().name()).register(registry))
        .increment();
    Phases p = r.phases();
    if (p == null) {
      return;
    }
    record(r.portalId(), target, "dns", p.dns());
    record(r.portalId(), target, "connect", p.connect());
    record(r.portalId(), target, "tls", p.tls());
    record(r.portalId(), target, "ttfb", p.ttfb());
    record(r.portalId(), target, "transfer", p.transfer());
    record(r.portalId(), target, "total", p.total());
  }

  private void record(String portal, String target, String phase, Double ms) {
    if (ms == null) {
      return; // a phase that did not happen is not a zero
    }
    phases.record(portal, target, phase, ms);
  }
}
