package vn.dvcwatch.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.Target;

/**
 * browser.cpuBudget holds loads back once the browser has used it. With a budget of 0.002 core (an idle room may
 * spend 0.08 CPU-second at once): a load handed in outside the budget (the demo's packed first round) starts at
 * once and is not counted, so the next, budgeted load starts at once too; that one spends the budget (axe-core
 * alone takes more), and the load after it waits.
 */
class PoolBudgetTest {
  @Test
  void aSpentBudgetHoldsTheNextLoad() throws Exception {
    var exe = LabFleet.browserOrSkip();
    LabFleet lab = LabFleet.start();
    Vertx vertx = Vertx.vertx();
    BrowserPool pool = new BrowserPool(vertx,
        lab.settings(1, Duration.ofSeconds(30), 1000, 4096).withCpuBudget(0.002), exe);
    try {
      BrowserRun packed = pool.load("lab-1", Target.HOMEPAGE, lab.page("loi-truy-cap"), false).await();
      assertThat(packed.outcome()).isEqualTo(BrowserRun.Outcome.OK);
      BrowserRun budgeted = pool.load("lab-2", Target.HOMEPAGE, lab.page("loi-truy-cap")).await();
      assertThat(budgeted.outcome()).isEqualTo(BrowserRun.Outcome.OK);
      assertThat(pool.restedMillis()).as("the unbudgeted load (and the browser's start) cost the budget nothing").isZero();
      Future<BrowserRun> held = pool.load("lab-3", Target.HOMEPAGE, lab.page("loi-truy-cap"));
      Thread.sleep(3000);
      assertThat(held.isComplete()).as("the third load waits for the budget").isFalse();
      assertThat(pool.queued()).isEqualTo(1);
      assertThat(pool.restedMillis()).as("over 0.1 CPU-second spent at 0.002 core: a rest of over 10 s")
          .isGreaterThan(10_000);
    } finally {
      pool.close().await();
      vertx.close().await();
      lab.close();
    }
  }
}
