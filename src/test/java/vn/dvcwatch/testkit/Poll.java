package vn.dvcwatch.testkit;

import java.time.Duration;

/**
 * The one way tests wait: poll a condition every few milliseconds up to a bound, instead of sleeping a fixed
 * time and hoping. A test that asserts "nothing happened" first waits for something observable that comes
 * after the thing that must not happen (a drained outbox and two more passes of the sender, a later event),
 * then checks.
 */
public final class Poll {
  private static final Duration EVERY = Duration.ofMillis(20);

  /** A condition that may ask over the network; an exception fails the test. */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  private Poll() {}

  /** Polls until the condition holds or {@code within} has passed; returns whether it held. */
  public static boolean until(Condition condition, Duration within) {
    return until(condition, within, EVERY);
  }

  /** Like {@link #until(Condition, Duration)}, polling every {@code every} (a condition that costs a request). */
  public static boolean until(Condition condition, Duration within, Duration every) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (check(condition)) {
        return true;
      }
      try {
        Thread.sleep(every.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return check(condition);
  }

  /** Like {@link #until(Condition, Duration)}, failing the test with {@code what} if the condition never held. */
  public static void await(String what, Condition condition, Duration within) {
    await(what, condition, within, EVERY);
  }

  public static void await(String what, Condition condition, Duration within, Duration every) {
    if (!until(condition, within, every)) {
      throw new AssertionError("timed out after " + within.toMillis() + " ms waiting for: " + what);
    }
  }

  private static boolean check(Condition condition) {
    try {
      return condition.holds();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("while waiting: " + e, e);
    }
  }
}
