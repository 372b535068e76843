package vn.dvcwatch.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/** Loads {@code conf/dvc-watch.yaml} with the process environment's {@code DVC_*} overrides. */
public final class ConfigLoader {
  private ConfigLoader() {}

  public static AppConfig load(Path file, Map<String, String> env) {
    String text = read(file);
    // Relative paths inside the config (registry.file, probe.hostsFile) are taken from the working
    // directory, as a user types them, not from the config file's folder.
    return AppConfig.from(YamlNode.parse(file.toString(), text, env), Path.of("."));
  }

  /** A configuration file's text; a missing or unreadable file is a {@link ConfigException} naming it. */
  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), 0, "(file)", "no such file");
    } catch (IOException e) {
      throw new ConfigException(file.toString(), 0, "(file)", "cannot read: " + e.getMessage());
    }
  }
}
