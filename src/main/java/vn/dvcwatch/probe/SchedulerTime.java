package vn.dvcwatch.probe;

import io.vertx.core.Vertx;

/**
 * Time as the {@link ProbeScheduler} sees it: a nanosecond clock and one-shot timers. The product uses the
 * JVM's monotonic clock and Vert.x timers; a test moves time itself and sees the order and spacing of the
 * probes the scheduler starts, whatever the load of the machine running it.
 */
interface SchedulerTime {
  long nanoTime();

  /** Runs {@code action} once, {@code delayMs} from now; returns an id for {@link #cancelTimer}. */
  long setTimer(long delayMs, Runnable action);

  void cancelTimer(long id);

  /** Wall time: {@link System#nanoTime()} and the timers of {@code vertx}, on the caller's context. */
  static SchedulerTime of(Vertx vertx) {
    return new SchedulerTime() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public long setTimer(long delayMs, Runnable action) {
        return vertx.setTimer(delayMs, id -> action.run());
      }

      @Override
      public void cancelTimer(long id) {
        vertx.cancelTimer(id);
      }
    };
  }
}
