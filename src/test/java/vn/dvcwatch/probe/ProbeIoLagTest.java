package vn.dvcwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.testkit.Poll;

/**
 * The probe loops measure their own lateness (docs/PROBING.md, "Honest timings"): Vert.x's blocked-thread checker
 * does not see a hop's handlers, which run on the Netty channel directly, so a loop held by one would go unnoticed.
 */
class ProbeIoLagTest {
  @Test
  void aLoopHeldByRawNettyWorkShowsAsLate() throws Exception {
    Vertx vertx = Vertx.vertx();
    ProbeIo io = ProbeIo.start(vertx, 1);
    try {
      // Work handed to the loop as a hop's is (a Netty task, no Vert.x context): 150 ms of it.
      io.next().execute(() -> LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(150)));
      Poll.await("the held loop seen late", () -> io.longestLagMillis() >= 100, Duration.ofSeconds(10));
      assertThat(io.longestLagMillis()).isLessThan(10_000);
    } finally {
      io.close().await(10, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
