package vn.dvcwatch.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.registry.PortalKind;
import vn.dvcwatch.store.DbSettings;
import vn.dvcwatch.store.Store;

/**
 * A run goes into PostgreSQL with its figures, method and axe summary, comes back out of
 * {@code GET /api/v1/portals/{id}/browser} with its screenshot and filmstrip, shows in {@code dvc_browser_*}, and
 * {@code check URL --browser --json} prints the same load under the key {@code browser}.
 */
class BrowserRunsApiTest {
  private static LabFleet lab;
  private static Vertx vertx;
  private static Store store;
  private static BrowserPool pool;
  private static Path exe;

  @BeforeAll
  static void start() throws Exception {
    exe = LabFleet.browserOrSkip();
    lab = LabFleet.start();
    vertx = Vertx.vertx();
    store = Store.start(vertx, DbSettings.embeddedDefaults(), LabFleet.tempDir("dvc-browser-store")).await();
    pool = new BrowserPool(vertx, lab.settings(1, Duration.ofSeconds(30), 1000, 4096), exe);
  }

  @AfterAll
  static void stop() {
    if (lab != null) {
      pool.close().await();
      store.close().await();
      vertx.close().await();
      lab.close();
    }
  }

  @Test
  void aRunIsStoredServedAndCounted() {
    BrowserRun run = pool.load("lab", Target.EFORM, lab.page("loi-truy-cap")).await();
    BrowserRuns runs = new BrowserRunsPostgres(store.pool());
    runs.append(run).await();
    // what scoring v2 reads back at start: the newest scored run of each page, of the model's method only
    assertThat(runs.latestScored("none").await()).singleElement()
        .satisfies(r -> assertThat(r.portalId() + " " + r.target()).isEqualTo("lab " + Target.EFORM));
    assertThat(runs.latestScored("simulate").await()).isEmpty();

    Router router = Router.router(vertx);
    Portal portal = new Portal("lab", "Phòng thử", PortalKind.PROVINCE, lab.page("loi-truy-cap"), null, "Sở", List.of(),
        0.995, null, null, true);
    new BrowserRoutes(runs, id -> id.equals(portal.id()), null).mount(router);
    int port = vertx.createHttpServer().requestHandler(router).listen(0).await().actualPort();
    WebClient client = WebClient.create(vertx);
    JsonObject body = client.get(port, "127.0.0.1", "/api/v1/portals/lab/browser").send().await().bodyAsJsonObject();
    JsonObject stored = body.getJsonArray("runs").getJsonObject(0);
    assertThat(stored.getString("target")).isEqualTo("eform");
    assertThat(stored.getString("method")).isEqualTo("none");
    assertThat(stored.getString("outcome")).as(stored.getString("cause")).isEqualTo("ok");
    assertThat(stored.getLong("lcp")).isEqualTo(Math.round(run.lcp()));
    assertThat(stored.getJsonObject("axe").getJsonArray("violations").stream().map(v -> ((JsonObject) v).getString("id")))
        .containsExactlyInAnyOrderElementsOf(vn.dvcwatch.sim.BrowserLabFacts.axeRules());
    var shot = client.get(port, "127.0.0.1", stored.getString("screenshot")).send().await();
    assertThat(shot.getHeader("Content-Type")).isEqualTo("image/jpeg");
    assertThat(shot.body().getBytes()).startsWith((byte) 0xFF, (byte) 0xD8); // a JPEG
    // The filmstrip: each frame's time (in order, as loaded) and address, each frame served as stored.
    var frames = stored.getJsonArray("frames");
    assertThat(frames).hasSize(run.frames().size()).isNotEmpty();
    for (int i = 0; i < frames.size(); i++) {
      JsonObject f = frames.getJsonObject(i);
      assertThat(f.getLong("ms")).isEqualTo(Math.round(run.frames().get(i).ms()));
      var jpeg = client.get(port, "127.0.0.1", f.getString("src")).send().await();
      assertThat(jpeg.getHeader("Content-Type")).isEqualTo("image/jpeg");
      assertThat(jpeg.body().getBytes()).isEqualTo(run.frames().get(i).jpeg());
    }
    assertThat(client.get(port, "127.0.0.1", "/api/v1/portals/lab/browser/" + stored.getLong("id") + "/frames/"
        + frames.size()).send().await().statusCode()).isEqualTo(404);
    assertThat(client.get(port, "127.0.0.1", "/api/v1/portals/nobody/browser").send().await().statusCode()).isEqualTo(404);
    assertThat(client.get(port, "127.0.0.1", "/api/v1/portals/lab/browser?limit=0").send().await().statusCode()).isEqualTo(400);

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new BrowserMetrics(registry, pool).record(run);
    assertThat(registry.scrape()).contains("dvc_browser_runs_total{outcome=\"ok\"} 1.0",
        "dvc_browser_lcp_seconds{method=\"none\",portal=\"lab\",target=\"eform\"}", "dvc_browser_up 1.0",
        "dvc_browser_load_seconds_count 1");
  }

  @Test
  void checkWithBrowserPrintsTheLoadUnderTheKeyBrowser() {
    StringWriter out = new StringWriter();
    int code = vn.dvcwatch.cli.Main.execute(new String[] {"check", lab.page("dich-chuyen").toString(), "--browser", "--json",
        "--ca", lab.fleet().caFile().toString(), "--hosts", lab.fleet().hostsFile().toString()}, new PrintWriter(out, true),
        new PrintWriter(new StringWriter(), true));
    JsonObject report = new JsonObject(out.toString());
    JsonObject b = report.getJsonObject("browser");
    assertThat(code).isZero();
    assertThat(b.fieldNames()).containsExactlyInAnyOrder("method", "fcp", "lcp", "cls", "tbt", "load", "bytes", "requests",
        "failedRequests", "consoleErrors", "axe");
    assertThat(b.getDouble("cls")).isCloseTo(vn.dvcwatch.sim.BrowserLabFacts.expectedShift(412, 823),
        org.assertj.core.api.Assertions.within(0.01));
    assertThat(b.getJsonObject("axe").getString("version")).isEqualTo(PageScripts.AXE_VERSION);
  }
}
