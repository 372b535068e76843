package vn.dvcwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.probe.Outcome;
import vn.dvcwatch.probe.ProbeResult;
import vn.dvcwatch.probe.Target;

/** Batched writes and the reads built on them, on a real embedded PostgreSQL. */
class ProbeLogTest {
  private static Vertx vertx;
  private static Store store;
  private static Path dir;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    dir = Fixtures.dataDir("probelog");
    store = Fixtures.start(vertx, Fixtures.settings(10_000, 100), dir);
  }

  @AfterAll
  static void stop() {
    store.close().await();
    vertx.close().await();
  }

  @Test
  void batchesAreWrittenAndReadBackWholeInTimeOrder() {
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(30));
    ProbeLog log = store.probes();
    long before = log.written();
    for (int i = 0; i < 250; i++) {
      Instant at = t0.plusSeconds(i * 5L);
      log.append(i % 50 == 7 ? Fixtures.down("hist", Target.EFORM, at)
          : Fixtures.up("hist", i % 2 == 0 ? Target.HOMEPAGE : Target.EFORM, at, 100 + i, 900 + i));
    }
    log.flush().await();
    assertThat(log.written() - before).isEqualTo(250);
    assertThat(log.bufferDepth()).isZero();

    List<ProbeResult> all = log.history("hist", t0, t0.plus(Duration.ofHours(1)), 1000).await();
    assertThat(all).hasSize(250);
    assertThat(all).isSortedAccordingTo((a, b) -> a.startedAt().compareTo(b.startedAt()));
    ProbeResult first = all.get(0);
    assertThat(first).isEqualTo(Fixtures.up("hist", Target.HOMEPAGE, t0, 100, 900));
    assertThat(all.get(7).outcome()).isEqualTo(Outcome.DOWN);
    assertThat(all.get(7).phases().connect()).isNull();
    assertThat(all.get(7).tls()).isNull();

    List<ProbeResult> newest = log.history("hist", t0, t0.plus(Duration.ofHours(1)), 10).await();
    assertThat(newest).hasSize(10).last().extracting(ProbeResult::startedAt).isEqualTo(t0.plusSeconds(249 * 5L));
    assertThat(log.history("other", t0, t0.plus(Duration.ofHours(1)), 10).await()).isEmpty();
  }
}
