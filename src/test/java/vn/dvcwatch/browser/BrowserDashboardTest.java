package vn.dvcwatch.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.Target;

/**
 * Every {@code dvc_browser_*} metric a Grafana dashboard queries exists once the room has recorded a run. (The
 * demo test that checks the other dashboards' metrics runs without a browser, where the per-portal figures
 * cannot exist yet.)
 */
class BrowserDashboardTest {
  @Test
  void everyBrowserMetricTheDashboardsQueryExists() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      BrowserPool pool = new BrowserPool(vertx, BrowserSettings.defaults(), Path.of("/usr/bin/chromium"));
      BrowserMetrics metrics = new BrowserMetrics(registry, pool);
      metrics.record(new BrowserRun("p", Target.HOMEPAGE, URI.create("https://p.example/"), Instant.now(), 3000,
          BrowserRun.Outcome.OK, "đã tải", "none", "mobile", "156", 800.0, 1200.0, 0.05, 30.0, 1500.0, 400_000, 20,
          Map.of(), 0, 0, 0, new BrowserRun.Axe("4.11.1", List.of(), null), null, List.of()));
      Set<String> exposed = new HashSet<>();
      for (String line : registry.scrape().split("\n")) {
        if (!line.startsWith("#") && !line.isBlank()) {
          exposed.add(line.split("[{ ]", 2)[0]);
        }
      }
      Set<String> queried = new TreeSet<>();
      Pattern metric = Pattern.compile("\\b(dvc_browser_[a-z0-9_]+)");
      int panels = 0;
      try (var files = Files.list(Path.of("dashboards"))) {
        for (Path f : files.filter(x -> x.toString().endsWith(".json")).toList()) {
          for (Object p : new JsonObject(Files.readString(f)).getJsonArray("panels", new JsonArray())) {
            boolean browser = false;
            for (Object t : ((JsonObject) p).getJsonArray("targets", new JsonArray())) {
              Matcher m = metric.matcher(((JsonObject) t).getString("expr", ""));
              while (m.find()) {
                queried.add(m.group(1));
                browser = true;
              }
            }
            panels += browser ? 1 : 0;
          }
        }
      }
      assertThat(panels).as("panels on the browser room").isGreaterThanOrEqualTo(2);
      assertThat(queried).contains("dvc_browser_lcp_seconds", "dvc_browser_cls", "dvc_browser_runs_total")
          .allSatisfy(q -> assertThat(exposed).as("queried by a dashboard").contains(q));
    } finally {
      vertx.close().await();
    }
  }
}
