package vn.dvcwatch.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.browser.BrowserRun.Outcome;
import vn.dvcwatch.app.AppConfig;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.probe.ProbeSettings;
import vn.dvcwatch.probe.Prober;
import vn.dvcwatch.result.Target;

/**
 * Pages that fight the browser, and a browser that dies: each load ends with a cause by its deadline, the
 * next load works, and probes of the same portal on the same Vert.x go on untouched meanwhile.
 */
class HostilePagesTest {
  /** Short enough for a quick test, long enough for a small page on a 2-core machine shared with builds. */
  private static final Duration DEADLINE = Duration.ofSeconds(12);
  /** The deadline plus the context's disposal and a loaded CI machine's scheduling. */
  private static final long ENDS_WITHIN_MS = DEADLINE.toMillis() + 4000;
  /** Probes every 250 ms; a loop held by the browser room would run none while it holds it. */
  private static final long PROBE_EVERY_MS = 250;
  /** Probes run beside a load for at least this long, however soon the load ends. */
  private static final long PROBE_AT_LEAST_MS = 1_100;

  private static LabFleet lab;
  private static Vertx vertx;
  private static BrowserPool pool;
  private static Prober prober;

  @BeforeAll
  static void start() throws Exception {
    Path exe = LabFleet.browserOrSkip();
    lab = LabFleet.start();
    vertx = Vertx.vertx();
    pool = new BrowserPool(vertx, lab.settings(1, DEADLINE, 100, 600), exe);
    prober = new Prober(vertx, ProbeSettings.from(AppConfig.defaults(Map.of()).probe())
        .withExtraCaFiles(List.of(lab.fleet().caFile())).withHosts(lab.fleet().hosts()));
    // The browser's first start (and its first, cold load) is not part of any test's time.
    pool.load("lab", Target.HOMEPAGE, lab.page("dich-chuyen")).await();
  }

  @AfterAll
  static void stop() {
    if (pool != null) {
      pool.close().await();
      vertx.close().await();
      lab.close();
    }
  }

  /** A load's run and how long it took (ms). */
  private record Ended(BrowserRun run, long took) {}

  /**
   * Loads {@code page} while probing the portal's homepage every 250 ms; checks that the load ended with a cause
   * by the deadline and that the probes went on, UP and fast, all along (at least one a second: a quarter of
   * their schedule, which a loaded machine keeps; a blocked loop would run none).
   */
  private static Ended loadWhileProbing(String page, Runnable during) {
    ConcurrentLinkedQueue<ProbeResult> probes = new ConcurrentLinkedQueue<>();
    long timer = vertx.setPeriodic(PROBE_EVERY_MS, id -> prober.probe(lab.portal().id(), Target.HOMEPAGE, lab.portal().homepage())
        .onSuccess(probes::add));
    long t0 = System.nanoTime();
    Future<BrowserRun> run = pool.load("lab", Target.HOMEPAGE, lab.page(page));
    if (during != null) {
      during.run();
    }
    BrowserRun r = run.await();
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    // a load that ends early (a hog crashed at once) still gets a second of probes beside it to count: fewer
    // than two 250 ms ticks fit in a shorter load, which failed the count below by arithmetic, not by a block
    if (took < PROBE_AT_LEAST_MS) {
      try {
        Thread.sleep(PROBE_AT_LEAST_MS - took);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    vertx.cancelTimer(timer);
    System.out.println(page + " (" + took + " ms, browser " + pool.memoryBytes() / (1 << 20) + " MB): " + BrowserJson.full(r).encode());
    assertThat(took).as("the load ended in time").isLessThan(ENDS_WITHIN_MS);
    assertThat(r.cause()).isNotBlank();
    assertThat(probes).as("probes went on during the %d ms load", took).hasSizeGreaterThanOrEqualTo((int) Math.max(2, took / 1000))
        .allSatisfy(p -> assertThat(p.outcome()).isEqualTo(vn.dvcwatch.result.Outcome.UP));
    // A loopback probe takes milliseconds; a loop blocked by the browser room would hold it for the whole
    // deadline (12 s). 2.5 s leaves room for a loaded CI machine and still tells the two apart.
    assertThat(probes.stream().mapToDouble(p -> p.phases().total()).max().orElse(0)).isLessThan(2500);
    return new Ended(r, took);
  }

  private static void nextLoadWorks() {
    BrowserRun ok = pool.load("lab", Target.HOMEPAGE, lab.page("dich-chuyen")).await();
    assertThat(ok.outcome()).as(ok.cause()).isEqualTo(Outcome.OK);
  }

  @Test
  void aHungPageEndsAtTheDeadline() {
    Ended e = loadWhileProbing("treo", null);
    assertThat(e.run().outcome()).isEqualTo(Outcome.DEADLINE);
    assertThat(e.run().cause()).contains("no load event");
    assertThat(e.took()).as("it waited for the deadline, no less").isGreaterThanOrEqualTo(DEADLINE.toMillis());
    nextLoadWorks();
  }

  @Test
  void endlessRequestsAreCapped() {
    Ended e = loadWhileProbing("yeu-cau-vo-tan", null);
    assertThat(e.run().outcome()).isEqualTo(Outcome.CAPPED);
    assertThat(e.run().cause()).contains("100 requests");
    assertThat(e.took()).as("ended by the cap, before the deadline").isLessThan(DEADLINE.toMillis());
    assertThat(e.run().requests()).as("the cap was reached").isGreaterThan(100);
    nextLoadWorks();
  }

  @Test
  void aMemoryHogEndsWithTheBrowserRestartedOrItsPageCrashed() {
    long restarts = pool.restarts();
    Ended e = loadWhileProbing("ngon-bo-nho", null);
    BrowserRun r = e.run();
    assertThat(r.outcome()).isIn(Outcome.MEMORY, Outcome.PAGE_CRASHED);
    assertThat(e.took()).as("ended by the memory cap or the crash, before the deadline").isLessThan(DEADLINE.toMillis());
    if (r.outcome() == Outcome.MEMORY) {
      // the pool ends the loads first and then restarts the browser: the count may follow the run's result
      vn.dvcwatch.testkit.Poll.await("the browser restarted after the memory cap", () -> pool.restarts() > restarts,
          Duration.ofSeconds(10));
    }
    nextLoadWorks();
  }

  @Test
  void aKilledBrowserEndsTheLoadAndIsStartedAgain() {
    nextLoadWorks(); // a browser is running
    long pid = pool.browserPid();
    assertThat(pid).isPositive();
    Ended e = loadWhileProbing("treo", () -> {
      vertx.setTimer(1000, t -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    });
    assertThat(e.run().outcome()).isEqualTo(Outcome.BROWSER_FAILED);
    // The hung page would hold it to the deadline: the browser's exit ends it at once (kill at 1 s, + 3 s slack).
    assertThat(e.took()).as("ended by the browser's exit, not the deadline").isLessThan(4000);
    nextLoadWorks();
    assertThat(pool.browserPid()).isPositive().isNotEqualTo(pid);
  }
}
