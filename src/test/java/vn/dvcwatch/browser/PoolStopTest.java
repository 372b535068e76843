package vn.dvcwatch.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.Target;

/**
 * Closing the pool ends every browser process it started, whatever the pool was doing: mid-restart (the old
 * browser being killed, a new one starting, a renderer of the old one spinning in an endless loop), or with the
 * first start still in flight. The service logs "stopped cleanly" when this close completes; a browser left
 * behind outlives the watchdog.
 */
class PoolStopTest {
  private static LabFleet lab;
  private static Path exe;
  private Vertx vertx;
  private BrowserPool pool;

  @BeforeAll
  static void fleet() throws Exception {
    exe = LabFleet.browserOrSkip();
    lab = LabFleet.start();
  }

  @AfterAll
  static void stopFleet() {
    if (lab != null) {
      lab.close();
    }
  }

  @BeforeEach
  void newPool() {
    vertx = Vertx.vertx();
    pool = new BrowserPool(vertx, lab.settings(1, Duration.ofSeconds(30), 100, 1536), exe);
  }

  @AfterEach
  void closeVertx() {
    vertx.close().await();
  }

  @Test
  void closingDuringARestartLeavesNoBrowserProcess() throws Exception {
    Future<BrowserRun> hung = pool.load("lab", Target.HOMEPAGE, lab.page("treo"));
    Future<BrowserRun> queued = pool.load("lab", Target.EFORM, lab.page("treo"));
    long pid = await("a browser runs the hung page", () -> pool.running() == 1 && pool.browserPid() > 0, 30_000)
        ? pool.browserPid() : -1;
    ProcessHandle browser = ProcessHandle.of(pid).orElseThrow();
    List<ProcessHandle> tree = browser.descendants().toList();
    assertThat(tree).as("the browser's processes").isNotEmpty();
    // Kill the browser: the hung load ends, the pool restarts, the queued load waits for the new start.
    browser.destroyForcibly();
    await("the pool restarts the browser", () -> pool.restarts() >= 1, 10_000);
    pool.close().await(30, TimeUnit.SECONDS);

    assertThat(hung.await(5, TimeUnit.SECONDS).outcome()).isEqualTo(BrowserRun.Outcome.BROWSER_FAILED);
    assertThat(queued.isComplete()).as("the queued load was ended").isTrue();
    assertThat(tree).as("the first browser's processes").noneMatch(ProcessHandle::isAlive);
    assertNoProcessOf(pool);
  }

  @Test
  void closingWhileTheFirstBrowserStartsLeavesNoBrowserProcess() throws Exception {
    Future<BrowserRun> first = pool.load("lab", Target.HOMEPAGE, lab.page("treo"));
    // The start is on a worker now (it takes hundreds of milliseconds): close before it is done.
    Thread.sleep(50);
    pool.close().await(30, TimeUnit.SECONDS);
    assertThat(first.await(5, TimeUnit.SECONDS).outcome()).isEqualTo(BrowserRun.Outcome.BROWSER_FAILED);
    assertNoProcessOf(pool);
  }

  /** No process anywhere names a profile of this pool, and no browser is left below this JVM. */
  private static void assertNoProcessOf(BrowserPool pool) {
    assertThat(pool.profiles()).as("browsers started").isNotEmpty();
    List<String> left = ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
        .map(h -> h.pid() + " " + cmdline(h.pid()))
        .filter(c -> pool.profiles().stream().anyMatch(p -> c.contains(p.toString())))
        .toList();
    assertThat(left).as("processes of the closed pool's browsers").isEmpty();
    assertThat(ProcessHandle.current().descendants().map(h -> cmdline(h.pid()))
        .filter(c -> pool.profiles().stream().anyMatch(p -> c.contains(p.toString()))).toList())
        .as("browser processes below this JVM").isEmpty();
  }

  private static String cmdline(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException | RuntimeException gone) {
      return "";
    }
  }

  private static boolean await(String what, java.util.function.BooleanSupplier cond, long ms) throws InterruptedException {
    long until = System.nanoTime() + ms * 1_000_000;
    while (!cond.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what + " within " + ms + " ms").isLessThan(until);
      Thread.sleep(10);
    }
    return true;
  }
}
