package vn.dvcwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dvcwatch.testkit.Poll;

class RegistryWatcherTest {
  @TempDir Path dir;
  Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aBadEditIsRejectedAndTheRunningFleetStaysThenAGoodEditIsTaken() throws Exception {
    Path file = dir.resolve("portals.yaml");
    Files.copy(Path.of("src/test/resources/registry/valid.yaml"), file);
    RegistryWatcher w = new RegistryWatcher(vertx, file, RegistryLoader.load(file));
    CopyOnWriteArrayList<Fleet> seen = new CopyOnWriteArrayList<>();
    w.onChange(seen::add);
    w.start(50);

    // A duplicate id: the whole edit is refused, the two portals keep being watched.
    String good = Files.readString(file, StandardCharsets.UTF_8);
    write(file, good.replace("id: bo-tu-phap", "id: ha-noi"), 1);
    Poll.await("the bad edit refused", () -> w.lastError() != null, Duration.ofSeconds(10));
    assertThat(w.lastError()).contains("portals[1].id").contains("duplicate id");
    assertThat(w.fleet().portals()).extracting(Portal::id).containsExactly("ha-noi", "bo-tu-phap");
    assertThat(seen).isEmpty();

    // A good edit (a third portal) replaces the fleet and clears the error.
    write(file, good + """
          - id: hai-phong
            name: Thành phố Hải Phòng
            kind: province
            homepage: https://dichvucong.haiphong.gov.vn/
            eform: https://dichvucong.haiphong.gov.vn/lltp
        """, 2);
    // The watcher swaps the fleet, clears the error, then tells its listeners: wait for the last of these, so
    // the test never reads the state between two of them (a clean-clone CI run did, and saw no listener call).
    Poll.await("the good edit announced", () -> !seen.isEmpty(), Duration.ofSeconds(10));
    assertThat(w.fleet().portals()).hasSize(3);
    assertThat(w.lastError()).isNull();
    assertThat(seen).hasSize(1);
    assertThat(w.fleet().portal("hai-phong").orElseThrow().name()).isEqualTo("Thành phố Hải Phòng");
    w.stop();
  }

  private static void write(Path file, String text, int secondsLater) throws Exception {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    // Coarse file-system clocks: make each edit's modification time distinct.
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsLater)));
  }

}
