package vn.dvcwatch.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a configuration file's text for the YAML reader ({@link YamlNode}); rooms parse their own sections. */
public final class ConfigLoader {
  private ConfigLoader() {}

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
