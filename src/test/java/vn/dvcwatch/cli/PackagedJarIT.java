package vn.dvcwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dvcwatch.cluster.ClusterArtifact;
import vn.dvcwatch.result.CertificateProblem;

/**
 * The built artifacts themselves (failsafe, after package): the suite runs from classes with every library whole,
 * so only this proves that what the jar left out (the cluster's libraries, most of Bouncy Castle, PostgreSQL's other
 * files and platforms) is never needed. The jar is run alone in a directory of its own: the demo starts embedded
 * PostgreSQL from the trimmed archive and makes the simulated fleet's CA and its faulty certificates; a node with a
 * cluster section stops with the side artifact's place, and starts once the file is there.
 */
class PackagedJarIT {
  private static final Path JAR = Path.of("target", "dvc-watch.jar");
  private static final Path CLUSTER_JAR = Path.of("target").resolve(ClusterArtifact.FILE);
  private static final int PORTALS = 50; // one block of the posture draw: every certificate fault is in it

  @TempDir Path dir;

  @Test
  void theJarCarriesOnlyWhatItShips() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Class-Path")).isEqualTo(ClusterArtifact.FILE);
      assertThat(jar.getEntry("vn/dvcwatch/store/postgres.txz")).isNotNull();
      assertThat(jar.stream().map(e -> e.getName()))
          .noneMatch(n -> n.startsWith("com/hazelcast/") || n.startsWith("io/vertx/spi/cluster/hazelcast/"))
          .noneMatch(n -> n.startsWith("org/bouncycastle/pqc/") || n.startsWith("org/bouncycastle/jcajce/provider/"))
          .noneMatch(n -> n.startsWith("postgres-") && n.endsWith(".txz"));
    }
    try (JarFile cluster = new JarFile(CLUSTER_JAR.toFile())) {
      assertThat(cluster.getEntry("com/hazelcast/core/Hazelcast.class")).isNotNull();
      assertThat(cluster.getEntry("io/vertx/spi/cluster/hazelcast/HazelcastClusterManager.class")).isNotNull();
      assertThat(cluster.stream().map(e -> e.getName())).noneMatch(n -> n.startsWith("vn/dvcwatch/"));
    }
  }

  @Test
  void theDemoRunsFromTheJarAloneOnItsOwnPostgresAndCertificates() throws Exception {
    Path jar = Files.copy(JAR, dir.resolve("dvc-watch.jar")); // no lib/ beside it: a single node needs none
    int port = freePort();
    Process demo = start(jar, dir.resolve("demo.log"), "demo", "--port", Integer.toString(port), "--sim-base-port",
        Integer.toString(vn.dvcwatch.testkit.LowPorts.block(2 * PORTALS)), "--portals", Integer.toString(PORTALS), "--scenario", "none",
        "--data", dir.resolve("data").toString());
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      String base = "http://127.0.0.1:" + port;
      // the refusals a browser would show, in Vietnamese in the board's detail of the DOWN portals
      // (CertificateOutageDemoTest); the weak-key certificate is made at start with the others, by the same code
      List<String> wanted = List.of(CertificateProblem.EXPIRED, CertificateProblem.SELF_SIGNED,
          CertificateProblem.HOSTNAME_MISMATCH, CertificateProblem.SHA1_SIGNATURE);
      List<String> seen = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
      while (!seen.containsAll(wanted) && System.nanoTime() < deadline) {
        assertThat(demo.isAlive()).as("the demo is running: %s", log(dir.resolve("demo.log"))).isTrue();
        Thread.sleep(2000);
        try {
          if (get(http, base + "/health/ready").statusCode() != 200) {
            continue;
          }
          List<String> details = new JsonArray(get(http, base + "/api/v1/portals").body()).stream()
              .map(p -> ((JsonObject) p).getString("detail")).filter(d -> d != null).toList();
          seen.clear();
          wanted.stream().filter(problem -> details.stream().anyMatch(d -> d.contains(CertificateProblem.words(problem))))
              .forEach(seen::add);
        } catch (IOException notYet) {
          // not listening yet
        }
      }
      assertThat(seen).as("certificate faults the jar's simulated fleet served, log: %s", log(dir.resolve("demo.log")))
          .containsAll(wanted);
      assertThat(log(dir.resolve("demo.log"))).contains("unpacked the bundled PostgreSQL", "embedded PostgreSQL up");
    } finally {
      demo.destroy(); // SIGTERM: the demo stops its database and exits
      assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(log(dir.resolve("demo.log"))).contains("stopped cleanly").doesNotContain("NoClassDefFoundError");
  }

  @Test
  void aClusterNodeSaysWhereTheClusterJarGoesAndStartsOnceItIsThere() throws Exception {
    Path jar = Files.copy(JAR, dir.resolve("dvc-watch.jar"));
    int hazelcast = freePort();
    Path config = Files.writeString(dir.resolve("cluster.yaml"), String.join("\n",
        "http:", "  port: " + freePort(), "  host: 127.0.0.1",
        "registry:", "  file: " + Path.of("conf/portals.yaml").toAbsolutePath(),
        "cluster:", "  enabled: true", "  node: it-1", "  port: " + hazelcast,
        "  members: [\"127.0.0.1:" + hazelcast + "\"]", ""), StandardCharsets.UTF_8);
    Process refused = start(jar, dir.resolve("refused.log"), "run", "--config", config.toString(), "--data",
        dir.resolve("data").toString());
    assertThat(refused.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(refused.exitValue()).isEqualTo(1);
    assertThat(log(dir.resolve("refused.log"))).contains("start-up refused: cluster.enabled is true",
        "Put that file at " + dir.resolve(ClusterArtifact.FILE).toAbsolutePath());

    Files.createDirectories(dir.resolve("lib"));
    Files.copy(CLUSTER_JAR, dir.resolve(ClusterArtifact.FILE));
    Process node = start(jar, dir.resolve("node.log"), "run", "--config", config.toString(), "--data",
        dir.resolve("data").toString());
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      // Hazelcast's own line once this node has formed its cluster of one
      while (!log(dir.resolve("node.log")).contains("Members {size:1") && System.nanoTime() < deadline) {
        assertThat(node.isAlive()).as("the node is running: %s", log(dir.resolve("node.log"))).isTrue();
        Thread.sleep(1000);
      }
      assertThat(log(dir.resolve("node.log"))).contains("Members {size:1").doesNotContain("start-up refused");
    } finally {
      node.destroy();
      assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  /**
   * The jar in a JVM of its own, with a temporary directory of its own: the platform's PostgreSQL is cut out of the
   * jar's archive there (not found in a cache of an earlier run). No browser: it is not what this test is about.
   */
  private Process start(Path jar, Path log, String... args) throws IOException {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-Xmx384m", "-Djava.io.tmpdir=" + tmp, "-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("DVC_BROWSER_ENABLED", "false");
    // the working directory is the project's, for conf/ (the registry and scoring files the demo reads)
    return pb.start();
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String log(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
