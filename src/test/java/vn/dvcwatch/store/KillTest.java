package vn.dvcwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.status.Incident;

/**
 * R1 for the store: SIGKILL of a watchdog process mid-run. Everything it committed is there after a
 * restart on the same data directory (whose postmaster it left orphaned); what was only in its buffer
 * is lost, as documented.
 */
class KillTest {

  @Test
  void whatWasCommittedSurvivesKillMinusNine() throws Exception {
    Path dir = Fixtures.dataDir("killed");
    Instant t0 = KilledWriter.start();
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        KilledWriter.class.getName(), dir.toString(), t0.toString())
        .redirectErrorStream(true).start();
    String ready;
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> out.lines()
          .filter(l -> l.startsWith("READY")).findFirst().orElse("child exited"));
      ready = line.get(90, TimeUnit.SECONDS);
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hook runs, PostgreSQL is left running orphaned
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(ready).isEqualTo("READY " + KilledWriter.COMMITTED + " " + KilledWriter.BUFFERED);

    Vertx vertx = Vertx.vertx();
    Store store = Fixtures.start(vertx, Fixtures.settings(1000, 50), dir);
    try {
      assertThat(store.probes().history("killed", t0, t0.plus(Duration.ofHours(1)), 1000).await())
          .hasSize(KilledWriter.COMMITTED);
      assertThat(store.incidents().openIncidents().await()).extracting(Incident::id).containsExactly("killed-1");
      assertThat(Fixtures.count(store, "SELECT count(*) FROM alert_outbox WHERE alert_key = 'down:killed-1'"))
          .isEqualTo(1);
      assertThat(store.up()).isTrue();
    } finally {
      store.close().await();
      vertx.close().await();
    }
  }
}
