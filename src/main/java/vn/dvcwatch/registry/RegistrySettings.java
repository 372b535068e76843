package vn.dvcwatch.registry;

import java.nio.file.Path;
import java.util.Set;
import vn.dvcwatch.config.YamlNode;

/** The {@code registry:} section: the fleet file, and whether its edits are followed while running. */
public record RegistrySettings(Path file, boolean watch) {
  static final Set<String> KEYS = Set.of("file", "watch");

  /** {@code baseDir}: where relative paths start (the working directory, as a user types them). */
  public static RegistrySettings from(YamlNode r, Path baseDir) {
    r.only(KEYS);
    return new RegistrySettings(r.get("file").path("conf/portals.yaml", baseDir), r.get("watch").bool(true));
  }
}
