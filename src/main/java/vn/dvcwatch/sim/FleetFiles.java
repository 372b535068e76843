package vn.dvcwatch.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * The three files a simulated fleet leaves for its clients: the test CA (trusted only by a watchdog told
 * to), a hosts(5) file mapping every portal's name to 127.0.0.1, and the manifest — exactly what each
 * portal serves, the ground truth tests and benchmarks compare the watchdog's findings with.
 */
final class FleetFiles {
  static final String CA = "ca.pem";
  static final String HOSTS = "hosts";
  static final String MANIFEST = "manifest.json";

  private FleetFiles() {}

  static void write(Path dir, String caPem, List<PortalServer> servers, long seed, Scenario scenario) {
    try {
      Files.createDirectories(dir);
      replace(dir.resolve(CA), caPem);
      StringBuilder hosts = new StringBuilder();
      for (PortalServer s : servers) {
        hosts.append("127.0.0.1 ").append(s.hostname).append('\n');
      }
      replace(dir.resolve(HOSTS), hosts.toString());
      replace(dir.resolve(MANIFEST), manifest(dir, servers, seed, scenario).encodePrettily() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the simulator's files under " + dir, e);
    }
  }

  /** Written beside, then moved: a reader never sees half a manifest. */
  private static void replace(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static JsonObject manifest(Path dir, List<PortalServer> servers, long seed, Scenario scenario) {
    JsonArray portals = new JsonArray();
    for (PortalServer s : servers) {
      portals.add(ManifestEntry.of(s, scenario));
    }
    return new JsonObject()
        .put("seed", seed)
        .put("ca", dir.resolve(CA).toAbsolutePath().toString())
        .put("hosts", dir.resolve(HOSTS).toAbsolutePath().toString())
        .put("scenario", scenario.file())
        .put("portals", portals);
  }

  static String label(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
