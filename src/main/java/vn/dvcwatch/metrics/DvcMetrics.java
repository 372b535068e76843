package vn.dvcwatch.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import vn.dvcwatch.result.Phases;
import vn.dvcwatch.result.ProbeResult;

/**
 * The {@code dvc_} metrics of docs/API.md on one Prometheus registry, which Vert.x's own metrics (HTTP
 * server and client, event loops, pools) share. Per-portal gauges read plain fields that the watchdog
 * updates after each evaluation ({@link PortalGaugeCollector}); they are removed when a portal leaves the
 * registry.
 */
public final class DvcMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, PortalGauges> portals = new ConcurrentHashMap<>();
  private final PhaseHistograms phases = new PhaseHistograms();
  private final ProbeCounts probeCounts = new ProbeCounts();
  /** Micrometer holds function-meter state weakly; a lambda nobody else references would read NaN after a GC. */
  private VertxMeters vertxMeters;
  private final List<DoubleSupplier> keepAlive = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Current values of one portal; written by the watchdog's context, read by scrapes. */
  public static final class PortalGauges {
    public volatile double up = Double.NaN;
    public volatile double score = Double.NaN;
    public volatile double grade = Double.NaN;
    public volatile double rank = Double.NaN;
    public volatile double certDaysLeft = Double.NaN;
    public volatile double errorBudgetRemaining = Double.NaN;
  }

  public DvcMetrics() {
    registry.getPrometheusRegistry().register(phases);
    registry.getPrometheusRegistry().register(probeCounts);
    registry.getPrometheusRegistry().register(new PortalGaugeCollector(portals));
    // Two of Micrometer's processor meters break Prometheus naming rules (promtool check metrics) and add
    // nothing the dashboards use: process_cpu_usage and system_cpu_usage stay.
    registry.config().meterFilter(io.micrometer.core.instrument.config.MeterFilter.deny(id ->
        id.getName().equals("process.cpu.time") || id.getName().equals("system.cpu.count")
            // the library's gauges it registers again per request or connection; HttpServerMeters registers them once
            || HttpServerMeters.Library.renamed(id)));
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

  /** A Vert.x whose own metrics (HTTP server and client, pools, net clients) are on this registry; one per registry. */
  public Vertx newVertx() {
    return Vertx.builder().with(vertxOptions()).withMetrics(vertxMetrics()).build();
  }

  /**
   * The options of the product's Vert.x: metrics on (into this registry), JVM metrics off, and Linux's epoll
   * (Netty's native transport) where it loads, NIO elsewhere; the probe loops take the same transport.
   */
  public VertxOptions vertxOptions() {
    return new VertxOptions().setPreferNativeTransport(true).setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true).setJvmMetricsEnabled(false).setMetricsNaming(HttpServerMeters.Library.naming()));
  }

  /** The metrics factory of the product's one Vert.x (plain or clustered); handed out once per registry. */
  public synchronized io.vertx.core.spi.VertxMetricsFactory vertxMetrics() {
    if (vertxMeters != null) {
      throw new IllegalStateException("this registry already has its Vert.x");
    }
    vertxMeters = new VertxMeters(registry);
    return vertxMeters;
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
    return portals.computeIfAbsent(id, k -> new PortalGauges());
  }

  /**
   * Labels the probe metrics ({@code dvc_probe_phase_seconds}, {@code dvc_probes_total}) with the vantage they were
   * measured from: a cluster node's (docs/CLUSTER.md). A node alone keeps the series it always had.
   */
  public void vantage(String name) {
    phases.vantage(name);
    probeCounts.vantage(name);
  }

  /** Removes every series of portals no longer in the fleet (gauges, probe counts, phase histograms). */
  public void retain(Set<String> ids) {
    phases.retain(ids);
    probeCounts.retain(ids);
    portals.keySet().retainAll(ids);
  }

  /** Probes counted so far, over every portal, page and outcome. */
  public long probesTotal() {
    return probeCounts.total();
  }

  /** Counts a probe and records its phases. */
  public void onProbe(ProbeResult r) {
    String target = r.target().label();
    probeCounts.increment(r.portalId(), target, r.outcome().name());
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
