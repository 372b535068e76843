package vn.dvcwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dvcwatch.result.Cause;
import vn.dvcwatch.sim.SimMode;
import vn.dvcwatch.testkit.Poll;

/**
 * A failure still awaiting confirmation leaves a portal UP, and an UP portal shows no cause: the board's row
 * said "UP" with cause "malformed_response" while the stream's status events already cleared the cause on UP.
 */
class PendingStatusTest {
  @TempDir Path dir;

  @Test
  void anUnconfirmedFailureShowsNoCauseBesideUp() throws Exception {
    // 20 failures 5 s apart to confirm: the failure stays pending for the whole test.
    try (RunningDemo demo = new RunningDemo(dir, 4, 0, Map.of("DVC_PROBE_CONFIRMDOWN", "20",
        "DVC_PROBE_RETRYINTERVAL", "5s"))) {
      String id = demo.verticle.sim().portals().get(0).id();
      Poll.await("the portal is UP", () -> "UP".equals(row(demo, id).getString("status")), Duration.ofSeconds(60));
      demo.verticle.sim().setMode(id, SimMode.MALFORMED_STATUS);
      AtomicReference<JsonObject> seen = new AtomicReference<>();
      Poll.await("a failed probe is the latest", () -> {
        JsonObject r = row(demo, id);
        seen.set(r);
        JsonObject latest = r.getJsonObject("latest");
        JsonObject home = latest == null ? null : latest.getJsonObject("homepage");
        return home != null && Cause.MALFORMED.equals(home.getString("cause"));
      }, Duration.ofSeconds(60));
      assertThat(seen.get().getString("status")).isEqualTo("UP");
      assertThat(seen.get().getValue("cause")).as(seen.get().encode()).isNull();
    }
  }

  private static JsonObject row(RunningDemo demo, String id) throws Exception {
    return new JsonObject(demo.get("/api/v1/portals/" + id).body());
  }
}
