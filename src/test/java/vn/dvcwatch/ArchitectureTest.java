package vn.dvcwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rooms of docs/ARCHITECTURE.md import only downwards: each room has a floor, and a class may name a class of
 * another room only if that room's floor is lower. A new room, or a new upward import, fails here until the table
 * and ARCHITECTURE.md say where it belongs.
 */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src/main/java/vn/dvcwatch");

  /** The floor of each room; 0 is the bottom, {@code cli} the top. */
  private static final Map<String, Integer> FLOOR = Map.ofEntries(
      Map.entry("config", 0), Map.entry("result", 0),
      Map.entry("registry", 1), Map.entry("status", 1), Map.entry("check", 1),
      Map.entry("metrics", 1),
      Map.entry("probe", 2), Map.entry("grade", 2), Map.entry("alert", 2), Map.entry("cluster", 2),
      Map.entry("sim", 3), Map.entry("store", 3), Map.entry("browser", 3), Map.entry("web", 3),
      Map.entry("report", 4),
      Map.entry("app", 5),
      Map.entry("cli", 6));

  private static final Pattern REFERENCE = Pattern.compile("\\bvn\\.dvcwatch\\.([a-z]+)\\.[A-Z]");

  @Test
  void everyRoomHasAFloor() throws IOException {
    try (Stream<Path> rooms = Files.list(MAIN)) {
      assertThat(rooms.filter(Files::isDirectory).map(p -> p.getFileName().toString()))
          .as("rooms without a floor in ArchitectureTest.FLOOR").allMatch(FLOOR::containsKey);
    }
  }

  @Test
  void noRoomImportsARoomAboveIt() throws IOException {
    List<String> upward = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String room = MAIN.relativize(file).getName(0).toString();
        Matcher m = REFERENCE.matcher(Files.readString(file));
        while (m.find()) {
          String other = m.group(1);
          if (other.equals(room) || !FLOOR.containsKey(room) || !FLOOR.containsKey(other)) {
            continue;
          }
          if (FLOOR.get(other) >= FLOOR.get(room)) {
            upward.add(MAIN.relativize(file) + ": " + m.group());
          }
        }
      }
    }
    assertThat(upward).as("imports of a room on the same floor or above").isEmpty();
  }
}
