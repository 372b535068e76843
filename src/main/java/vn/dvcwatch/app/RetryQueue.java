package vn.dvcwatch.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.store.DbFailure;

/**
 * State changes that must reach the database (incidents with their alert rows, status transitions, grade
 * history, flapping and watchdog-network notices), written in the order they happened. A failed write stays
 * at the head of the queue and is retried, so an outage delays these rows but never loses or reorders them.
 * Failures are judged by the store's one rule ({@link DbFailure}): only a statement the server refused is
 * logged as an error and skipped, since retrying cannot change the answer; a server that is away, shutting
 * down or starting up is retried like a refused connection. Used on one event-loop context only.
 */
final class RetryQueue {
  private static final Logger LOG = LoggerFactory.getLogger(RetryQueue.class);
  private static final Duration RETRY_EVERY = Duration.ofSeconds(2);

  private final Vertx vertx;
  private final long retryMs;
  private final Deque<Write> queue = new ArrayDeque<>();
  private boolean running;
  private volatile long failedAttempts;
  private volatile int depth; // queue.size(), readable from a metrics scrape on another thread
  private boolean closed;

  private record Write(String what, Supplier<Future<Void>> action) {}

  RetryQueue(Vertx vertx) {
    this(vertx, RETRY_EVERY);
  }

  RetryQueue(Vertx vertx, Duration retryEvery) {
    this.vertx = vertx;
    this.retryMs = retryEvery.toMillis();
  }

  /** Queues a write; it runs after every write queued before it has succeeded. */
  void submit(String what, Supplier<Future<Void>> action) {
    queue.addLast(new Write(what, action));
    depth = queue.size();
    drain();
  }

  int depth() {
    return depth;
  }

  /** Attempts that failed since start, retried or skipped: an outage shows here before the queue drains. */
  long failedAttempts() {
    return failedAttempts;
  }

  /** Tries once more to write what is queued, then stops retrying. */
  Future<Void> close() {
    closed = true;
    return queue.isEmpty() ? Future.succeededFuture() : drainOnce();
  }

  private Future<Void> drainOnce() {
    Write head = queue.peekFirst();
    if (head == null) {
      return Future.succeededFuture();
    }
    return head.action().get().compose(x -> {
      removeHead();
      return drainOnce();
    }, err -> {
      LOG.warn("{} writes not stored at shutdown (first: {}): {}", queue.size(), head.what(), err.toString());
      return Future.succeededFuture();
    });
  }

  private void removeHead() {
    queue.pollFirst();
    depth = queue.size();
  }

  private void drain() {
    if (running || closed) {
      return;
    }
    Write head = queue.peekFirst();
    if (head == null) {
      return;
    }
    running = true;
    Future<Void> f;
    try {
      f = head.action().get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> {
      running = false;
      if (ar.succeeded()) {
        removeHead();
        drain();
        return;
      }
      failedAttempts++; // written on this context only
      if (!DbFailure.of(ar.cause()).retry()) {
        // The server answered and refused the row: retrying cannot help, and it must not hold up the rest.
        LOG.error("database refused {}; skipped: {}", head.what(), ar.cause().toString());
        removeHead();
        drain();
      } else {
        LOG.warn("could not store {} ({} waiting), retrying in {} ms: {}", head.what(), queue.size(), retryMs,
            ar.cause().toString());
        vertx.setTimer(retryMs, t -> drain());
      }
    });
  }
}
