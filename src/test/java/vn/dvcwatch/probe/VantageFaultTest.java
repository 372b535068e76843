package vn.dvcwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dvcwatch.sim.SimFleet;
import vn.dvcwatch.sim.SimMode;
import vn.dvcwatch.sim.SimOptions;
import vn.dvcwatch.sim.SimPortal;
import vn.dvcwatch.testkit.Poll;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;

/**
 * Per-vantage faults over real traffic: each prober binds its connections to its own loopback source
 * address (as each node of a cluster on one machine does), and the simulator fails or slows a portal for
 * the connections from one of those addresses only.
 */
class VantageFaultTest {
  @TempDir static Path dir;
  static Vertx simVertx;
  static Vertx vertx;
  static SimFleet fleet;
  static Prober hanoi;
  static Prober hcm;
  static Prober unbound;

  @BeforeAll
  static void start() throws Exception {
    simVertx = Vertx.vertx();
    vertx = Vertx.vertx();
    Path scenario = dir.resolve("regional.yaml");
    Files.writeString(scenario, """
        events:
          - {at: 1ms, portal: p0003, mode: http-503, from: 127.0.0.3}
        """);
    fleet = SimFleet.start(simVertx, new SimOptions(4, 0, 2023, scenario, List.of(), dir)).await();
    fleet.portals().forEach(p -> fleet.setDelay(p.id(), Duration.ofMillis(1)));
    ProbeSettings settings = SimulatedFleetTest.settingsFor(fleet, Duration.ofSeconds(5));
    hanoi = new Prober(vertx, settings, InetAddress.getByName("127.0.0.2"));
    hcm = new Prober(vertx, settings, InetAddress.getByName("127.0.0.3"));
    unbound = new Prober(vertx, settings);
  }

  @AfterAll
  static void stop() {
    fleet.close().await();
    simVertx.close().await();
    vertx.close().await();
  }

  private static ProbeResult probe(Prober prober, SimPortal p) {
    return prober.probe(p.id(), Target.HOMEPAGE, p.homepage()).await();
  }

  private static SimPortal portal(int i) {
    return fleet.portals().get(i);
  }

  @Test
  void aPortalRefusedFromOneSourceIsDownFromThatVantageOnly() {
    SimPortal p = portal(0);
    fleet.setMode(p.id(), "127.0.0.3", SimMode.REFUSED);
    try {
      assertThat(probe(hcm, p).outcome()).isEqualTo(Outcome.DOWN);
      assertThat(probe(hanoi, p).outcome()).isEqualTo(Outcome.UP);
      assertThat(probe(unbound, p).outcome()).isEqualTo(Outcome.UP);
    } finally {
      fleet.setMode(p.id(), "127.0.0.3", SimMode.NORMAL);
    }
    assertThat(probe(hcm, p).outcome()).isEqualTo(Outcome.UP);
  }

  @Test
  void aPortalSlowFromOneSourceIsSlowFromThatVantageOnly() {
    SimPortal p = portal(1);
    fleet.setDelay(p.id(), "127.0.0.2", Duration.ofMillis(900));
    try {
      assertThat(probe(hanoi, p).phases().ttfb()).isGreaterThanOrEqualTo(900.0);
      assertThat(probe(hcm, p).phases().ttfb()).isLessThan(900.0);
    } finally {
      fleet.setDelay(p.id(), "127.0.0.2", Duration.ZERO);
    }
    assertThat(probe(hanoi, p).phases().ttfb()).isLessThan(900.0);
  }

  @Test
  void aPortalWideModeStillReachesEverySource() {
    SimPortal p = portal(3);
    fleet.setMode(p.id(), SimMode.HTTP_500).await();
    try {
      assertThat(probe(hanoi, p).status()).isEqualTo(500);
      assertThat(probe(hcm, p).status()).isEqualTo(500);
    } finally {
      fleet.setMode(p.id(), SimMode.NORMAL).await();
    }
  }

  @Test
  void aScenarioEventFromOneSourceIsPlayedForThatSourceOnly() {
    SimPortal p = fleet.portals().stream().filter(x -> x.id().equals("p0003")).findFirst().orElseThrow();
    Poll.await("the scenario's 503 for 127.0.0.3", () -> Integer.valueOf(503).equals(probe(hcm, p).status()),
        Duration.ofSeconds(10));
    assertThat(probe(hanoi, p).status()).isEqualTo(200);
  }
}
