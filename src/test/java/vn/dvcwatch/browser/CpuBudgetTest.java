package vn.dvcwatch.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** browser.cpuBudget's arithmetic: a bucket of CPU-seconds filled at the budget's rate, emptied by each load. */
class CpuBudgetTest {
  private final AtomicLong clock = new AtomicLong();

  private void advance(double seconds) {
    clock.addAndGet((long) (seconds * 1e9));
  }

  @Test
  void aLoadBeyondTheBudgetRestsTheRoomUntilTheBudgetHasPaidForIt() {
    CpuBudget b = new CpuBudget(0.25, clock::get); // 10 CPU-seconds at once, then a quarter each second
    assertThat(b.restMillis()).as("an idle room starts at once").isZero();
    b.spent(3);
    b.spent(3);
    b.spent(3);
    assertThat(b.restMillis()).as("9 of 10 spent").isZero();
    b.spent(3);
    assertThat(b.restMillis()).as("2 CPU-seconds over, at 0.25 a second").isEqualTo(8000);
    advance(4);
    assertThat(b.restMillis()).isEqualTo(4000);
    advance(4);
    assertThat(b.restMillis()).isZero();
  }

  @Test
  void idleTimeBuysNoMoreThanTheBurst() {
    CpuBudget b = new CpuBudget(0.5, clock::get); // burst 20 CPU-seconds
    advance(3600);
    b.spent(21);
    assertThat(b.restMillis()).as("an hour idle saved up no more than 20 CPU-seconds").isEqualTo(2000);
  }

  @Test
  void noBudgetNeverRests() {
    CpuBudget b = new CpuBudget(0, clock::get);
    b.spent(1000);
    assertThat(b.restMillis()).isZero();
  }

  @Test
  void theBrowsersTimeIsReadFromProc() {
    long before = ChromeProcess.ticks(ProcessHandle.current().pid());
    long until = System.nanoTime() + 300_000_000L;
    double x = 0;
    while (System.nanoTime() < until) {
      x += Math.sqrt(x + 1);
    }
    assertThat(x).isPositive();
    assertThat(ChromeProcess.ticks(ProcessHandle.current().pid()) - before)
        .as("a third of a second of our own CPU, in ticks of 10 ms").isGreaterThanOrEqualTo(15);
    assertThat(ChromeProcess.ticks(Long.MAX_VALUE)).as("a process that is not there").isZero();
  }
}
