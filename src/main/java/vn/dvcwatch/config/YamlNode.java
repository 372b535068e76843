package vn.dvcwatch.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node that remembers its file, line and dotted path, so that every rejection can name all
 * three. Typed readers (config, registry, scenarios, scoring) walk these instead of binding
 * reflectively: unknown fields are refused, and a setting can be overridden by an environment
 * variable named {@code DVC_} plus its path ({@code http.port} → {@code DVC_HTTP_PORT}).
 */
public final class YamlNode {
  private final String file;
  private final String path;
  private final Node node; // null: the key is absent
  private final int line;
  private final Map<String, String> env;
  /** The paths looked up so far in this document (each a possible DVC_ override), shared by all its nodes. */
  private final Set<String> asked;

  private YamlNode(String file, String path, Node node, int line, Map<String, String> env, Set<String> asked) {
    this.file = file;
    this.path = path;
    this.node = node;
    this.line = line;
    this.env = env;
    this.asked = asked;
  }

  /** Parses one document; a syntax error becomes a ConfigException with the line it was found on. */
  public static YamlNode parse(String file, String text, Map<String, String> env) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setCodePointLimit(16 * 1024 * 1024);
    try {
      Node root = new Yaml(options).compose(new java.io.StringReader(text));
      return new YamlNode(file, "", root, root == null ? 1 : lineOf(root), env == null ? Map.of() : env,
          java.util.concurrent.ConcurrentHashMap.newKeySet());
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      throw new ConfigException(file, line, "(syntax)", "invalid YAML: " + problem.replace('\n', ' '));
    } catch (YAMLException e) {
      throw new ConfigException(file, 1, "(syntax)", "invalid YAML: " + e.getMessage().replace('\n', ' '));
    }
  }

  public static YamlNode parse(String file, String text) {
    return parse(file, text, Map.of());
  }

  private static int lineOf(Node n) {
    return n.getStartMark() == null ? 1 : n.getStartMark().getLine() + 1;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public String path() {
    return path.isEmpty() ? "(root)" : path;
  }

  public boolean present() {
    return node != null || envValue() != null;
  }

  /** A rejection at this node. */
  public ConfigException fail(String problem) {
    return new ConfigException(file, line, path(), problem);
  }

  private String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private String envValue() {
    if (path.isEmpty() || path.contains("[")) {
      return null;
    }
    asked.add(path);
    return env.get(envName(path));
  }

  private static final String LIST = "[]";

  private static String envName(String path) {
    return "DVC_" + path.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /** Every setting's path read so far ({@code probe.interval}): after a whole document, what the reader accepts. */
  public Set<String> readPaths() {
    return asked.stream().map(p -> p.endsWith(LIST) ? p.substring(0, p.length() - LIST.length()) : p)
        .collect(java.util.stream.Collectors.toSet());
  }

  /**
   * The {@code DVC_} variables of the environment that no setting read so far: after a whole document
   * is read, a misspelt or retired override (which would otherwise do nothing, silently).
   */
  public List<String> unreadOverrides() {
    Set<String> names = asked.stream().map(YamlNode::envName).collect(java.util.stream.Collectors.toSet());
    return env.keySet().stream().filter(k -> k.startsWith("DVC_") && !names.contains(k)).sorted().toList();
  }

  private Map<String, Node> mapping() {
    if (node == null) {
      return Map.of();
    }
    if (!(node instanceof MappingNode m)) {
      throw fail("expected a mapping (key: value lines)");
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        throw new ConfigException(file, lineOf(t.getKeyNode()), path(), "keys must be plain names");
      }
      out.put(k.getValue(), t.getValueNode());
    }
    return out;
  }

  /** Refuses any key not in {@code allowed}, naming the first unknown one. */
  public YamlNode only(Set<String> allowed) {
    for (Map.Entry<String, Node> e : mapping().entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw new ConfigException(file, lineOf(e.getValue()), childPath(e.getKey()),
            "unknown field (known: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    }
    return this;
  }

  public YamlNode get(String key) {
    Node child = mapping().get(key);
    return new YamlNode(file, childPath(key), child, child == null ? line : lineOf(child), env, asked);
  }

  public List<String> keys() {
    return new ArrayList<>(mapping().keySet());
  }

  /** The items of a sequence; an absent key is an empty list. */
  public List<YamlNode> items() {
    if (!path.isEmpty() && !path.contains("[")) {
      asked.add(path + LIST); // read, though no DVC_ variable sets a list
    }
    if (node == null) {
      return List.of();
    }
    if (!(node instanceof SequenceNode s)) {
      throw fail("expected a list");
    }
    List<YamlNode> out = new ArrayList<>();
    int i = 0;
    for (Node child : s.getValue()) {
      out.add(new YamlNode(file, path + "[" + i++ + "]", child, lineOf(child), env, asked));
    }
    return Collections.unmodifiableList(out);
  }

  /** The scalar text, from the environment override when one is set; null when absent or null. */
  public String text() {
    String fromEnv = envValue();
    if (fromEnv != null) {
      return fromEnv;
    }
    if (node == null) {
      return null;
    }
    if (!(node instanceof ScalarNode s)) {
      throw fail("expected a single value");
    }
    String v = s.getValue();
    return ("~".equals(v) || "null".equals(v)) && s.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN ? null : v;
  }

  public String string(String fallback) {
    String v = text();
    return v == null ? fallback : v;
  }

  public String requiredString() {
    String v = text();
    if (v == null || v.isBlank()) {
      throw fail("is required");
    }
    return v.trim();
  }

  private <T> T parsed(T fallback, String what, Function<String, T> parser) {
    String v = text();
    if (v == null) {
      return fallback;
    }
    try {
      return parser.apply(v.trim());
    } catch (RuntimeException e) {
      throw fail("not " + what + ": \"" + v + "\"");
    }
  }

  public int integer(int fallback) {
    return parsed(fallback, "a whole number", Integer::parseInt);
  }

  public int integer(int fallback, int min, int max) {
    int v = integer(fallback);
    if (v < min || v > max) {
      throw fail(v + " is out of range " + min + ".." + max);
    }
    return v;
  }

  public long longValue(long fallback) {
    return parsed(fallback, "a whole number", Long::parseLong);
  }

  public double number(double fallback) {
    return parsed(fallback, "a number", Double::parseDouble);
  }

  public double number(double fallback, double min, double max) {
    double v = number(fallback);
    if (!(v >= min && v <= max)) {
      throw fail(v + " is out of range " + min + ".." + max);
    }
    return v;
  }

  public boolean bool(boolean fallback) {
    return parsed(fallback, "true or false", s -> switch (s.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new IllegalArgumentException(s);
    });
  }

  /** A duration written as {@code 30s}, {@code 500ms}, {@code 5m}, {@code 2h}, {@code 35d}. */
  public Duration duration(Duration fallback) {
    return parsed(fallback, "a duration like 30s, 500ms, 5m, 2h or 35d", YamlNode::parseDuration);
  }

  public static Duration parseDuration(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
      i++;
    }
    if (i == 0) {
      throw new IllegalArgumentException(s);
    }
    double n = Double.parseDouble(t.substring(0, i));
    double ms = switch (t.substring(i).trim()) {
      case "ms" -> n;
      case "s", "" -> n * 1000;
      case "m" -> n * 60_000;
      case "h" -> n * 3_600_000;
      case "d" -> n * 86_400_000;
      default -> throw new IllegalArgumentException(s);
    };
    return Duration.ofMillis(Math.round(ms));
  }

  /** An absolute http or https URL. */
  /** A duration longer than zero; {@code fallback} when absent. */
  public Duration positiveDuration(Duration fallback) {
    Duration d = duration(fallback);
    if (d.isNegative() || d.isZero()) {
      throw fail("must be longer than zero");
    }
    return d;
  }

  private static final java.util.regex.Pattern EMAIL =
      java.util.regex.Pattern.compile("^[^@\\s<>]+@[^@\\s<>]+\\.?[^@\\s<>]*$");

  /** An email address, trimmed; {@code fallback} when absent. */
  public String email(String fallback) {
    String v = string(fallback);
    if (v != null && !EMAIL.matcher(v.trim()).matches()) {
      throw fail("not an email address: \"" + v + "\"");
    }
    return v == null ? null : v.trim();
  }

  /** A file path as given, resolved against {@code baseDir} when relative. */
  public java.nio.file.Path path(String fallback, java.nio.file.Path baseDir) {
    java.nio.file.Path p = java.nio.file.Path.of(string(fallback));
    return p.isAbsolute() ? p : baseDir.resolve(p).normalize();
  }

  public URI url(URI fallback) {
    String v = text();
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      URI u = new URI(v.trim());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
        throw fail("not an http(s) URL with a host: \"" + v + "\"");
      }
      return u;
    } catch (java.net.URISyntaxException e) {
      throw fail("not a valid URL: \"" + v + "\"");
    }
  }

  public List<String> strings() {
    if (!path.isEmpty() && !path.contains("[")) {
      asked.add(path + LIST); // read, though no DVC_ variable sets a list
    }
    if (node instanceof ScalarNode) {
      String v = text();
      return v == null ? List.of() : List.of(v);
    }
    List<String> out = new ArrayList<>();
    for (YamlNode item : items()) {
      out.add(item.requiredString());
    }
    return out;
  }

  public <E extends Enum<E>> E enumValue(Class<E> type, E fallback) {
    String v = text();
    if (v == null) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> known = new ArrayList<>();
      for (E c : type.getEnumConstants()) {
        known.add(c.name().toLowerCase(Locale.ROOT));
      }
      throw fail("unknown value \"" + v + "\" (known: " + String.join(", ", known) + ")");
    }
  }
}
