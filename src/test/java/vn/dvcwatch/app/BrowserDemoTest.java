package vn.dvcwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.browser.BrowserSettings;

/**
 * The demo with its browser room on: within the first browser round every simulated portal has browser
 * runs behind {@code /api/v1/portals/{id}/browser}, and readiness reports the browser.
 */
class BrowserDemoTest {
  @org.junit.jupiter.api.io.TempDir Path dir;

  @Test
  void everyPortalHasBrowserFiguresWithinTheFirstRound() throws Exception {
    Assumptions.assumeTrue(BrowserSettings.defaults().executable() != null, "no Chromium installed");
    // Two portals, four pages, a 30 s round: a page every 7.5 s from 5 s after start. The wait allows five
    // rounds: in a full test run on a shared 2-core machine, the browser alone took 14 s to start.
    try (RunningDemo demo = new RunningDemo(dir.resolve("data"), 2, 0, Map.of(
        "DVC_BROWSER_ENABLED", "true", "DVC_BROWSER_INTERVAL", "30s", "DVC_BROWSER_DEADLINE", "20s"))) {
      JsonArray portals = new JsonArray(demo.get("/api/v1/portals").body());
      long until = System.nanoTime() + 150_000_000_000L;
      boolean all = false;
      while (!all && System.nanoTime() < until) {
        Thread.sleep(1000);
        all = true;
        for (Object o : portals) {
          String id = ((JsonObject) o).getString("id");
          JsonObject b = new JsonObject(demo.get("/api/v1/portals/" + id + "/browser").body());
          all &= b.getJsonArray("runs").size() >= 2;
        }
      }
      assertThat(all).as("every portal's homepage and eForm page loaded, stored and served").isTrue();
      JsonObject ready = new JsonObject(demo.get("/health/ready").body());
      assertThat(ready.getJsonObject("checks").getJsonObject("browser").getBoolean("available")).isTrue();
      assertThat(demo.get("/metrics").body()).contains("dvc_browser_runs_total");
    }
  }
}
