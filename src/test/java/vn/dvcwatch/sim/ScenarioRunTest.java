package vn.dvcwatch.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dvcwatch.config.ConfigException;
import vn.dvcwatch.testkit.Poll;

/** A scenario with offsets under two seconds plays out on a running fleet; a bad one stops the start. */
class ScenarioRunTest {
  static final long SEED = 5;
  @TempDir Path dir;
  Vertx vertx = Vertx.vertx();
  SimFleet fleet;

  @AfterEach
  void stop() {
    if (fleet != null) {
      fleet.close().await();
    }
    vertx.close().await();
  }

  @Test
  void eventsFireAndUndoThemselves() throws Exception {
    List<String> ids = IntStream.range(0, 12).filter(i -> PostureDraw.draw(SEED, i).https())
        .mapToObj(i -> String.format("p%04d", i + 1)).limit(4).toList();
    Path file = dir.resolve("quick.yaml");
    Files.writeString(file, "events:\n"
        + "  - {at: 300ms, portal: " + ids.get(0) + ", mode: refused, for: 1s}\n"
        + "  - {at: 300ms, portal: " + ids.get(1) + ", certificate: expire}\n"
        + "  - {at: 300ms, portal: " + ids.get(2) + ", delay: 600ms, for: 1s}\n"
        + "  - {at: 300ms, portal: " + ids.get(3) + ", flap: 500ms, for: 1500ms}\n");
    fleet = SimFleet.start(vertx, new SimOptions(12, TestFleet.freeBase(12), SEED, file, List.of(), dir.resolve("out"))).await();
    SimPortal refused = portal(ids.get(0));
    List<SimMode> flap = java.util.Collections.synchronizedList(new ArrayList<>());
    long sampler = vertx.setPeriodic(10, t -> {
      SimMode now = fleet.mode(ids.get(3));
      if (flap.isEmpty() || flap.get(flap.size() - 1) != now) {
        flap.add(now);
      }
    });
    eventually(() -> fleet.mode(refused.id()) == SimMode.REFUSED);
    eventually(() -> {
      try {
        JdkClient.plain(refused.httpsPort()).close();
        return false;
      } catch (ConnectException expected) {
        return true;
      } catch (java.io.IOException e) {
        return false;
      }
    });
    eventually(() -> fleet.delay(ids.get(2)).toMillis() == 600);
    eventually(() -> fleet.certificate(ids.get(1)) == CertPosture.EXPIRED);
    assertThat(JdkClient.peerCertificate(portal(ids.get(1))).getNotAfter().toInstant()).isBefore(Instant.now());
    eventually(() -> fleet.mode(refused.id()) == SimMode.NORMAL && flappedAndSettled(List.copyOf(flap)));
    vertx.cancelTimer(sampler);
    eventually(() -> fleet.delay(ids.get(2)).isZero());
    assertThat(fleet.certificate(ids.get(1))).isEqualTo(CertPosture.EXPIRED); // no "for": it stays
  }

  @Test
  void aBadScenarioStopsTheStartWithItsLineAndField() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "events:\n  - {at: 1s, portal: p0001, mode: sleepy}\n");
    assertThatThrownBy(() -> SimFleet.start(vertx, new SimOptions(3, 0, SEED, file, List.of(), dir)).await())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ":2: events[0].mode: unknown value \"sleepy\"");
    assertThat(dir.resolve("manifest.json")).doesNotExist();
  }

  /** Down, up, down, up (for good) among the sampled mode changes. */
  private static boolean flappedAndSettled(List<SimMode> seen) {
    List<SimMode> expected = List.of(SimMode.REFUSED, SimMode.NORMAL, SimMode.REFUSED, SimMode.NORMAL);
    int matched = 0;
    for (SimMode m : seen) {
      if (matched < expected.size() && m == expected.get(matched)) {
        matched++;
      }
    }
    return matched == expected.size();
  }

  private SimPortal portal(String id) {
    return fleet.portals().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }

  private static void eventually(BooleanSupplier condition) {
    Poll.await("the scenario's next step", condition::getAsBoolean, Duration.ofSeconds(5));
  }
}
