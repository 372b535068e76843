package vn.dvcwatch.app;

import vn.dvcwatch.store.BundledPostgres;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dvcwatch.testkit.Poll;

/**
 * R2 as a drill on the whole product: PostgreSQL (external, by URL) stops under a running watchdog.
 * Probing, grading and the board go on; readiness says DEGRADED and /metrics says dvc_db_up 0; results
 * queue in the buffer; when the database is back, readiness is UP again and the results probed during the
 * outage are in the history.
 *
 * <p>In CI the database stays away only as long as the checks take (10-20 s); {@code
 * -Ddrill.outageSeconds=60} holds it away for that long ({@code bench/faults/r2-db-outage.sh}). The figures
 * go to the test's output as {@code R2 ...} lines.
 */
class DatabaseOutageDrillTest {
  @TempDir Path dir;

  @Test
  void theBoardGoesOnWhileTheDatabaseIsAwayAndNothingProbedMeanwhileIsLost() throws Exception {
    int port = vn.dvcwatch.testkit.LowPorts.one();
    Path pgData = dir.resolve("pg");
    EmbeddedPostgres pg = BundledPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false).setPort(port).start();
    try (RunningDemo demo = new RunningDemo(dir.resolve("data"), 8, 24000,
        Map.of("DVC_DB_URL", "postgresql://localhost:" + port + "/postgres", "DVC_DB_FLUSHEVERY", "500ms"))) {
      await("first results stored", 60, () -> history(demo, "bo-cong-an", Instant.now().minusSeconds(3600)) > 0);
      assertThat(ready(demo).getString("status")).isEqualTo("UP");

      pg.close(); // the database goes away
      Instant outageStart = Instant.now();
      await("readiness reports the outage", 30, () -> "DEGRADED".equals(ready(demo).getString("status")));
      assertThat(ready(demo).getJsonObject("checks").getJsonObject("database").getBoolean("up")).isFalse();
      assertThat(metric(demo, "dvc_db_up")).isEqualTo(0.0);
      double probesAtOutage = probes(demo);
      await("probing goes on and results are buffered", 30,
          () -> probes(demo) > probesAtOutage + 8 && metric(demo, "dvc_store_buffer_depth") > 0);
      assertThat(demo.get("/api/v1/portals").statusCode()).isEqualTo(200);
      assertThat(new JsonArray(demo.get("/api/v1/portals").body())).hasSize(8);
      long hold = Long.getLong("drill.outageSeconds", 0);
      double deepest = metric(demo, "dvc_store_buffer_depth");
      while (Duration.between(outageStart, Instant.now()).toSeconds() < hold) {
        assertThat(demo.get("/api/v1/portals").statusCode()).as("the board during the outage").isEqualTo(200);
        deepest = Math.max(deepest, metric(demo, "dvc_store_buffer_depth"));
        Thread.sleep(1000);
      }
      double probesDuringOutage = probes(demo) - probesAtOutage;
      Instant outageEnd = Instant.now();

      pg = BundledPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false).setPort(port).start();
      await("readiness is UP again", 60, () -> "UP".equals(ready(demo).getString("status")));
      await("the buffer drains", 30, () -> metric(demo, "dvc_store_buffer_depth") == 0);
      assertThat(metric(demo, "dvc_store_buffer_overflowed_total")).isZero();
      await("results probed during the outage are in the history", 30,
          () -> history(demo, "bo-cong-an", outageStart) > 0);
      Instant drained = Instant.now();
      // Every result probed while the database was away is stored (up to the probes that straddle the edges:
      // 8 portals x 2 pages at most in flight).
      int stored = storedBetween(demo, outageStart, outageEnd);
      assertThat((double) stored).isGreaterThanOrEqualTo(probesDuringOutage - 16);
      System.out.printf("R2 database away %d s: %.0f probes meanwhile, %d of them in the history afterwards,"
              + " deepest buffer %.0f results, 0 overflowed; UP and drained %d s after the database came back%n",
          Duration.between(outageStart, outageEnd).toSeconds(), probesDuringOutage, stored, deepest,
          Duration.between(outageEnd, drained).toSeconds());
    } finally {
      pg.close();
    }
  }

  private static JsonObject ready(RunningDemo demo) {
    try {
      return new JsonObject(demo.get("/health/ready").body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int history(RunningDemo demo, String id, Instant from) {
    try {
      var r = demo.get("/api/v1/portals/" + id + "/history?from=" + from + "&to=" + Instant.now().plusSeconds(60));
      return r.statusCode() == 200 ? new JsonArray(r.body()).size() : 0;
    } catch (Exception e) {
      return 0;
    }
  }

  private static int storedBetween(RunningDemo demo, Instant from, Instant to) throws Exception {
    int n = 0;
    for (Object o : new JsonArray(demo.get("/api/v1/portals").body())) {
      String id = ((JsonObject) o).getString("id");
      var r = demo.get("/api/v1/portals/" + id + "/history?from=" + from + "&to=" + to);
      assertThat(r.statusCode()).isEqualTo(200);
      n += new JsonArray(r.body()).size();
    }
    return n;
  }

  private static double probes(RunningDemo demo) {
    return demo.metrics.probesTotal();
  }

  private static double metric(RunningDemo demo, String name) {
    try {
      for (String line : demo.get("/metrics").body().split("\n")) {
        if (line.startsWith(name + " ")) {
          return Double.parseDouble(line.substring(name.length() + 1).trim());
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError(name + " is not in /metrics");
  }

  private static void await(String what, int seconds, BooleanSupplier condition) {
    Poll.await(what, condition::getAsBoolean, Duration.ofSeconds(seconds), Duration.ofMillis(250)); // each poll asks the demo over HTTP
  }

}
