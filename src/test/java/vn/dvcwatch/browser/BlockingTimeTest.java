package vn.dvcwatch.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lighthouse's Total Blocking Time arithmetic, task by task. */
class BlockingTimeTest {
  private static BlockingTime.Task t(double start, double duration) {
    return new BlockingTime.Task(start, duration);
  }

  @Test
  void onlyThePartBeyondFiftyMsCounts() {
    assertThat(BlockingTime.total(100.0, 5000, List.of(t(200, 120), t(500, 50), t(900, 49)))).isEqualTo(70.0);
  }

  @Test
  void aTaskIsClippedToStartAtFirstContentfulPaint() {
    // 300 ms task from 0: 200 ms of it after FCP at 100, of which 150 ms block.
    assertThat(BlockingTime.total(100.0, 5000, List.of(t(0, 300)))).isEqualTo(150.0);
  }

  @Test
  void aTaskIsClippedAtTheEndOfObservation() {
    assertThat(BlockingTime.total(0.0, 1000, List.of(t(800, 400)))).isEqualTo(150.0);
    assertThat(BlockingTime.total(0.0, 1000, List.of(t(1200, 400)))).isZero();
  }

  @Test
  void withoutAFirstPaintThereIsNoFigure() {
    assertThat(BlockingTime.total(null, 1000, List.of(t(0, 400)))).isNull();
  }
}
