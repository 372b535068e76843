package vn.dvcwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.registry.PortalKind;

/** The probe loop: spread, bounded, retried sooner on request, and hot to fleet changes. */
class ProbeSchedulerTest {
  Vertx vertx;
  HttpServer site;
  final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
  final AtomicInteger concurrent = new AtomicInteger();
  final AtomicInteger maxConcurrent = new AtomicInteger();
  volatile long delayMs;
  final List<ProbeResult> results = new CopyOnWriteArrayList<>();
  ProbeScheduler scheduler;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    site = TestSites.http(vertx, req -> {
      arrivals.computeIfAbsent(req.path(), p -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
      maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
      vertx.setTimer(Math.max(1, delayMs), t -> {
        concurrent.decrementAndGet();
        req.response().end("<html lang=vi><title>x</title></html>");
      });
    });
  }

  @AfterEach
  void stop() {
    if (scheduler != null) {
      scheduler.stop().await();
    }
    vertx.close().await();
  }

  Portal portal(int i, boolean eform) {
    String base = "http://127.0.0.1:" + site.actualPort() + "/p" + i;
    return new Portal("p" + i, "Cổng " + i, PortalKind.PROVINCE, URI.create(base + "/home"),
        eform ? URI.create(base + "/form") : null, "UBND", List.of(), Portal.DEFAULT_SLA_TARGET, null, null, true);
  }

  List<Portal> fleet(int n) {
    List<Portal> portals = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      portals.add(portal(i, i % 2 == 0));
    }
    return portals;
  }

  ProbeScheduler scheduler(Duration interval, int maxInFlight, Duration retry) {
    Prober prober = new Prober(vertx, ProbeSettings.defaults());
    return new ProbeScheduler(vertx, prober, interval, maxInFlight, retry, results::add);
  }

  static void waitUntil(java.util.function.BooleanSupplier done, long maxMillis) throws InterruptedException {
    long end = System.currentTimeMillis() + maxMillis;
    while (!done.getAsBoolean() && System.currentTimeMillis() < end) {
      Thread.sleep(20);
    }
  }

  @Test
  void firstRoundIsSpreadOverTheWindowAndEformlessPortalsHaveOneJob() throws Exception {
    scheduler = scheduler(Duration.ofSeconds(2), 100, Duration.ofMillis(500));
    scheduler.setFleet(fleet(20));
    long t0 = System.nanoTime();
    scheduler.start();
    waitUntil(() -> arrivals.size() >= 30, 5_000);
    assertThat(arrivals.keySet()).hasSize(30).allMatch(p -> p.endsWith("/home") || p.endsWith("/form"));
    List<Double> firsts = arrivals.values().stream().map(l -> (l.get(0) - t0) / 1e6).sorted().toList();
    // 30 first probes: 5 ms a page, at least one second: spread over ~1 s, neither bunched nor late.
    assertThat(firsts.get(firsts.size() - 1) - firsts.get(0)).isGreaterThan(500.0);
    assertThat(firsts.get(firsts.size() - 1)).isLessThan(1_500.0);
    assertThat(firsts.stream().filter(ms -> ms < 500).count()).isBetween(8L, 22L);
  }

  @Test
  void inFlightNeverExceedsTheCapAndSlipIsMeasured() throws Exception {
    delayMs = 300;
    scheduler = scheduler(Duration.ofMillis(500), 3, Duration.ofMillis(500));
    scheduler.setFleet(fleet(10));
    scheduler.start();
    int seen = 0;
    for (int i = 0; i < 60; i++) {
      seen = Math.max(seen, scheduler.inFlight());
      Thread.sleep(20);
    }
    assertThat(maxConcurrent.get()).isEqualTo(3);
    assertThat(seen).isLessThanOrEqualTo(3);
    assertThat(scheduler.maxSlipSeconds()).isGreaterThan(0.1); // 15 pages of 300 ms through 3 slots
    assertThat(scheduler.probesStarted()).isGreaterThanOrEqualTo(6);
  }

  @Test
  void retrySoonProbesAgainAfterTheRetryInterval() throws Exception {
    scheduler = scheduler(Duration.ofSeconds(30), 10, Duration.ofMillis(300));
    scheduler.setFleet(List.of(portal(1, false)));
    scheduler.start();
    waitUntil(() -> results.size() == 1, 7_000);
    assertThat(results).hasSize(1);
    scheduler.retrySoon("p1", Target.HOMEPAGE);
    waitUntil(() -> results.size() == 2, 2_000);
    assertThat(results).hasSize(2);
    List<Long> times = arrivals.get("/p1/home");
    assertThat((times.get(1) - times.get(0)) / 1e6).isBetween(250.0, 1500.0);
  }

  @Test
  void fleetChangesApplyWhileRunning() throws Exception {
    scheduler = scheduler(Duration.ofMillis(400), 10, Duration.ofMillis(200));
    scheduler.setFleet(List.of(portal(1, false), portal(2, false)));
    scheduler.start();
    waitUntil(() -> arrivals.containsKey("/p2/home"), 3_000);
    scheduler.setFleet(List.of(portal(1, false), portal(3, true)));
    waitUntil(() -> arrivals.containsKey("/p3/form"), 3_000);
    int p2 = arrivals.get("/p2/home").size();
    Thread.sleep(1200);
    assertThat(arrivals.get("/p2/home")).hasSize(p2);
    assertThat(arrivals.get("/p3/home")).isNotEmpty();
    assertThat(arrivals.get("/p1/home").size()).isGreaterThanOrEqualTo(3);
  }
}
