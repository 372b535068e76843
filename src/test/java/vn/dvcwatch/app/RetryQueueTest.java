package vn.dvcwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.dvcwatch.testkit.Poll;

/**
 * Each kind of database failure injected into the queue's writes: what cannot reach the server (or what the
 * server answers with "not now") is retried in order until it succeeds; only a statement the server refuses
 * is skipped, and it does not hold up the writes behind it.
 */
class RetryQueueTest {
  private static final Duration RETRY = Duration.ofMillis(20);
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static PgException pg(String state) {
    return new PgException("injected", "ERROR", state, null);
  }

  static Stream<Arguments> retried() {
    return Stream.of(
        Arguments.of("connection refused", new ConnectException("Connection refused")),
        Arguments.of("connection closed", ClosedConnectionException.INSTANCE),
        Arguments.of("pool timeout", new io.vertx.core.VertxException("Timeout", true)),
        Arguments.of("server shutting down (57P01)", pg("57P01")),
        Arguments.of("server starting up (57P03)", pg("57P03")),
        Arguments.of("connection failure (08006)", pg("08006")),
        Arguments.of("deadlock, retry asked (40P01)", pg("40P01")),
        Arguments.of("serialization failure (40001)", pg("40001")),
        Arguments.of("shutting down, wrapped", new RuntimeException("write failed", pg("57P01"))));
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("unique violation (23505)", pg("23505")),
        Arguments.of("value too long (22001)", pg("22001")),
        Arguments.of("undefined column (42703)", pg("42703")));
  }

  /** A write that fails {@code failures} times with {@code failure}, then succeeds; records its attempts. */
  private static final class FlakyWrite implements Supplier<Future<Void>> {
    final String name;
    final AtomicInteger attempts = new AtomicInteger();
    final int failures;
    final Throwable failure;
    final List<String> written;

    FlakyWrite(String name, int failures, Throwable failure, List<String> written) {
      this.name = name;
      this.failures = failures;
      this.failure = failure;
      this.written = written;
    }

    @Override
    public Future<Void> get() {
      if (attempts.incrementAndGet() <= failures) {
        return Future.failedFuture(failure);
      }
      written.add(name);
      return Future.succeededFuture();
    }
  }

  private static void submitAll(RetryQueue q, FlakyWrite... writes) {
    Context ctx = vertx.getOrCreateContext(); // the queue lives on one context, like the watchdog's
    ctx.runOnContext(v -> {
      for (FlakyWrite w : writes) {
        q.submit(w.name, w);
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("retried")
  void aWriteTheDatabaseCouldNotTakeIsRetriedUntilItSucceedsAndKeepsItsPlace(String name, Throwable failure) {
    List<String> written = new CopyOnWriteArrayList<>();
    FlakyWrite first = new FlakyWrite("incident opened", 3, failure, written);
    FlakyWrite second = new FlakyWrite("flapping notice", 0, null, written);
    RetryQueue q = new RetryQueue(vertx, RETRY);
    submitAll(q, first, second);

    Poll.await("both writes stored", () -> written.size() == 2, Duration.ofSeconds(10));
    assertThat(written).containsExactly("incident opened", "flapping notice");
    assertThat(first.attempts).hasValue(4);
    assertThat(second.attempts).as("nothing overtakes a write being retried").hasValue(1);
    assertThat(q.depth()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void aWriteTheServerRefusesIsSkippedOnceAndDoesNotHoldUpTheRest(String name, Throwable failure) {
    List<String> written = new CopyOnWriteArrayList<>();
    FlakyWrite refusedRow = new FlakyWrite("grade", Integer.MAX_VALUE, failure, written);
    FlakyWrite next = new FlakyWrite("transition", 0, null, written);
    RetryQueue q = new RetryQueue(vertx, RETRY);
    submitAll(q, refusedRow, next);

    Poll.await("the next write stored", () -> written.size() == 1, Duration.ofSeconds(10));
    assertThat(written).containsExactly("transition");
    assertThat(refusedRow.attempts).as("retrying cannot change a refusal").hasValue(1);
    assertThat(q.depth()).isZero();
  }
}
