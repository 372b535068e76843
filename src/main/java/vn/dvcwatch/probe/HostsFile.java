package vn.dvcwatch.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an /etc/hosts-style file (hosts(5): an address, then names; {@code #} starts a comment) into a
 * name → address map. The simulator writes one so that its portals keep real-looking hostnames on loopback.
 * As in hosts(5), the first line naming a host wins.
 */
public final class HostsFile {
  private HostsFile() {}

  public static Map<String, String> read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read hosts file " + file, e);
    }
  }

  public static Map<String, String> parse(String text) {
    Map<String, String> hosts = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int hash = line.indexOf('#');
      String[] fields = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
      for (int i = 1; i < fields.length; i++) {
        hosts.putIfAbsent(fields[i].toLowerCase(Locale.ROOT), fields[0]);
      }
    }
    return hosts;
  }
}
