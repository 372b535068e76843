package vn.dvcwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
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
import vn.dvcwatch.testkit.Poll;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.Phases;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;

/**
 * The probe loop: spread, bounded, retried sooner on request, and hot to fleet changes. Time is the test's
 * own ({@link ManualTime}): the assertions are about the order and spacing of the starts the scheduler
 * decides, in its own time, not about wall-clock windows on a busy machine.
 */
class ProbeSchedulerTest {
  Vertx vertx;
  Context context;
  ManualTime time;
  /** Each page's starts, in milliseconds of scheduler time since the test began. */
  final Map<String, List<Double>> starts = new ConcurrentHashMap<>();
  final List<Promise<ProbeResult>> held = new CopyOnWriteArrayList<>();
  final AtomicInteger running = new AtomicInteger();
  final AtomicInteger maxRunning = new AtomicInteger();
  final List<ProbeResult> results = new CopyOnWriteArrayList<>();
  long origin;
  ProbeScheduler scheduler;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    time = new ManualTime(context);
    origin = time.nanoTime();
  }

  @AfterEach
  void stop() throws java.util.concurrent.TimeoutException {
    if (scheduler != null) {
      Future<Void> stopped = scheduler.stop(); // first, so that finishing the held probes starts no others
      time.settle();
      held.forEach(p -> p.tryComplete(result("any", Target.HOMEPAGE)));
      stopped.await(10, java.util.concurrent.TimeUnit.SECONDS);
    }
    vertx.close().await();
  }

  static Portal portal(String base, int i, boolean eform) {
    return new Portal("p" + i, "Cổng " + i, PortalKind.PROVINCE, URI.create(base + "/p" + i + "/home"),
        eform ? URI.create(base + "/p" + i + "/form") : null, "UBND", List.of(), Portal.DEFAULT_SLA_TARGET, null,
        null, true);
  }

  static List<Portal> fleet(int n) {
    List<Portal> portals = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      portals.add(portal("http://127.0.0.1:9", i, i % 2 == 0));
    }
    return portals;
  }

  static ProbeResult result(String portalId, Target target) {
    return new ProbeResult(portalId, target, "http://127.0.0.1:9/", Instant.now(), Outcome.UP, null, 200,
        new Phases(1.0, 1.0, null, 5.0, 1.0, 9.0), 1, 10L, null, null, null);
  }

  private void started(String portalId, Target target) {
    starts.computeIfAbsent(portalId + "/" + target.label(), k -> new CopyOnWriteArrayList<>())
        .add(time.millisSince(origin));
    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
  }

  /** Probes that finish at once. */
  final ProbeScheduler.ProbeFn instant = (id, target, url) -> {
    started(id, target);
    running.decrementAndGet();
    return Future.succeededFuture(result(id, target));
  };

  /** Probes that run until the test finishes them with {@link #finishHeld}. */
  final ProbeScheduler.ProbeFn holding = (id, target, url) -> {
    started(id, target);
    Promise<ProbeResult> p = Promise.promise();
    held.add(p);
    return p.future();
  };

  void finishHeld() {
    List<Promise<ProbeResult>> now = List.copyOf(held);
    held.removeAll(now);
    now.forEach(p -> {
      running.decrementAndGet();
      p.complete(result("p", Target.HOMEPAGE));
    });
    time.settle();
  }

  /** Built on the context {@link #time} runs its timers on, as the watchdog builds it on its own. */
  ProbeScheduler scheduler(ProbeScheduler.ProbeFn probe, Duration interval, int maxInFlight, Duration retry) {
    Promise<ProbeScheduler> made = Promise.promise();
    context.runOnContext(v -> made.complete(
        new ProbeScheduler(vertx, probe, interval, maxInFlight, retry, results::add, time)));
    return made.future().await();
  }

  long totalStarts() {
    return starts.values().stream().mapToLong(List::size).sum();
  }

  @Test
  void firstRoundIsSpreadOverTheWindowThenEachPageKeepsItsPhase() {
    scheduler = scheduler(instant, Duration.ofSeconds(2), 100, Duration.ofMillis(500));
    scheduler.setFleet(fleet(20));
    scheduler.start();
    time.advance(Duration.ofMillis(1000));
    // 30 pages (eform-less portals have one job): 5 ms a page, at least one second, so one slot of 1000/30 ms
    // each, in a shuffled order: half of them in the first half of the window, none late.
    assertThat(starts.keySet()).hasSize(30).filteredOn(p -> p.endsWith("/" + Target.EFORM.label())).hasSize(10);
    List<Double> firsts = starts.values().stream().map(l -> l.get(0)).sorted().toList();
    assertThat(firsts.get(29)).isLessThanOrEqualTo(1000.0);
    assertThat(firsts.stream().filter(ms -> ms < 500).count()).isBetween(14L, 16L);
    assertThat(scheduler.maxSlipSeconds()).isLessThan(0.002);

    time.advance(Duration.ofSeconds(6));
    for (List<Double> page : starts.values()) {
      // never again within half an interval of its first probe, then exactly on its own phase
      assertThat(page.get(1) - page.get(0)).isGreaterThanOrEqualTo(1000.0);
      for (int k = 2; k < page.size(); k++) {
        assertThat(page.get(k) - page.get(k - 1)).isCloseTo(2000.0, org.assertj.core.data.Offset.offset(1.0));
      }
    }
  }

  @Test
  void inFlightNeverExceedsTheCapAndSlipIsMeasured() {
    scheduler = scheduler(holding, Duration.ofMillis(500), 3, Duration.ofMillis(500));
    scheduler.setFleet(fleet(10)); // 15 pages
    scheduler.start();
    time.advance(Duration.ofSeconds(1));
    assertThat(totalStarts()).as("all 15 are due, 3 slots").isEqualTo(3);
    assertThat(scheduler.inFlight()).isEqualTo(3);
    for (int round = 0; round < 5; round++) { // each probe takes 300 ms
      time.advance(Duration.ofMillis(300));
      finishHeld();
    }
    assertThat(maxRunning.get()).isEqualTo(3);
    assertThat(totalStarts()).isEqualTo(18);
    // the last of the first 15 waited for four rounds of 300 ms after it was due
    assertThat(scheduler.maxSlipSeconds()).isGreaterThan(0.9);
  }

  @Test
  void retrySoonProbesAgainAfterTheRetryIntervalAndNotBefore() {
    scheduler = scheduler(instant, Duration.ofSeconds(30), 10, Duration.ofMillis(300));
    scheduler.setFleet(fleet(2).subList(1, 2)); // p1, homepage only
    scheduler.start();
    time.advance(Duration.ofSeconds(1));
    assertThat(starts.get("p1/" + Target.HOMEPAGE.label())).hasSize(1);
    double asked = time.millisSince(origin);
    scheduler.retrySoon("p1", Target.HOMEPAGE);
    time.settle();
    time.advance(Duration.ofMillis(299));
    assertThat(starts.get("p1/" + Target.HOMEPAGE.label())).hasSize(1);
    time.advance(Duration.ofMillis(2));
    List<Double> p1 = starts.get("p1/" + Target.HOMEPAGE.label());
    assertThat(p1).hasSize(2);
    assertThat(p1.get(1) - asked).isCloseTo(300.0, org.assertj.core.data.Offset.offset(1.0));
  }

  @Test
  void fleetChangesApplyWhileRunningAgainstARealSite() {
    HttpServer site = TestSites.http(vertx, req -> req.response().end("<html lang=vi><title>x</title></html>"));
    String base = "http://127.0.0.1:" + site.actualPort();
    Prober prober = new Prober(vertx, ProbeSettings.defaults());
    scheduler = scheduler((id, target, url) -> {
      started(id, target);
      return prober.probe(id, target, url).onComplete(ar -> running.decrementAndGet());
    }, Duration.ofMillis(400), 10, Duration.ofMillis(200));
    scheduler.setFleet(List.of(portal(base, 1, false), portal(base, 2, false)));
    scheduler.start();
    time.advance(Duration.ofSeconds(1));
    Poll.await("both first probes answered", () -> results.size() >= 2, Duration.ofSeconds(10));

    scheduler.setFleet(List.of(portal(base, 1, false), portal(base, 3, true)));
    int p2 = starts.get("p2/" + Target.HOMEPAGE.label()).size();
    for (int step = 0; step < 4; step++) { // four intervals, each one's probes answered before the next
      time.advance(Duration.ofMillis(400));
      Poll.await("probes answered", () -> scheduler.inFlight() == 0, Duration.ofSeconds(10));
    }
    assertThat(starts.get("p2/" + Target.HOMEPAGE.label())).as("removed: never started again").hasSize(p2);
    assertThat(starts.get("p3/" + Target.HOMEPAGE.label())).isNotEmpty();
    assertThat(starts.get("p3/" + Target.EFORM.label())).isNotEmpty();
    assertThat(starts.get("p1/" + Target.HOMEPAGE.label()).size()).isGreaterThanOrEqualTo(4);
    assertThat(starts.get("p3/" + Target.HOMEPAGE.label()).size()).isGreaterThanOrEqualTo(3);
    assertThat(results).allMatch(r -> r.outcome() == Outcome.UP);
  }

  @Test
  void aShareOfTheFleetIsProbedAndAMovedPortalStartsWithinTheWindowWithoutLosingAResult() {
    scheduler = scheduler(holding, Duration.ofSeconds(10), 100, Duration.ofSeconds(1));
    List<Portal> fleet = fleet(20).stream().map(p -> portal("http://127.0.0.1:9", Integer.parseInt(p.id().substring(1)),
        false)).toList(); // homepages only: one page per portal
    java.util.Set<String> mine = ConcurrentHashMap.newKeySet();
    fleet.stream().map(Portal::id).filter(id -> Integer.parseInt(id.substring(1)) % 2 == 0).forEach(mine::add);
    scheduler.setFleet(fleet);
    scheduler.probeOnly(mine::contains);
    scheduler.start();
    time.advance(Duration.ofSeconds(1));
    assertThat(starts.keySet()).hasSize(10).allMatch(page -> Integer.parseInt(page.substring(1, page.indexOf('/'))) % 2 == 0);
    assertThat(scheduler.portals()).isEqualTo(10);
    finishHeld();
    assertThat(results).hasSize(10);

    scheduler.retrySoon("p0", Target.HOMEPAGE); // a confirmation retry: p0 is in flight when it moves
    time.settle();
    time.advance(Duration.ofMillis(1100));
    assertThat(held).hasSize(1);
    // p0 and p2 move to another vantage; p1 and p3 come to this one
    mine.removeAll(List.of("p0", "p2"));
    mine.addAll(List.of("p1", "p3"));
    double moved = time.millisSince(origin);
    scheduler.probeOnly(mine::contains);
    time.settle();
    finishHeld();
    assertThat(results).as("a probe in flight when its portal moved away is still delivered").hasSize(11);
    time.advance(Duration.ofSeconds(1));
    for (String gained : List.of("p1", "p3")) {
      List<Double> s = starts.get(gained + "/" + Target.HOMEPAGE.label());
      assertThat(s).as(gained).hasSize(1);
      assertThat(s.get(0) - moved).as("first probe within the first-round window").isBetween(0.0, 1000.0);
    }
    finishHeld();
    int p0 = starts.get("p0/" + Target.HOMEPAGE.label()).size();
    for (int step = 0; step < 3; step++) {
      time.advance(Duration.ofSeconds(10));
      finishHeld();
    }
    assertThat(starts.get("p0/" + Target.HOMEPAGE.label())).as("moved away: never started again").hasSize(p0);
    assertThat(starts.get("p1/" + Target.HOMEPAGE.label()).size()).isGreaterThanOrEqualTo(3);
    assertThat(scheduler.portals()).isEqualTo(10);
  }

  @Test
  void aPortalThatLeftTheFleetWhileInFlightIsNotDelivered() {
    scheduler = scheduler(holding, Duration.ofSeconds(10), 100, Duration.ofSeconds(1));
    scheduler.setFleet(List.of(portal("http://127.0.0.1:9", 1, false)));
    scheduler.start();
    time.advance(Duration.ofSeconds(1));
    assertThat(held).hasSize(1);
    scheduler.setFleet(List.of());
    time.settle();
    finishHeld();
    assertThat(results).isEmpty();
  }
}
