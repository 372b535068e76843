package vn.dvcwatch.browser;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The {@code dvc_browser_*} metrics: how long loads take and how they end, the browser's health (up,
 * restarts, memory, queue), and per portal and page the latest figures, labelled with the throttling
 * method so that a dashboard never mixes two methods. A figure not measured by the latest run is NaN.
 */
final class BrowserMetrics {
  private final MeterRegistry registry;
  private final Map<String, Latest> latest = new ConcurrentHashMap<>();
  private final Map<BrowserRun.Outcome, Counter> outcomes = new ConcurrentHashMap<>();
  private final Timer loads;

  /** The latest figures of one portal's page under one method, read at scrape time. */
  private static final class Latest {
    volatile double fcp = Double.NaN;
    volatile double lcp = Double.NaN;
    volatile double cls = Double.NaN;
    volatile double tbt = Double.NaN;
    volatile double bytes = Double.NaN;
    volatile double violations = Double.NaN;
    final List<Meter> meters = new ArrayList<>();
    final String portal;

    Latest(String portal) {
      this.portal = portal;
    }
  }

  BrowserMetrics(MeterRegistry registry, BrowserPool poolOrNull) {
    this.registry = registry;
    this.loads = Timer.builder("dvc_browser_load").description("Wall time of one browser load, start to end (the watchdog's cost)")
        .serviceLevelObjectives(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
            Duration.ofSeconds(45))
        .register(registry);
    Gauge.builder("dvc_browser_up", () -> poolOrNull == null ? 0 : 1)
        .description("1 when a browser is configured and found, 0 when the product runs without the browser room").register(registry);
    if (poolOrNull != null) {
      FunctionCounter.builder("dvc_browser_restarts", poolOrNull, BrowserPool::restarts)
          .description("Browser restarts (exited, stopped answering, over its memory cap)").register(registry);
      Gauge.builder("dvc_browser_memory_bytes", poolOrNull, BrowserPool::memoryBytes)
          .description("Memory of the browser and its processes (sum of PSS) at the last check").register(registry);
      Gauge.builder("dvc_browser_loads_running", poolOrNull, BrowserPool::running).description("Browser loads running now")
          .register(registry);
      Gauge.builder("dvc_browser_loads_queued", poolOrNull, BrowserPool::queued).description("Browser loads waiting for a slot")
          .register(registry);
    }
  }

  void record(BrowserRun r) {
    loads.record(Duration.ofMillis(r.wallMs()));
    outcomes.computeIfAbsent(r.outcome(), o -> Counter.builder("dvc_browser_runs").tag("outcome", o.label())
        .description("Browser loads by how they ended").register(registry)).increment();
    Latest l = latest.computeIfAbsent(r.portalId() + "|" + r.target().label() + "|" + r.method(),
        k -> register(r.portalId(), r.target().label(), r.method()));
    l.fcp = seconds(r.fcp());
    l.lcp = seconds(r.lcp());
    l.tbt = seconds(r.tbt());
    l.cls = r.cls() == null ? Double.NaN : r.cls();
    l.bytes = r.measured() ? r.bytes() : Double.NaN;
    l.violations = r.axe().version() == null ? Double.NaN : r.axe().violations().size();
  }

  /** Forgets portals that left the fleet. */
  void retain(Set<String> ids) {
    latest.entrySet().removeIf(e -> {
      if (ids.contains(e.getValue().portal)) {
        return false;
      }
      e.getValue().meters.forEach(registry::remove);
      return true;
    });
  }

  private Latest register(String portal, String target, String method) {
    Latest l = new Latest(portal);
    gauge(l, "dvc_browser_fcp_seconds", "First Contentful Paint of the latest load", x -> x.fcp, portal, target, method);
    gauge(l, "dvc_browser_lcp_seconds", "Largest Contentful Paint of the latest load", x -> x.lcp, portal, target, method);
    gauge(l, "dvc_browser_cls", "Cumulative Layout Shift of the latest load", x -> x.cls, portal, target, method);
    gauge(l, "dvc_browser_tbt_seconds", "Total Blocking Time of the latest load", x -> x.tbt, portal, target, method);
    gauge(l, "dvc_browser_bytes", "Transfer bytes of the latest load", x -> x.bytes, portal, target, method);
    gauge(l, "dvc_browser_axe_violations", "axe-core WCAG 2.0/2.1 A+AA rules failed by the latest load", x -> x.violations,
        portal, target, method);
    return l;
  }

  private void gauge(Latest l, String name, String help, ToDoubleFunction<Latest> f, String portal, String target, String method) {
    l.meters.add(Gauge.builder(name, l, f).description(help).tag("portal", portal).tag("target", target)
        .tag("method", method).register(registry));
  }

  private static double seconds(Double ms) {
    return ms == null ? Double.NaN : ms / 1000.0;
  }
}
