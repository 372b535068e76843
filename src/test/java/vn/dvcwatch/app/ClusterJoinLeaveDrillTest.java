package vn.dvcwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.dvcwatch.cli.Main;
import vn.dvcwatch.sim.SimFleet;
import vn.dvcwatch.testkit.Poll;

/**
 * The join/leave drill of docs/RELIABILITY.md: whole watchdog nodes ({@code run} with a cluster section, one JVM
 * each, started as {@code demo --vantages} starts them) probe a simulated fleet with {@code probe.vantagesPerPortal:
 * 2} on a 3 s interval. One node is killed with SIGKILL under load, later a fourth joins. From the database: no page
 * of any portal goes unprobed for longer than two intervals, from whichever of its vantages; each portal ends up
 * probed from exactly two vantages; and every result a node had counted (its {@code dvc_probes_total}) a flush
 * before it was scraped is stored, the killed node's included.
 */
@Timeout(420)
class ClusterJoinLeaveDrillTest {
  private static final Duration INTERVAL = Duration.ofSeconds(3);
  private static final int K = 2;
  private static final int PORTALS = 12;
  private static final Duration WITHIN = Duration.ofSeconds(90);
  /** Small JVMs that start fast (as ClusterDrillTest's): four of them, the test JVM and PostgreSQL share two cores. */
  private static final List<String> JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "-XX:ActiveProcessorCount=1", "-Dhazelcast.partition.count=31");
  /** More than the store's flush (1 s): a result counted this long ago has been written. */
  private static final Duration FLUSHED = Duration.ofMillis(2500);
  @TempDir Path dir;
  private ClusterFixture bench;
  private final List<Process> processes = new ArrayList<>();
  private List<DemoCluster.Node> nodes = List.of();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void stop() throws Exception {
    for (Process p : processes) {
      p.destroy(); // SIGTERM: a clean stop, each by its own pid
    }
    for (Process p : processes) {
      if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    Path keep = Files.createDirectories(Path.of("target", "cluster-drill"));
    for (DemoCluster.Node n : nodes) { // the nodes' logs outlive the temporary directory
      if (Files.exists(n.log())) {
        Files.copy(n.log(), keep.resolve("join-leave-" + n.name() + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (bench != null) {
      bench.close();
    }
  }

  @Test
  void aNodeKilledAndANodeJoiningLeaveNoPortalUnprobedAndLoseNoResult() throws Exception {
    bench = ClusterFixture.start(PORTALS, dir);
    SimFleet sim = bench.sim;
    EmbeddedPostgres pg = bench.pg;
    Path registry = dir.resolve("portals.yaml");
    Files.writeString(registry, DemoCluster.registry(sim.registry()));
    nodes = DemoCluster.plan(4, consecutiveFreePorts(4), freePorts(4), dir);
    String db = "postgresql://postgres:postgres@127.0.0.1:" + pg.getPort() + "/postgres";
    for (DemoCluster.Node n : nodes) {
      String conf = DemoCluster.config(n, nodes, db, "127.0.0.1", registry, sim.caFile(), sim.hostsFile(),
          Path.of("conf/scoring.yaml"));
      Files.writeString(n.config(), conf.replace("probe:\n", """
          probe:
            interval: %ds
            deadline: 2s
            connectTimeout: 2s
            retryInterval: 1s
            vantagesPerPortal: %d
          """.formatted(INTERVAL.toSeconds(), K)));
    }
    // the first alone (it migrates the database), the next two side by side
    awaitStarted(nodes.get(0), launch(nodes.get(0)));
    Process second = launch(nodes.get(1));
    Process third = launch(nodes.get(2));
    awaitStarted(nodes.get(1), second);
    awaitStarted(nodes.get(2), third);
    awaitLogged(nodes.subList(0, 3), "probing vantages now [v1, v2, v3]");
    say("three nodes probe, k = " + K);
    Instant from = Instant.now().plus(INTERVAL); // every portal's first probe from its assigned vantages
    Thread.sleep(INTERVAL.multipliedBy(3).toMillis());

    // kill -9 of n2 under load: what it counted a flush before is stored
    long counted2 = counted(nodes.get(1));
    Thread.sleep(FLUSHED.toMillis());
    processes.get(1).destroyForcibly().waitFor();
    say("n2 killed");
    awaitLogged(List.of(nodes.get(0), nodes.get(2)), "probing vantages now [v1, v3]");
    say("n1 and n3 took n2's portals");
    Thread.sleep(INTERVAL.multipliedBy(2).toMillis());

    // n4 joins
    awaitStarted(nodes.get(3), launch(nodes.get(3)));
    List<DemoCluster.Node> last = List.of(nodes.get(0), nodes.get(2), nodes.get(3));
    awaitLogged(last, "probing vantages now [v1, v3, v4]");
    say("n4 joined and took its share");
    Thread.sleep(INTERVAL.multipliedBy(3).toMillis());
    Instant to = Instant.now();
    Map<String, Long> counted = new HashMap<>();
    for (DemoCluster.Node n : last) {
      counted.put(n.vantage(), counted(n));
    }
    Thread.sleep(FLUSHED.toMillis());

    try (Connection c = pg.getPostgresDatabase().getConnection()) {
      assertThat(stored(c, "v2")).as("results of the killed node counted a flush before").isGreaterThanOrEqualTo(counted2);
      for (Map.Entry<String, Long> e : counted.entrySet()) {
        assertThat(stored(c, e.getKey())).as("results of %s", e.getKey()).isGreaterThanOrEqualTo(e.getValue());
      }
      Map<String, Duration> gaps = longestGaps(c, from, to);
      assertThat(gaps).as("every page of every portal").hasSize(bench.sim.registry().stream()
          .mapToInt(p -> p.eform() == null ? 1 : 2).sum());
      assertThat(gaps).allSatisfy((page, gap) -> assertThat(gap).as(page).isLessThanOrEqualTo(INTERVAL.multipliedBy(2)));
      // the spread is real: at the end each homepage is probed from exactly its two vantages, and n4 has its share
      Map<String, Integer> vantages = vantagesPerHomepage(c, to.minus(INTERVAL.multipliedBy(2)), to);
      assertThat(vantages).hasSize(PORTALS).allSatisfy((portal, count) -> assertThat(count).as(portal).isEqualTo(K));
      assertThat(stored(c, "v4")).isPositive();
      say("longest gap " + gaps.values().stream().max(Duration::compareTo).orElseThrow().toMillis() + " ms (at most "
          + INTERVAL.multipliedBy(2).toMillis() + "); n2 counted " + counted2 + ", stored " + stored(c, "v2"));
    }
  }

  private final long began = System.nanoTime();

  private void say(String what) {
    System.out.printf("join/leave drill, %.1f s: %s (load average %s)%n", (System.nanoTime() - began) / 1e9, what,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private Process launch(DemoCluster.Node n) throws IOException {
    Process p = DemoCluster.launch(n, Main.class.getName(), JVM);
    processes.add(p);
    return p;
  }

  private static void awaitStarted(DemoCluster.Node n, Process p) throws InterruptedException {
    DemoCluster.awaitWeb(n, p);
    assertThat(p.isAlive()).as(n.name() + " started (see " + n.log() + ")").isTrue();
  }

  /** Waits until every node's log has said {@code line}. */
  private static void awaitLogged(List<DemoCluster.Node> nodes, String line) {
    for (DemoCluster.Node n : nodes) {
      Poll.await(n.name() + ": " + line, () -> Files.readString(n.log()).contains(line), WITHIN, Duration.ofMillis(200));
    }
  }

  /** The results node {@code n} has counted, from its {@code /metrics}. */
  private long counted(DemoCluster.Node n) throws Exception {
    String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.webPort() + "/metrics"))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body();
    return body.lines().filter(l -> l.startsWith("dvc_probes_total{") && l.contains("vantage=\"" + n.vantage() + "\""))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private static long stored(Connection c, String vantage) throws Exception {
    try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM probe_result WHERE vantage = ?")) {
      s.setString(1, vantage);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Each page's longest time without a probe from any vantage between {@code from} and {@code to}, edges included. */
  private static Map<String, Duration> longestGaps(Connection c, Instant from, Instant to) throws Exception {
    Map<String, Instant> previous = new HashMap<>();
    Map<String, Duration> longest = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT portal_id || '/' || target, started_at FROM probe_result"
        + " WHERE started_at BETWEEN ? AND ? ORDER BY started_at")) {
      s.setTimestamp(1, Timestamp.from(from));
      s.setTimestamp(2, Timestamp.from(to));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String page = rs.getString(1);
          Instant at = rs.getTimestamp(2).toInstant();
          Duration gap = Duration.between(previous.getOrDefault(page, from), at);
          longest.merge(page, gap, (a, b) -> a.compareTo(b) >= 0 ? a : b);
          previous.put(page, at);
        }
      }
    }
    previous.forEach((page, at) -> longest.merge(page, Duration.between(at, to), (a, b) -> a.compareTo(b) >= 0 ? a : b));
    return longest;
  }

  private static Map<String, Integer> vantagesPerHomepage(Connection c, Instant from, Instant to) throws Exception {
    Map<String, Integer> out = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT portal_id, count(DISTINCT vantage) FROM probe_result"
        + " WHERE target = 'homepage' AND started_at BETWEEN ? AND ? GROUP BY portal_id")) {
      s.setTimestamp(1, Timestamp.from(from));
      s.setTimestamp(2, Timestamp.from(to));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getInt(2));
        }
      }
    }
    return out;
  }

  private static int[] freePorts(int n) throws IOException {
    int[] ports = new int[n];
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0);
        held.add(s);
        ports[i] = s.getLocalPort();
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    return ports;
  }

  /** The first of {@code n} consecutive ports free now (the demo's nodes serve the web on consecutive ports). */
  private static int consecutiveFreePorts(int n) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = freePorts(1)[0];
      if (base + n > 65535) {
        continue;
      }
      List<ServerSocket> held = new ArrayList<>();
      try {
        for (int i = 0; i < n; i++) {
          held.add(new ServerSocket(base + i));
        }
        return base;
      } catch (IOException taken) {
        // try another base
      } finally {
        for (ServerSocket s : held) {
          s.close();
        }
      }
    }
    throw new IOException("no " + n + " consecutive free ports");
  }
}
