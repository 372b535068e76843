package vn.dvcwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.config.StartupException;

/** A demo that cannot start says which flag to change and to what, and leaves no PostgreSQL running. */
class FailedStartTest {

  @Test
  void aBaseInTheEphemeralRangeIsRefusedWithTheFlagAndASafeRange() {
    int low = SimPorts.ephemeral()[0];
    assertThat(SimPorts.problem(low + 100, 83)).hasValueSatisfying(m -> assertThat(m)
        .startsWith("--sim-base-port " + (low + 100) + ": ports ")
        .contains("ephemeral range " + low + "–")
        .contains("choose a base port in 1024–" + (low - 166)));
    assertThat(SimPorts.problem(low - 166, 83)).isEmpty();
    assertThat(SimPorts.problem(low - 165, 83)).isPresent();
    assertThat(SimPorts.problem(20_000, 83)).isEmpty();
    assertThat(SimPorts.problem(80, 3)).hasValueSatisfying(m -> assertThat(m).contains("choose a base port in 1024–"));
  }

  @Test
  void aSimulatedPortInUseNamesTheFlagAndTheDatabaseIsStopped() throws Exception {
    Path data = Files.createTempDirectory("dvc-failed-start");
    try (ServerSocket taken = occupyThirdPortalsPort()) {
      int base = taken.getLocalPort() - 4;
      assertThatThrownBy(() -> new RunningDemo(data, 3, base, Map.of()).close())
          .isInstanceOf(StartupException.class)
          .hasMessageStartingWith("--sim-base-port " + base + ": cannot listen on 127.0.0.1:")
          .hasMessageContaining("choose another base port in 1024–")
          .hasMessageContaining("ss -ltn");
    }
    // PostgreSQL started beside the fleet and was stopped by the failed start, not left to the JVM's exit
    Path pg = data.resolve("pg");
    assertThat(pg.resolve("PG_VERSION")).exists();
    assertThat(pg.resolve("postmaster.pid")).doesNotExist();
  }

  /** A listener on the port of the third simulated portal of a base below the ephemeral range. */
  private static ServerSocket occupyThirdPortalsPort() throws Exception {
    int high = SimPorts.ephemeral()[0] - 10;
    for (int attempt = 0; ; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(22_000, high);
      try {
        return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
      } catch (java.io.IOException e) {
        if (attempt > 50) {
          throw e;
        }
      }
    }
  }
}
