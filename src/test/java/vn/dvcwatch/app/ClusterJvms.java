package vn.dvcwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import vn.dvcwatch.cli.Main;
import vn.dvcwatch.testkit.LowPorts;
import vn.dvcwatch.testkit.Poll;

/**
 * Whole watchdog nodes as separate JVMs for the cluster drills: planned and configured as {@code demo --vantages}
 * plans them (one shared PostgreSQL and simulated fleet, node i with vantage v(i+1), probes from 127.0.0.(i+2)),
 * each started as {@code run} in a small JVM, killed or stopped by its own process id; their logs outlive the
 * test's temporary directory ({@code target/cluster-drill/<prefix>-<node>.log}).
 */
final class ClusterJvms implements AutoCloseable {
  /** Small JVMs that start fast (as ClusterDrillTest's): three or four of them, the test JVM and PostgreSQL share two cores. */
  private static final List<String> JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "-XX:ActiveProcessorCount=1", "-Dhazelcast.partition.count=31");
  private static final Duration WITHIN = Duration.ofSeconds(90);

  final List<DemoCluster.Node> nodes;
  private final Process[] processes;
  private final String prefix;

  private ClusterJvms(List<DemoCluster.Node> nodes, String prefix) {
    this.nodes = nodes;
    this.processes = new Process[nodes.size()];
    this.prefix = prefix;
  }

  /**
   * Plans {@code n} nodes over {@code bench}'s database and fleet and writes their configurations, with
   * {@code probe} (indented YAML lines) added to each node's {@code probe:} section.
   */
  static ClusterJvms plan(int n, ClusterFixture bench, Path dir, String probe, String prefix) throws IOException {
    Path registry = dir.resolve("portals.yaml");
    Files.writeString(registry, DemoCluster.registry(bench.sim.registry()));
    // The web on n consecutive ports, the cluster on the n after them: all below the ephemeral range, since
    // a node may start half a minute after this, while the others make connections.
    int base = LowPorts.block(2 * n);
    int[] cluster = java.util.stream.IntStream.range(base + n, base + 2 * n).toArray();
    ClusterJvms jvms = new ClusterJvms(DemoCluster.plan(n, base, cluster, dir), prefix);
    String db = "postgresql://postgres:postgres@127.0.0.1:" + bench.pg.getPort() + "/postgres";
    for (DemoCluster.Node node : jvms.nodes) {
      String conf = DemoCluster.config(node, jvms.nodes, db, "127.0.0.1", registry, bench.sim.caFile(),
          bench.sim.hostsFile(), Path.of("conf/scoring.yaml"));
      Files.writeString(node.config(), conf.replace("probe:\n", "probe:\n" + probe));
    }
    return jvms;
  }

  /** Starts nodes 0 … {@code count - 1}: the first alone (it migrates the database), the others side by side. */
  void startFirst(int count) throws IOException, InterruptedException {
    start(0);
    for (int i = 1; i < count; i++) {
      launch(i);
    }
    for (int i = 1; i < count; i++) {
      awaitStarted(i);
    }
  }

  /** Starts node {@code i} and waits until it serves its web port. */
  void start(int i) throws IOException, InterruptedException {
    launch(i);
    awaitStarted(i);
  }

  private void launch(int i) throws IOException {
    processes[i] = DemoCluster.launch(nodes.get(i), Main.class.getName(), JVM);
  }

  private void awaitStarted(int i) throws InterruptedException {
    DemoCluster.Node n = nodes.get(i);
    DemoCluster.awaitWeb(n, processes[i]);
    assertThat(processes[i].isAlive()).as(n.name() + " started (see " + n.log() + ")").isTrue();
  }

  DemoCluster.Node node(int i) {
    return nodes.get(i);
  }

  long pid(int i) {
    return processes[i].pid();
  }

  /** SIGKILL of node {@code i}: no shutdown hook, no goodbye to the cluster. Returns once it is gone. */
  void kill(int i) throws InterruptedException {
    processes[i].destroyForcibly().waitFor();
  }

  /** Waits until every one of {@code nodes}' logs has said {@code line}. */
  static void awaitLogged(List<DemoCluster.Node> nodes, String line) {
    for (DemoCluster.Node n : nodes) {
      Poll.await(n.name() + ": " + line, () -> Files.readString(n.log()).contains(line), WITHIN, Duration.ofMillis(200));
    }
  }

  /** Stops every node still running (SIGTERM, each cleanly, by its own pid), then keeps their logs. */
  @Override
  public void close() throws Exception {
    for (Process p : processes) {
      if (p != null) {
        p.destroy();
      }
    }
    for (Process p : processes) {
      if (p != null && !p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    Path keep = Files.createDirectories(Path.of("target", "cluster-drill"));
    for (DemoCluster.Node n : nodes) {
      if (Files.exists(n.log())) {
        Files.copy(n.log(), keep.resolve(prefix + "-" + n.name() + ".log"), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
