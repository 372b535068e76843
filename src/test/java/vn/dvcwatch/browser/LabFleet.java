package vn.dvcwatch.browser;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import vn.dvcwatch.sim.CertPosture;
import vn.dvcwatch.sim.SimFleet;
import vn.dvcwatch.sim.SimOptions;
import vn.dvcwatch.sim.SimPortal;

/**
 * A small simulated fleet on its own Vert.x (as in the demo: other machines), and one of its HTTPS portals
 * with a valid certificate and a fixed 1 ms time to first byte, whose lab pages the browser tests load.
 */
record LabFleet(Vertx vertx, SimFleet fleet, SimPortal portal) {
  static final String LAB = "/phong-thu/";

  /** The installed browser; the calling test class is skipped, with the reason, when there is none. */
  static Path browserOrSkip() {
    Path exe = BrowserSettings.defaults().executable();
    org.junit.jupiter.api.Assumptions.assumeTrue(exe != null,
        "no Chromium installed (looked for " + BrowserSettings.CANDIDATES + ")");
    return exe;
  }

  static LabFleet start() throws IOException {
    Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(2));
    Path dir = tempDir("dvc-browser-lab");
    SimFleet fleet = SimFleet.start(vertx, new SimOptions(8, 0, 18, null, List.of(), dir)).await();
    SimPortal portal = fleet.portals().stream()
        .filter(p -> p.posture().https() && p.posture().cert() == CertPosture.VALID).findFirst()
        .orElseThrow(() -> new IllegalStateException("seed 18 gave no HTTPS portal with a valid certificate"));
    fleet.setDelay(portal.id(), Duration.ofMillis(1));
    return new LabFleet(vertx, fleet, portal);
  }

  /** A temporary directory removed when the test JVM exits (a store's holds a whole PostgreSQL cluster). */
  static Path tempDir(String prefix) throws IOException {
    Path d = Files.createTempDirectory(prefix);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try (var paths = Files.walk(d)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
      } catch (IOException | java.io.UncheckedIOException e) {
        // best effort at exit; it is under the system temp directory
      }
    }));
    return d;
  }

  URI page(String name) {
    return URI.create("https://" + portal.hostname() + ":" + portal.httpsPort() + LAB + name);
  }

  /** Browser settings that reach the fleet: its names and its CA. */
  BrowserSettings settings(int concurrency, Duration deadline, int maxRequests, int maxMemoryMb) {
    return BrowserSettings.defaults().withNetwork(fleet.hosts(), List.of(fleet.caFile()))
        .withBounds(concurrency, deadline, Duration.ofSeconds(2), 50L * 1024 * 1024, maxRequests, maxMemoryMb)
        .withCpuBudget(0); // the lab measures pages back to back; PoolBudgetTest checks the budget itself
  }

  void close() {
    fleet.close().await();
    vertx.close().await();
  }
}
