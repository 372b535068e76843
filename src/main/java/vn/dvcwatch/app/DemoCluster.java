package vn.dvcwatch.app;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.registry.RegistryLoader;
import vn.dvcwatch.sim.SimFleet;
import vn.dvcwatch.sim.SimMode;
import vn.dvcwatch.sim.SimOptions;
import vn.dvcwatch.sim.SimPortal;
import vn.dvcwatch.store.DbSettings;
import vn.dvcwatch.store.Store;

/**
 * {@code demo --vantages N} (docs/CLUSTER.md): a whole cluster on one machine. This process runs embedded PostgreSQL
 * and the simulated fleet; N watchdog nodes run as separate processes ({@code run} with a cluster section), node i
 * (from 0) with vantage {@code v<i+1>}, its web on {@code --port}+i, its probes leaving from 127.0.0.(i+2), all
 * sharing the one database. The demo scenario plays as in {@code demo}, and a regional outage is added: one portal
 * refuses the connections of vantage v2 only, which the boards show as PARTIAL. Stopping this process (Ctrl-C,
 * SIGTERM) stops the nodes by their process ids first, then the fleet and the database.
 */
public final class DemoCluster {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCluster.class);
  public static final int MAX_VANTAGES = 5;
  /** The regional outage starts this long after the fleet: the boards have settled on UP by then. */
  static final Duration REGIONAL_AFTER = Duration.ofSeconds(20);
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);
  private static final Duration START_WAIT = Duration.ofSeconds(180);
  private static final String CLUSTER = "dvc-watch-demo";

  /** One node of the demo: its names, ports, source address and files. */
  record Node(String name, String vantage, int webPort, int hazelcastPort, String source, Path config, Path data,
      Path log) {}

  private DemoCluster() {}

  /** The nodes of a demo of {@code n} vantages, web from {@code webPort}, Hazelcast on the given ports. */
  static List<Node> plan(int n, int webPort, int[] hazelcastPorts, Path dataDir) {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Path dir = dataDir.resolve("node" + (i + 1));
      nodes.add(new Node("n" + (i + 1), "v" + (i + 1), webPort + i, hazelcastPorts[i], "127.0.0." + (i + 2),
          dataDir.resolve("node" + (i + 1) + ".yaml"), dir, dataDir.resolve("node" + (i + 1) + ".log")));
    }
    return nodes;
  }

  /** Node {@code node}'s configuration: the shared database and fleet, its web port, its place in the cluster. */
  static String config(Node node, List<Node> all, String dbUrl, String httpHost, Path registry, Path ca, Path hosts,
      Path scoring) {
    String members = all.stream().map(n -> "127.0.0.1:" + n.hazelcastPort()).collect(Collectors.joining(", "));
    return """
        # written by `demo --vantages`: node %s of the demo cluster
        http: {host: "%s", port: %d}
        db: {url: "%s", poolSize: 4}
        registry: {file: "%s", watch: false}
        probe:
          extraCaFiles: ["%s"]
          hostsFile: "%s"
        scoring: {file: "%s"}
        browser: {enabled: false}
        cluster:
          enabled: true
          name: %s
          node: %s
          vantage: %s
          members: [%s]
          port: %d
          sourceAddress: %s
        """.formatted(node.name(), httpHost, node.webPort(), dbUrl, abs(registry), abs(ca), abs(hosts), abs(scoring),
        CLUSTER, node.name(), node.vantage(), members, node.hazelcastPort(), node.source());
  }

  /** The simulated portals as a registry file the nodes watch. */
  static String registry(List<Portal> portals) {
    StringBuilder y = new StringBuilder("fleet: \"demo\"\nportals:\n");
    for (Portal p : portals) {
      y.append("  - id: ").append(p.id()).append("\n    name: \"").append(p.name().replace("\"", "'"))
          .append("\"\n    kind: ").append(p.kind().label()).append("\n    homepage: ").append(p.homepage())
          .append("\n    eform: ").append(p.eform()).append("\n    owner: \"").append(p.owner().replace("\"", "'"))
          .append("\"\n");
    }
    return y.toString();
  }

  /** The portal of the regional outage: the first one the simulator serves well from everywhere. */
  static String regionalPortal(List<SimPortal> portals) {
    return portals.stream().filter(p -> p.posture().https() && p.posture().cert().label().equals("valid"))
        .map(SimPortal::id).findFirst().orElse(portals.get(0).id());
  }

  private static String abs(Path p) {
    return p.toAbsolutePath().normalize().toString().replace("\\", "/");
  }

  /**
   * Runs the demo cluster until this process is asked to stop; returns the exit code.
   *
   * @param main the command line's main class, which each node process runs as {@code run}
   */
  public static int run(AppConfig cfg, Path dataDir, DemoSettings demo, int vantages, String main) {
    System.setProperty("DVC_LOG_FORMAT", cfg.log().format());
    System.setProperty("DVC_LOG_LEVEL", cfg.log().level().toUpperCase(java.util.Locale.ROOT));
    Running running = new Running(Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2)));
    CountDownLatch stopped = new CountDownLatch(1);
    // registered first: Ctrl-C while the nodes are still starting stops those already started too
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.stop();
      stopped.countDown();
    }, "dvc-demo-cluster-stop"));
    try {
      start(running, cfg, dataDir, demo, vantages, main);
    } catch (vn.dvcwatch.config.ConfigException e) {
      running.stop();
      throw e; // one line naming the file, line and field, exit code 2, as `demo` alone
    } catch (Exception e) {
      LOG.error("demo cluster start-up failed: {}", e.toString(), e);
      running.stop();
      return 1;
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static void start(Running running, AppConfig cfg, Path dataDir, DemoSettings demo, int vantages, String main)
      throws Exception {
    Vertx vertx = running.vertx;
    Files.createDirectories(dataDir);
    Store store = Store.start(vertx, DbSettings.embeddedDefaults(), dataDir, "launcher").await(120, TimeUnit.SECONDS);
    running.store = store;
    Path fleetFile = demo.fleetFile() != null ? demo.fleetFile() : cfg.registry().file();
    List<Portal> names = Files.exists(fleetFile)
        ? RegistryLoader.load(fleetFile).active(java.time.LocalDate.now(vn.dvcwatch.registry.Vietnam.ZONE)) : List.of();
    int count = demo.portals() > 0 ? demo.portals() : names.isEmpty() ? DemoSettings.DEFAULT_PORTALS : names.size();
    SimFleet sim = SimFleet.start(vertx, new SimOptions(count, demo.simBasePort(), demo.seed(), scenario(demo), names,
        dataDir.resolve("sim"))).await(120, TimeUnit.SECONDS);
    running.sim = sim;
    Path registry = dataDir.resolve("portals.yaml");
    Files.writeString(registry, registry(sim.registry()));
    int[] hazelcast = new int[vantages];
    for (int i = 0; i < vantages; i++) {
      hazelcast[i] = freePort();
    }
    List<Node> nodes = plan(vantages, cfg.http().port(), hazelcast, dataDir);
    for (Node n : nodes) {
      Files.writeString(n.config(), config(n, nodes, store.url(), cfg.http().host(), registry, sim.caFile(),
          sim.hostsFile(), cfg.scoring().file()));
      Process p = running.add(launch(n, main));
      p.onExit().thenAccept(gone -> {
        if (!running.stopping()) {
          LOG.warn("node {} (pid {}) exited with code {}: see {}", n.name(), gone.pid(), gone.exitValue(), n.log());
        }
      });
      LOG.info("node {} (vantage {}, probes from {}): pid {}, board on http://localhost:{}/, log {}", n.name(),
          n.vantage(), n.source(), p.pid(), n.webPort(), n.log());
      awaitWeb(n, p); // one at a time: nodes starting together on a small machine time out on the database
    }
    String regional = regionalPortal(sim.portals());
    if (nodes.size() >= 2) {
      vertx.setTimer(REGIONAL_AFTER.toMillis(), id -> {
        sim.setMode(regional, nodes.get(1).source(), SimMode.REFUSED);
        LOG.info("regional outage: {} refuses connections from {} (vantage {}) only; the boards show it PARTIAL",
            regional, nodes.get(1).source(), nodes.get(1).vantage());
      });
    }
  }

  private static java.nio.file.Path scenario(DemoSettings demo) {
    if (demo.scenario() != null) {
      return DemoSettings.NO_SCENARIO.equals(demo.scenario().toString()) ? null : demo.scenario();
    }
    Path dflt = Path.of("conf", "scenarios", "demo.yaml");
    return Files.exists(dflt) ? dflt : null;
  }

  /** Starts node {@code n} as {@code run} in a JVM of its own, on this process's classpath, its output to its log. */
  static Process launch(Node n, String main) throws IOException {
    return launch(n, main, List.of());
  }

  /** As {@link #launch(Node, String)}, with more JVM options (a drill's small, fast-starting JVMs). */
  static Process launch(Node n, String main, List<String> jvmOptions) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Files.createDirectories(n.data());
    List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-Dfile.encoding=UTF-8"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main, "run", "--config", abs(n.config()),
        "--data", abs(n.data())));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(n.log().toFile()).start();
  }

  /** Waits until node {@code n} serves its web port (it has started), or has exited, or {@link #START_WAIT}. */
  static void awaitWeb(Node n, Process p) throws InterruptedException {
    long deadline = System.nanoTime() + START_WAIT.toNanos();
    while (p.isAlive() && System.nanoTime() < deadline) {
      try (java.net.Socket s = new java.net.Socket()) {
        s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), n.webPort()), 500);
        return;
      } catch (IOException e) {
        Thread.sleep(250);
      }
    }
  }

  /** What the launcher has started so far, and how to stop it (once: on a failed start, and at exit). */
  private static final class Running {
    final Vertx vertx;
    private final List<Process> processes = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
    volatile SimFleet sim;
    volatile Store store;

    Running(Vertx vertx) {
      this.vertx = vertx;
    }

    synchronized Process add(Process p) {
      processes.add(p);
      return p;
    }

    boolean stopping() {
      return stopping.get();
    }

    /** Stops the nodes by their process ids (SIGTERM, each stops cleanly), then the fleet and the database. */
    void stop() {
      if (!stopping.compareAndSet(false, true)) {
        return;
      }
      List<Process> nodes;
      synchronized (this) {
        nodes = List.copyOf(processes);
      }
      LOG.info("stopping the demo cluster: nodes {}", nodes.stream().map(Process::pid).toList());
      nodes.forEach(Process::destroy);
      for (Process p : nodes) {
        try {
          if (!p.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            LOG.warn("node pid {} did not stop within {} s: killed", p.pid(), STOP_WAIT.toSeconds());
            p.destroyForcibly().waitFor();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      try {
        if (sim != null) {
          sim.close().await(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        if (store != null) {
          store.close().await(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        vertx.close().await(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("demo cluster stop: {}", e.toString());
      }
      LOG.info("demo cluster stopped");
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
