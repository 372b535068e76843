package vn.dvcwatch.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The one way tests wait: poll a condition every few milliseconds up to a bound, instead of sleeping a fixed
 * time and hoping. A test that asserts "nothing happened" first waits for something observable that comes
 * after the thing that must not happen (a drained outbox, a later event), then checks.
 */
public final class Poll {
  private static final long EVERY_MS = 20;

  private Poll() {}

  /** Polls until the condition holds or {@code within} has passed; returns whether it held. */
  public static boolean until(BooleanSupplier condition, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(EVERY_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }

  /** Like {@link #until}, failing the test with {@code what} if the condition never held. */
  public static void await(String what, BooleanSupplier condition, Duration within) {
    if (!until(condition, within)) {
      throw new AssertionError("timed out after " + within.toMillis() + " ms waiting for: " + what);
    }
  }
}
