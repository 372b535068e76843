package vn.dvcwatch.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.Target;

/**
 * Five loads queued at once against a pool of two: never more than two run, and all five end measured. And the
 * browser runs below the watchdog's CPU priority, every process of it (browser.nice, default 10): a probe loop
 * that wakes takes a core from a page load at once.
 */
class PoolBoundTest {
  @Test
  void neverMoreLoadsThanTheConcurrency() throws Exception {
    var exe = LabFleet.browserOrSkip();
    LabFleet lab = LabFleet.start();
    Vertx vertx = Vertx.vertx();
    BrowserPool pool = new BrowserPool(vertx, lab.settings(2, Duration.ofSeconds(30), 1000, 4096), exe);
    try {
      List<Future<BrowserRun>> runs = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        runs.add(pool.load("lab-" + i, Target.HOMEPAGE, lab.page("loi-truy-cap")));
      }
      Future.all(runs).await();
      assertThat(runs).allSatisfy(r -> assertThat(r.result().outcome()).isEqualTo(BrowserRun.Outcome.OK));
      assertThat(pool.peakRunning()).isEqualTo(2);
      ProcessHandle browser = ProcessHandle.of(pool.browserPid()).orElseThrow();
      List<ProcessHandle> all = new ArrayList<>(browser.descendants().toList());
      all.add(browser);
      assertThat(all).as("the browser and its processes").hasSizeGreaterThan(1)
          .allSatisfy(p -> assertThat(niceness(p.pid())).as("niceness of " + p.info().command().orElse("?"))
              .isEqualTo(10).isGreaterThan(niceness(ProcessHandle.current().pid())))
          .allSatisfy(p -> assertThat(policy(p.pid())).as("scheduling class of " + p.info().command().orElse("?"))
              .isEqualTo(SCHED_IDLE));
      assertThat(policy(ProcessHandle.current().pid())).as("the watchdog's own class").isNotEqualTo(SCHED_IDLE);
      // A slot is freed once its page's context is disposed of, a moment after the run is handed over.
      long until = System.nanoTime() + 5_000_000_000L;
      while (pool.running() > 0 && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      assertThat(pool.running()).isZero();
    } finally {
      pool.close().await();
      vertx.close().await();
      lab.close();
    }
  }

  /** Linux's SCHED_IDLE policy number. */
  private static final int SCHED_IDLE = 5;

  /** The niceness in /proc/PID/stat: the 19th field. */
  static int niceness(long pid) throws java.io.IOException {
    return Integer.parseInt(stat(pid)[16]);
  }

  /** The scheduling policy in /proc/PID/stat: the 41st field. */
  static int policy(long pid) throws java.io.IOException {
    return Integer.parseInt(stat(pid)[38]);
  }

  /** The fields of /proc/PID/stat from the third on, counted after the command name's closing parenthesis. */
  private static String[] stat(long pid) throws java.io.IOException {
    String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
  }
}
