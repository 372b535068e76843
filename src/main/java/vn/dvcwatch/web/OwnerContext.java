package vn.dvcwatch.web;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Work on state that one context owns (the hub's clients, the watchdog's read model), asked for from
 * whichever event loop served the request: it runs on the owner's context, at once when the caller is
 * already there.
 */
public final class OwnerContext {
  private OwnerContext() {}

  public static void run(Context owner, Runnable task) {
    if (Vertx.currentContext() == owner) {
      task.run();
    } else {
      owner.runOnContext(v -> task.run());
    }
  }

  /** Runs {@code work} on {@code owner}; the future completes with its result. */
  public static <T> Future<T> call(Context owner, Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    run(owner, () -> work.get().onComplete(done));
    return done.future();
  }
}
