package vn.dvcwatch.probe;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Scheduler time that only the test moves. {@link #advance} runs each timer that comes due at its own time,
 * in order, and lets the scheduler's context finish what it started before time moves on: the probes a test
 * sees started, and when, do not depend on how busy the machine is.
 */
final class ManualTime implements SchedulerTime {
  private record Timer(long id, long at, Runnable action) {}

  private final Context context;
  private final List<Timer> timers = new ArrayList<>();
  private long now = TimeUnit.SECONDS.toNanos(1_000);
  private long nextId;

  /** {@code context}: the scheduler's, where its timers' actions must finish. */
  ManualTime(Context context) {
    this.context = context;
  }

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized long setTimer(long delayMs, Runnable action) {
    long id = ++nextId;
    timers.add(new Timer(id, now + TimeUnit.MILLISECONDS.toNanos(delayMs), action));
    return id;
  }

  @Override
  public synchronized void cancelTimer(long id) {
    timers.removeIf(t -> t.id() == id);
  }

  /** Milliseconds since {@code origin}, a value of {@link #nanoTime()}. */
  synchronized double millisSince(long origin) {
    return (now - origin) / 1e6;
  }

  void advance(Duration d) {
    settle(); // what the test handed the scheduler (a fleet, a start, a retry) happens before time moves
    long end;
    synchronized (this) {
      end = now + d.toNanos();
    }
    while (true) {
      Timer next;
      synchronized (this) {
        next = timers.stream().filter(t -> t.at() - end <= 0)
            .min(Comparator.comparingLong(Timer::at).thenComparingLong(Timer::id)).orElse(null);
        if (next == null) {
          now = end;
          break;
        }
        timers.remove(next);
        now = Math.max(now, next.at());
      }
      next.action().run();
      settle();
    }
    settle();
  }

  /** Waits until the scheduler's context has run everything handed to it so far. */
  void settle() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> done.complete());
    done.future().await();
  }
}
