package vn.dvcwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.dvcwatch.cluster.ClusterNode;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.sim.SimFleet;
import vn.dvcwatch.sim.SimMode;
import vn.dvcwatch.testkit.Poll;

/**
 * Three watchdog nodes on one Hazelcast cluster (three clustered Vert.x in this JVM, talking over loopback
 * TCP), each probing one simulated fleet from its own source address (127.0.0.2, .3, .4), sharing one
 * PostgreSQL. A portal failing for one vantage's connections only is PARTIAL with that vantage named and
 * pages nobody; failing for two of three is DOWN, with one incident and its alerts written once.
 * (The separate-process drills of docs/CLUSTER.md kill and freeze nodes; this one is about the vote.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class ClusterVoteTest {
  private static final Duration WITHIN = Duration.ofSeconds(60);
  private static final int[] HAZELCAST = {5811, 5812, 5813};
  @TempDir static Path dir;
  private ClusterFixture bench;
  private EmbeddedPostgres pg;
  private SimFleet sim;
  private final List<ClusterNode> nodes = new ArrayList<>();
  private final List<WatchdogVerticle> watchdogs = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String regional;
  private String outage;

  @BeforeAll
  void start() throws Exception {
    bench = ClusterFixture.start(12, dir);
    pg = bench.pg;
    sim = bench.sim;
    sim.portals().forEach(p -> sim.setDelay(p.id(), Duration.ofMillis(5)));
    Path registry = dir.resolve("portals.yaml");
    Files.writeString(registry, registryYaml(sim.registry()));
    regional = pickUp(0);
    outage = pickUp(1);
    String members = String.join(",", java.util.Arrays.stream(HAZELCAST).mapToObj(p -> "127.0.0.1:" + p).toList());
    for (int i = 0; i < 3; i++) {
      Path conf = dir.resolve("node" + (i + 1) + ".yaml");
      Files.writeString(conf, config(i, registry, members));
      watchdogs.add(ClusterFixture.deploy(conf, dir.resolve("data" + i), nodes));
    }
  }

  /** A portal the simulator serves well (its drawn posture may refuse a certificate, which is DOWN everywhere). */
  private String pickUp(int nth) {
    return sim.portals().stream().filter(p -> p.posture().https() && p.posture().cert().label().equals("valid"))
        .skip(nth).findFirst().orElseThrow().id();
  }

  private String config(int i, Path registry, String members) {
    return bench.nodeConfig(i, registry, "vote-test", members, HAZELCAST[i], """
          interval: 5s
          retryInterval: 1s
          deadline: 4s
          confirmDown: 2
          confirmUp: 2
          fleetFailureRatio: 0.95   # the drawn postures refuse several certificates: no vantage should abstain here
        """, "");
  }

  static String registryYaml(List<Portal> portals) {
    StringBuilder y = new StringBuilder("fleet: \"sim\"\nportals:\n");
    for (Portal p : portals) {
      y.append("  - id: ").append(p.id()).append("\n    name: \"").append(p.name()).append("\"\n    kind: province\n")
          .append("    homepage: ").append(p.homepage()).append("\n    eform: ").append(p.eform())
          .append("\n    owner: \"").append(p.owner()).append("\"\n    contacts: [cntt.").append(p.id())
          .append("@example.invalid]\n    verified: false\n");
    }
    return y.toString();
  }

  @AfterAll
  void stop() throws Exception {
    for (int i = watchdogs.size() - 1; i >= 0; i--) {
      nodes.get(i).vertx().undeploy(nodes.get(i).vertx().deploymentIDs().iterator().next()).await(30, TimeUnit.SECONDS);
      nodes.get(i).close().await(30, TimeUnit.SECONDS);
    }
    if (bench != null) {
      bench.close();
    }
  }

  private JsonObject get(int node, String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + watchdogs.get(node).webPort() + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    return new JsonObject(r.body());
  }

  /** Waits; when it times out, says what each node shows of the portal. */
  private void await(String what, String portal, Poll.Condition condition) throws Exception {
    try {
      Poll.await(what, condition, WITHIN);
    } catch (AssertionError e) {
      StringBuilder seen = new StringBuilder(e.getMessage());
      for (int i = 0; i < 3; i++) {
        JsonObject p = get(i, "/api/v1/portals/" + portal);
        seen.append("\n n").append(i + 1).append(": ").append(p.getString("status")).append(' ')
            .append(p.getJsonObject("vantages")).append(' ').append(get(i, "/health/ready").getJsonObject("cluster"));
      }
      throw new AssertionError(seen.toString(), e);
    }
  }

  /** One SSE client of a node's /api/v1/events: its events ({@code id, event, data}) queued as read. */
  private final class Events implements AutoCloseable {
    final java.util.concurrent.BlockingQueue<JsonObject> got = new java.util.concurrent.LinkedBlockingQueue<>();
    private final java.util.concurrent.CompletableFuture<?> call;

    Events(int node, String lastEventId) {
      HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + watchdogs.get(node).webPort()
          + "/api/v1/events"));
      if (lastEventId != null) {
        req.header("Last-Event-ID", lastEventId);
      }
      call = http.sendAsync(req.build(), HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
        JsonObject e = new JsonObject();
        r.body().forEach(line -> {
          if (line.isEmpty()) {
            if (e.containsKey("data")) {
              got.add(e.copy());
            }
            e.clear();
          } else if (line.startsWith("id: ")) {
            e.put("id", line.substring(4));
          } else if (line.startsWith("event: ")) {
            e.put("event", line.substring(7));
          } else if (line.startsWith("data: ")) {
            e.put("data", new JsonObject(line.substring(6)));
          }
        });
      });
    }

    /** The next event that matches, with every event before it; fails after a minute. */
    List<JsonObject> until(java.util.function.Predicate<JsonObject> match) throws InterruptedException {
      List<JsonObject> seen = new ArrayList<>();
      long end = System.nanoTime() + WITHIN.toNanos();
      while (System.nanoTime() < end) {
        JsonObject e = got.poll(1, TimeUnit.SECONDS);
        if (e != null) {
          seen.add(e);
          if (match.test(e)) {
            return seen;
          }
        }
      }
      throw new AssertionError("no such event within " + WITHIN + "; seen " + seen.size());
    }

    @Override
    public void close() {
      call.cancel(true);
    }
  }

  private static boolean statusOf(JsonObject e, String portal, String to) {
    return "status".equals(e.getString("event")) && portal.equals(e.getJsonObject("data").getString("portal"))
        && to.equals(e.getJsonObject("data").getString("to"));
  }

  private int leader() throws Exception {
    for (int i = 0; i < 3; i++) {
      if ("leader".equals(get(i, "/health/ready").getJsonObject("cluster").getString("role"))) {
        return i;
      }
    }
    return -1;
  }

  private long count(String sql) throws Exception {
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  @Order(1)
  void threeNodesElectOneLeaderAndTheFleetIsUpFromEveryVantage() throws Exception {
    Poll.await("one leader seen by three members", () -> {
      int l = leader();
      return l >= 0 && get(l, "/health/ready").getJsonObject("cluster").getJsonArray("members").size() == 3;
    }, WITHIN);
    for (int i = 0; i < 3; i++) {
      JsonObject c = get(i, "/health/ready").getJsonObject("cluster");
      assertThat(c.getString("node")).isEqualTo("n" + (i + 1));
      assertThat(c.getString("vantage")).isEqualTo("v" + (i + 1));
    }
    await("the portals UP from v1, v2, v3", regional, () -> {
      JsonObject p = get(leader(), "/api/v1/portals/" + regional);
      JsonObject v = p.getJsonObject("vantages", new JsonObject());
      return "UP".equals(p.getString("status")) && v.size() == 3
          && v.stream().allMatch(e -> "UP".equals(((JsonObject) e.getValue()).getString("status")));
    });
    // each node writes its results in batches: the last vantage's first batch may still be on its way
    Poll.await("results stored from all three vantages", () -> count("SELECT count(DISTINCT vantage) FROM probe_result") == 3,
        WITHIN);
    HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + watchdogs.get(leader()).webPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.body()).contains("dvc_cluster_members{node=\"n").contains("dvc_cluster_leader{node=\"n")
        .containsPattern("dvc_cluster_leader_epoch\\{node=\"n[123]\",vantage=\"v[123]\"} [1-9]")
        .containsPattern("dvc_probe_phase_seconds_count\\{phase=\"total\",portal=\"[^\"]+\",target=\"homepage\","
            + "vantage=\"v" + (leader() + 1) + "\"}")
        .containsPattern("dvc_probes_total\\{outcome=\"UP\",portal=\"[^\"]+\",target=\"homepage\",vantage=\"v");
  }

  @Test
  @Order(2)
  void aPortalFailingFromOneVantageIsPartialNamesItAndPagesNobody() throws Exception {
    // what happened before (a cold JVM's first probes may time out everywhere) is not this test's business
    String since = " AND %s >= '" + java.time.Instant.now() + "'";
    List<Events> streams = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      streams.add(new Events(i, null));
    }
    sim.setMode(regional, "127.0.0.3", SimMode.REFUSED); // node n2, vantage v2
    // every node streams the leader's decision with the leader's id (docs/CLUSTER.md)
    List<List<JsonObject>> seen = new ArrayList<>();
    for (Events e : streams) {
      try (e) {
        seen.add(e.until(ev -> statusOf(ev, regional, "PARTIAL")));
      }
    }
    String decided = seen.get(0).get(seen.get(0).size() - 1).getString("id");
    for (List<JsonObject> s : seen) {
      JsonObject last = s.get(s.size() - 1);
      assertThat(last.getString("id")).isEqualTo(decided);
      assertThat(last.getJsonObject("data").getJsonObject("vantages").getJsonObject("v2").getString("status"))
          .isEqualTo("DOWN");
    }
    // a client that read node 1 up to the event before the decision moves to another node: it gets the decision
    // next, nothing before it again and nothing left out
    List<JsonObject> onFirst = seen.get(0);
    if (onFirst.size() >= 2 && !"snapshot".equals(onFirst.get(onFirst.size() - 2).getString("event"))) {
      String before = onFirst.get(onFirst.size() - 2).getString("id");
      int other = leader() == 1 ? 2 : 1;
      try (Events moved = new Events(other, before)) {
        JsonObject first = moved.got.poll(20, TimeUnit.SECONDS);
        assertThat(first).as("the replay on another node").isNotNull();
        assertThat(first.getString("id")).isEqualTo(decided);
      }
    }
    await("PARTIAL on every node", regional, () -> {
      for (int i = 0; i < 3; i++) {
        if (!"PARTIAL".equals(get(i, "/api/v1/portals/" + regional).getString("status"))) {
          return false;
        }
      }
      return true;
    });
    JsonObject p = get(leader(), "/api/v1/portals/" + regional);
    assertThat(p.getJsonObject("vantages").getJsonObject("v2").getString("status")).isEqualTo("DOWN");
    assertThat(p.getJsonObject("vantages").getJsonObject("v1").getString("status")).isEqualTo("UP");
    Thread.sleep(8_000); // several more rounds of reports: still PARTIAL, never an outage
    assertThat(get(leader(), "/api/v1/portals/" + regional).getString("status")).isEqualTo("PARTIAL");
    for (int i = 0; i < 3; i++) {
      // not even on n2, whose own vantage sees it down: the open incident is the vote's, read from the store
      assertThat(get(i, "/api/v1/portals/" + regional).containsKey("openIncident")).as("node %d's open incident", i)
          .isFalse();
    }
    assertThat(count("SELECT count(*) FROM incident WHERE portal_id = '" + regional + "'" + since.formatted("started_at")))
        .isZero();
    assertThat(count("SELECT count(*) FROM alert_outbox WHERE portal_id = '" + regional + "'"
        + since.formatted("created_at"))).isZero();
    assertThat(count("SELECT count(*) FROM status_transition WHERE portal_id = '" + regional + "' AND to_status = 'PARTIAL'"
        + since.formatted("at"))).as("written once, by the leader").isEqualTo(1);
  }

  @Test
  @Order(3)
  void aPortalFailingFromTwoOfThreeIsDownWithOneIncident() throws Exception {
    String since = " AND %s >= '" + java.time.Instant.now() + "'";
    // an incident starts at its first failed probe's start, which can precede this test's clock reading (a probe
    // in flight when the mode changes), so the incidents are counted from a baseline, not by their start
    String incidents = "SELECT count(*) FROM incident WHERE portal_id = '" + outage + "'";
    long before = count(incidents);
    sim.setMode(outage, "127.0.0.2", SimMode.REFUSED);
    sim.setMode(outage, "127.0.0.4", SimMode.REFUSED);
    await("DOWN", outage, () -> "DOWN".equals(get(leader(), "/api/v1/portals/" + outage).getString("status")));
    Poll.await("its incident written", () -> count(incidents) == before + 1, WITHIN);
    Thread.sleep(6_000);
    assertThat(count(incidents)).isEqualTo(before + 1);
    for (int i = 0; i < 3; i++) {
      // every node's portal page names the leader's incident, n2 too, whose own vantage sees the portal up
      JsonObject open = get(i, "/api/v1/portals/" + outage).getJsonObject("openIncident");
      assertThat(open).as("node %d's open incident", i).isNotNull();
      assertThat(open.getBoolean("open")).isTrue();
    }
    assertThat(count("SELECT count(*) FROM status_transition WHERE portal_id = '" + outage + "' AND to_status = 'DOWN'"
        + since.formatted("at"))).isEqualTo(1);
    // recovery closes it, once
    sim.setMode(outage, "127.0.0.2", SimMode.NORMAL);
    sim.setMode(outage, "127.0.0.4", SimMode.NORMAL);
    Poll.await("closed", () -> count(incidents + " AND ended_at IS NULL") == 0, WITHIN);
    assertThat(count(incidents)).isEqualTo(before + 1);
    for (int i = 0; i < 3; i++) {
      assertThat(get(i, "/api/v1/portals/" + outage).containsKey("openIncident")).as("node %d after the recovery", i)
          .isFalse();
    }
    // the grading clock writes on the leader only: a grade change (the outage moves some) is stored once, not once
    // per node (each node confirms the same change from its own windows)
    assertThat(count("SELECT count(*) FROM (SELECT grade, lag(grade) OVER (PARTITION BY portal_id ORDER BY at, id)"
        + " AS before FROM grade_history) g WHERE grade = before")).as("a grade repeated by another node").isZero();
  }
}
