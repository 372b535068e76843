package vn.dvcwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
import vn.dvcwatch.cluster.Rendezvous;
import vn.dvcwatch.sim.SimFleet;
import vn.dvcwatch.testkit.Poll;

/**
 * The leader grades the whole fleet from every vantage's results, and every node serves the leader's board
 * (docs/CLUSTER.md): three watchdog nodes on one Hazelcast cluster in this JVM, {@code probe.vantagesPerPortal: 1}
 * (each portal probed from one vantage only), one simulated fleet, one PostgreSQL. The leader's board has fresh
 * timings for the portals only the other vantages probe, a portal slowed for its one vantage is slow on the leader's
 * board, a follower's {@code /api/v1/portals} is the leader's, and after the leader stops the followers serve the
 * next leader's board.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(240)
class ClusterBoardTest {
  private static final Duration WITHIN = Duration.ofSeconds(90);
  private static final Set<String> VANTAGES = Set.of("v1", "v2", "v3");
  @TempDir static Path dir;
  private ClusterFixture bench;
  private SimFleet sim;
  private final List<ClusterNode> nodes = new ArrayList<>();
  private final List<WatchdogVerticle> watchdogs = new ArrayList<>();
  private final boolean[] stopped = new boolean[3];
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void start() throws Exception {
    bench = ClusterFixture.start(9, dir);
    sim = bench.sim;
    sim.portals().forEach(p -> sim.setDelay(p.id(), Duration.ofMillis(5)));
    Path registry = dir.resolve("portals.yaml");
    Files.writeString(registry, ClusterVoteTest.registryYaml(sim.registry()));
    int[] ports = vn.dvcwatch.testkit.LowPorts.some(3);
    String members = String.join(",", java.util.Arrays.stream(ports).mapToObj(p -> "127.0.0.1:" + p).toList());
    for (int i = 0; i < 3; i++) {
      Path conf = dir.resolve("node" + (i + 1) + ".yaml");
      Files.writeString(conf, bench.nodeConfig(i, registry, "board-test", members, ports[i], """
            interval: 4s
            retryInterval: 1s
            deadline: 3s
            confirmDown: 2
            confirmUp: 2
            fleetFailureRatio: 0.95
            vantagesPerPortal: 1
          """, "evaluateEvery: 2s"));
      watchdogs.add(ClusterFixture.deploy(conf, dir.resolve("data" + i), nodes));
    }
  }


  @AfterAll
  void stop() throws Exception {
    for (int i = watchdogs.size() - 1; i >= 0; i--) {
      stopNode(i);
    }
    if (bench != null) {
      bench.close();
    }
  }

  private void stopNode(int i) throws Exception {
    if (stopped[i]) {
      return;
    }
    stopped[i] = true;
    nodes.get(i).vertx().undeploy(nodes.get(i).vertx().deploymentIDs().iterator().next()).await(30, TimeUnit.SECONDS);
    nodes.get(i).close().await(30, TimeUnit.SECONDS);
  }

  private String body(int node, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + watchdogs.get(node).webPort() + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private JsonObject cluster(int node) throws Exception {
    return new JsonObject(body(node, "/health/ready")).getJsonObject("cluster");
  }

  private int leader() throws Exception {
    for (int i = 0; i < 3; i++) {
      if (!stopped[i] && "leader".equals(cluster(i).getString("role"))) {
        return i;
      }
    }
    return -1;
  }

  /** What must agree between nodes: each portal's place, score, grade and voted status, in the board's order. */
  private List<String> ranking(int node) throws Exception {
    List<String> out = new ArrayList<>();
    for (Object o : new JsonArray(body(node, "/api/v1/portals"))) {
      JsonObject p = (JsonObject) o;
      out.add(p.getString("id") + " #" + p.getValue("rank") + " " + p.getValue("score") + " " + p.getValue("grade")
          + " " + p.getValue("ttfbP75Ms") + " " + p.getString("status"));
    }
    return out;
  }

  private String probedBy(String portal) {
    return Rendezvous.top(portal, VANTAGES, 1).get(0);
  }

  @Test
  @Order(1)
  void theLeaderGradesThePortalsOnlyOtherVantagesProbe() throws Exception {
    Poll.await("one leader seen by three members", () -> {
      int l = leader();
      return l >= 0 && cluster(l).getJsonArray("members").size() == 3;
    }, WITHIN);
    int l = leader();
    String mine = "v" + (l + 1);
    // (a portal whose drawn posture refuses its certificate is DOWN from everywhere: it has no timings to show)
    List<String> others = sim.portals().stream().filter(p -> p.posture().https()
        && p.posture().cert().label().equals("valid")).map(p -> p.id()).filter(id -> !probedBy(id).equals(mine)).toList();
    assertThat(others).as("portals the leader's vantage does not probe").isNotEmpty();
    JsonObject[] seen = new JsonObject[1];
    try {
      Poll.await("the leader's board scores every portal, with fresh timings", () -> {
        for (String id : others) {
          JsonObject p = new JsonObject(body(l, "/api/v1/portals/" + id));
          seen[0] = p;
          String checked = p.getString("checkedAt");
          if (p.getValue("score") == null || p.getValue("ttfbP75Ms") == null || checked == null
              || Instant.parse(checked).isBefore(Instant.now().minusSeconds(15)) || p.getJsonArray("breakdown").isEmpty()) {
            return false;
          }
        }
        return true;
      }, WITHIN);
    } catch (AssertionError e) {
      JsonObject p = seen[0];
      throw new AssertionError(e.getMessage() + ": " + p.getString("id") + " score " + p.getValue("score") + " ttfb "
          + p.getValue("ttfbP75Ms") + " checked " + p.getValue("checkedAt") + " status " + p.getValue("status"), e);
    }
    // a portal slow only for the one vantage that probes it (not the leader's) is slow on the leader's board
    String slow = others.get(0);
    String source = "127.0.0." + (Integer.parseInt(probedBy(slow).substring(1)) + 1);
    sim.setDelay(slow, source, Duration.ofMillis(800));
    Poll.await("the slow vantage's timings in the leader's p75", () -> {
      Object ttfb = new JsonObject(body(l, "/api/v1/portals/" + slow)).getValue("ttfbP75Ms");
      return ttfb instanceof Number n && n.doubleValue() >= 700;
    }, WITHIN);
    sim.setDelay(slow, source, Duration.ofMillis(5));
  }

  @Test
  @Order(2)
  void everyFollowerServesTheLeadersBoard() throws Exception {
    int l = leader();
    for (int i = 0; i < 3; i++) {
      int node = i;
      if (node == l) {
        assertThat(cluster(node).getJsonObject("board").getString("source")).isEqualTo("own");
        continue;
      }
      Poll.await("n" + (node + 1) + " serves the leader's board", () -> {
        JsonObject b = cluster(node).getJsonObject("board");
        return "leader".equals(b.getString("source")) && ("n" + (l + 1)).equals(b.getString("leader"));
      }, WITHIN);
      awaitSame(l, node);
      // the scorecard too: every point as the leader has it
      String id = sim.portals().get(0).id();
      Poll.await("the same breakdown", () -> new JsonObject(body(l, "/api/v1/portals/" + id)).getJsonArray("breakdown")
          .equals(new JsonObject(body(node, "/api/v1/portals/" + id)).getJsonArray("breakdown")), WITHIN);
    }
  }

  /** The two nodes' rankings agree (an evaluation may land between the two reads: read again). */
  private void awaitSame(int leader, int follower) throws Exception {
    List<List<String>> last = new ArrayList<>();
    try {
      Poll.await("n" + (follower + 1) + "'s /api/v1/portals equal to n" + (leader + 1) + "'s", () -> {
        last.clear();
        last.add(ranking(leader));
        last.add(ranking(follower));
        return last.get(0).equals(last.get(1)) && last.get(0).stream().noneMatch(r -> r.contains("#null"));
      }, WITHIN);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nleader:   " + last.get(0) + "\nfollower: " + last.get(1), e);
    }
  }

  @Test
  @Order(3)
  void afterALeaderChangeTheFollowersServeTheNewLeadersBoard() throws Exception {
    int old = leader();
    stopNode(old);
    Poll.await("a new leader", () -> leader() >= 0, WITHIN);
    int next = leader();
    assertThat(next).isNotEqualTo(old);
    int follower = java.util.stream.IntStream.range(0, 3).filter(i -> i != old && i != next).findFirst().orElseThrow();
    Poll.await("the follower serves the new leader's board", () -> {
      JsonObject b = cluster(follower).getJsonObject("board");
      return "leader".equals(b.getString("source")) && ("n" + (next + 1)).equals(b.getString("leader"));
    }, WITHIN);
    awaitSame(next, follower);
  }
}
