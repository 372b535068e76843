package vn.dvcwatch.app;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import vn.dvcwatch.metrics.DvcMetrics;
import vn.dvcwatch.testkit.Poll;

/**
 * The whole product, started in this JVM as `demo` starts it (simulated fleet, real PostgreSQL, probing,
 * grading, web), with settings shortened for tests. Each test class gets its own ports and data dir.
 */
final class RunningDemo implements AutoCloseable {
  final Vertx vertx;
  final WatchdogVerticle verticle;
  final DvcMetrics metrics = new DvcMetrics();
  private final String deployment;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  RunningDemo(Path dataDir, int portals, int simBasePort, Map<String, String> extraEnv) throws Exception {
    this(dataDir, portals, simBasePort, extraEnv, Path.of(DemoSettings.NO_SCENARIO));
  }

  /** As `demo --scenario FILE` plays it (conf/scenarios/demo.yaml is what `demo` plays by default). */
  RunningDemo(Path dataDir, int portals, int simBasePort, Map<String, String> extraEnv, Path scenario) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("DVC_HTTP_PORT", "0");
    env.put("DVC_HTTP_HOST", "127.0.0.1");
    env.put("DVC_PROBE_INTERVAL", "5s");
    env.put("DVC_PROBE_DEADLINE", "4s");
    env.put("DVC_PROBE_RETRYINTERVAL", "1s");
    env.put("DVC_SCORING_EVALUATEEVERY", "2s");
    env.put("DVC_BROWSER_ENABLED", "false"); // a headless browser per demo test only where a test asks for it
    env.put("DVC_REGISTRY_FILE", Path.of("conf/portals.yaml").toAbsolutePath().toString());
    env.put("DVC_SCORING_FILE", Path.of("conf/scoring.yaml").toAbsolutePath().toString());
    env.putAll(extraEnv);
    AppConfig cfg = AppConfig.defaults(env);
    vertx = metrics.newVertx();
    verticle = new WatchdogVerticle(cfg, dataDir, Service.Mode.DEMO,
        new DemoSettings(portals, 2023, scenario, simBasePort), metrics);
    deployment = vertx.deployVerticle(verticle).await(120, TimeUnit.SECONDS);
  }

  String base() {
    return "http://127.0.0.1:" + verticle.webPort();
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Waits until every portal of the ranking is scored, graded and ranked (the first round done and evaluated) and
   * returns that ranking; fails naming what was still missing.
   */
  JsonArray awaitFullBoard(int portals, Duration within) throws Exception {
    JsonArray[] board = {new JsonArray()};
    boolean full = Poll.until(() -> {
      board[0] = new JsonArray(get("/api/v1/portals").body());
      return board[0].size() == portals && board[0].stream().map(JsonObject.class::cast)
          .allMatch(p -> p.getString("grade") != null && p.getValue("score") != null && p.getInteger("rank") != null);
    }, within, Duration.ofMillis(500));
    if (!full) {
      String missing = board[0].stream().map(JsonObject.class::cast).filter(p -> p.getValue("score") == null
          || p.getInteger("rank") == null).map(p -> p.getString("id")).limit(10).toList().toString();
      throw new AssertionError("the board did not fill within " + within.toSeconds() + " s: " + board[0].size()
          + " portals, not yet scored or ranked: " + missing);
    }
    return board[0];
  }

  @Override
  public void close() throws Exception {
    try {
      vertx.undeploy(deployment).await(60, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS); // from this thread: its completion needs no event loop
    }
  }
}
