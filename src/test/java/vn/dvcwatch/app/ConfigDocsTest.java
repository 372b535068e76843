package vn.dvcwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.config.YamlNode;

/**
 * The docs show exactly what the loader accepts: every setting the rooms' readers read is in the commented reference
 * {@code conf/dvc-watch.yaml}, and every {@code section.key} a doc names is a setting the loader reads.
 */
class ConfigDocsTest {
  private static final Set<String> SECTIONS = Set.of("http", "db", "registry", "probe", "scoring", "alerts",
      "retention", "stream", "admin", "log", "cluster", "browser");
  private static final Pattern CODE = Pattern.compile("`([a-z]+(?:\\.[a-z][a-zA-Z]*)+)`");

  /** Every leaf path the loader reads, with every default. */
  static Set<String> accepted() {
    YamlNode root = YamlNode.parse("(defaults)", "{}", Map.of());
    AppConfig.from(root, Path.of("."));
    return new TreeSet<>(root.readPaths());
  }

  /** The docs: the keys of conf/dvc-watch.yaml and of the YAML examples in docs/ (commented-out ones included), as paths. */
  static Set<String> reference() throws IOException {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> docs = Stream.concat(Files.list(Path.of("docs")), Stream.of(Path.of("conf/dvc-watch.yaml")))) {
      for (Path doc : docs.filter(p -> p.toString().endsWith(".md") || p.toString().endsWith(".yaml")).toList()) {
        keys(Files.readAllLines(doc), out);
      }
    }
    return out;
  }

  private static void keys(java.util.List<String> lines, Set<String> out) {
    String[] stack = new String[8];
    Pattern key = Pattern.compile("^( *)(?:# ?)?([a-zA-Z]+):(.*)$");
    for (String line : lines) {
      Matcher m = key.matcher(line);
      if (!m.matches() || m.group(1).isEmpty() && !SECTIONS.contains(m.group(2))) {
        continue;
      }
      int depth = m.group(1).length() / 2;
      if (depth >= stack.length || depth > 0 && stack[depth - 1] == null) {
        continue;
      }
      stack[depth] = m.group(2);
      for (int i = depth + 1; i < stack.length; i++) {
        stack[i] = null;
      }
      out.add(String.join(".", java.util.Arrays.copyOf(stack, depth + 1)));
    }
  }

  @Test
  void everySettingTheLoaderReadsIsInTheReference() throws IOException {
    Set<String> missing = new TreeSet<>(accepted());
    missing.removeAll(reference());
    missing.removeAll(named());
    assertThat(missing).as("settings the loader reads that conf/dvc-watch.yaml does not show").isEmpty();
  }

  /** The settings the docs name in running text ({@code `probe.interval`}), as "FILE: path". */
  static Set<String> namedWithFile() throws IOException {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> docs = Stream.concat(Files.list(Path.of("docs")), Stream.of(Path.of("README.md")))) {
      for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).toList()) {
        Matcher m = CODE.matcher(Files.readString(doc));
        while (m.find()) {
          if (SECTIONS.contains(m.group(1).substring(0, m.group(1).indexOf('.')))) {
            out.add(doc.getFileName() + ": " + m.group(1));
          }
        }
      }
    }
    return out;
  }

  static Set<String> named() throws IOException {
    Set<String> out = new TreeSet<>();
    namedWithFile().forEach(s -> out.add(s.substring(s.indexOf(": ") + 2)));
    return out;
  }

  @Test
  void everySettingADocNamesIsReadByTheLoader() throws IOException {
    Set<String> accepted = accepted();
    Set<String> unknown = new TreeSet<>();
    for (String named : namedWithFile()) {
      String path = named.substring(named.indexOf(": ") + 2);
      if (!accepted.contains(path) && accepted.stream().noneMatch(a -> a.startsWith(path + "."))) {
        unknown.add(named);
      }
    }
    assertThat(unknown).as("settings named in docs that the loader refuses").isEmpty();
  }
}
