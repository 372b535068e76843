package vn.dvcwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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
  /** More than the store's flush (1 s): a result counted this long ago has been written. */
  private static final Duration FLUSHED = Duration.ofMillis(2500);
  @TempDir Path dir;
  private ClusterFixture bench;
  private ClusterJvms jvms;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void stop() throws Exception {
    if (jvms != null) {
      jvms.close();
    }
    if (bench != null) {
      bench.close();
    }
  }

  @Test
  void aNodeKilledAndANodeJoiningLeaveNoPortalUnprobedAndLoseNoResult() throws Exception {
    bench = ClusterFixture.start(PORTALS, dir);
    EmbeddedPostgres pg = bench.pg;
    jvms = ClusterJvms.plan(4, bench, dir, """
          interval: %ds
          deadline: 2s
          connectTimeout: 2s
          retryInterval: 1s
          vantagesPerPortal: %d
        """.formatted(INTERVAL.toSeconds(), K), "join-leave");
    List<DemoCluster.Node> nodes = jvms.nodes;
    jvms.startFirst(3);
    ClusterJvms.awaitLogged(nodes.subList(0, 3), "probing vantages now [v1, v2, v3]");
    say("three nodes probe, k = " + K);
    Instant from = Instant.now().plus(INTERVAL); // every portal's first probe from its assigned vantages
    Thread.sleep(INTERVAL.multipliedBy(3).toMillis());

    // kill -9 of n2 under load: what it counted a flush before is stored
    long counted2 = counted(nodes.get(1));
    Thread.sleep(FLUSHED.toMillis());
    jvms.kill(1);
    say("n2 killed");
    ClusterJvms.awaitLogged(List.of(nodes.get(0), nodes.get(2)), "probing vantages now [v1, v3]");
    say("n1 and n3 took n2's portals");
    Thread.sleep(INTERVAL.multipliedBy(2).toMillis());

    // n4 joins
    jvms.start(3);
    List<DemoCluster.Node> last = List.of(nodes.get(0), nodes.get(2), nodes.get(3));
    ClusterJvms.awaitLogged(last, "probing vantages now [v1, v3, v4]");
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
}
