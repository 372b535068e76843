package vn.dvcwatch.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import vn.dvcwatch.config.ConfigException;
import vn.dvcwatch.config.YamlNode;

/**
 * The {@code cluster:} section of {@code conf/dvc-watch.yaml}. Without it (or with {@code enabled: false})
 * dvc-watch runs alone, exactly as before, and no Hazelcast is started.
 *
 * @param enabled true: join the cluster of {@code members} as node {@code node} of vantage {@code vantage}
 * @param name the cluster's name: members with another name never join it (two clusters on one network)
 * @param node this node's name, unique in the cluster (the leader row and {@code /health/ready} show it)
 * @param vantage the network location this node probes from ({@code hanoi}, {@code hcm}, …)
 * @param members every node of the cluster, this one included (TCP-IP join); a strict majority of this
 *     list must see each other for anyone to lead, so the list's length is the cluster's size
 * @param port the Hazelcast port of this node; a member written without a port uses it too
 * @param sourceAddress the local address probes leave from; empty: the operating system chooses
 * @param quorum the least number of vantages that must see a portal DOWN for it to be DOWN, on top of a
 *     strict majority of the vantages that reported (docs/CLUSTER.md); 0: the majority alone
 */
public record ClusterSettings(boolean enabled, String name, String node, String vantage, List<Member> members,
    int port, String sourceAddress, int quorum) {

  public static final int DEFAULT_PORT = 5701;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  /** One configured member: a host name or address and its Hazelcast port. */
  public record Member(String host, int port) {
    @Override
    public String toString() {
      return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
  }

  public ClusterSettings {
    members = List.copyOf(members);
  }

  /** The size of a strict majority of the configured members: 2 of 3, 3 of 4 or 5. */
  public int majority() {
    return members.size() / 2 + 1;
  }

  /** The vantage every result of a process without a cluster is stored under. */
  public static final String SINGLE_VANTAGE = "local";

  /**
   * The address this node's probes leave from, null to let the operating system choose. Only a cluster
   * node has one: without a cluster dvc-watch probes exactly as before.
   */
  public InetAddress source() {
    if (!enabled || sourceAddress.isEmpty()) {
      return null;
    }
    try {
      return InetAddress.getByName(sourceAddress); // a literal, checked at load: no lookup
    } catch (UnknownHostException e) {
      throw new IllegalStateException("sourceAddress " + sourceAddress + " was checked at load", e);
    }
  }

  /** The vantage this process's results are stored and voted under: {@value #SINGLE_VANTAGE} alone. */
  public String vantageName() {
    return enabled ? vantage : SINGLE_VANTAGE;
  }

  /** Off: one process, no cluster (the default). */
  public static ClusterSettings single() {
    return from(YamlNode.parse("(defaults)", "{}"));
  }

  /** Reads the {@code cluster:} node; absent fields keep their defaults, unknown fields are refused. */
  public static ClusterSettings from(YamlNode n) {
    n.only(Set.of("enabled", "name", "node", "vantage", "members", "port", "sourceAddress", "quorum"));
    boolean enabled = n.get("enabled").bool(false);
    String name = name(n.get("name"), "dvc-watch");
    String node = name(n.get("node"), hostName());
    String vantage = name(n.get("vantage"), node);
    int port = n.get("port").integer(DEFAULT_PORT, 1, 65535);
    List<Member> members = members(n.get("members"), port);
    if (enabled && members.isEmpty()) {
      throw n.get("members").fail("is required when the cluster is enabled: list every node, this one included");
    }
    String source = n.get("sourceAddress").string("").trim();
    if (!source.isEmpty()) {
      localAddress(n.get("sourceAddress"), source);
    }
    int quorum = n.get("quorum").integer(0, 0, Math.max(members.size(), 1));
    return new ClusterSettings(enabled, name, node, vantage, members, port, source, quorum);
  }

  private static String name(YamlNode n, String fallback) {
    String v = n.string(fallback).trim();
    if (!NAME.matcher(v).matches()) {
      throw n.fail("expected letters, digits, '.', '_' or '-' (at most 63, starting with a letter or digit), got \""
          + v + "\"");
    }
    return v;
  }

  /**
   * A YAML list, or one comma-separated value ({@code DVC_CLUSTER_MEMBERS=a:5701,b:5701}, which wins
   * over the file as every override does).
   */
  private static List<Member> members(YamlNode n, int defaultPort) {
    List<String> texts = new ArrayList<>();
    List<YamlNode> at = new ArrayList<>();
    String one = scalarOrOverride(n);
    if (one != null) {
      for (String part : one.split(",")) {
        if (!part.isBlank()) {
          texts.add(part.trim());
          at.add(n);
        }
      }
    } else {
      for (YamlNode item : n.items()) {
        texts.add(item.requiredString());
        at.add(item);
      }
    }
    List<Member> out = new ArrayList<>();
    Set<Member> seen = new HashSet<>();
    for (int i = 0; i < texts.size(); i++) {
      Member m = member(at.get(i), texts.get(i), defaultPort);
      if (!seen.add(m)) {
        throw at.get(i).fail("member " + m + " is listed twice");
      }
      out.add(m);
    }
    return out;
  }

  /** The override or the scalar value; null for a YAML list without an override (or nothing at all). */
  private static String scalarOrOverride(YamlNode n) {
    try {
      return n.text();
    } catch (ConfigException listInTheFile) {
      return null;
    }
  }

  private static Member member(YamlNode at, String text, int defaultPort) {
    String host = text;
    int port = defaultPort;
    int colon = text.lastIndexOf(':');
    if (text.startsWith("[")) { // [v6]:port
      int close = text.indexOf(']');
      if (close < 0) {
        throw at.fail("expected host[:port], got \"" + text + "\"");
      }
      host = text.substring(1, close);
      colon = close == text.length() - 1 ? -1 : close + 1;
      if (colon >= 0 && text.charAt(colon) != ':') {
        throw at.fail("expected host[:port], got \"" + text + "\"");
      }
    } else if (colon >= 0 && text.indexOf(':') == colon) {
      host = text.substring(0, colon);
    } else {
      colon = -1; // a bare IPv6 address, no port
    }
    if (colon >= 0) {
      try {
        port = Integer.parseInt(text.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw at.fail("not a port in \"" + text + "\": expected host[:port]");
      }
      if (port < 1 || port > 65535) {
        throw at.fail("port " + port + " of \"" + text + "\" is out of range 1..65535");
      }
    }
    if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
      throw at.fail("expected host[:port], got \"" + text + "\"");
    }
    return new Member(host, port);
  }

  /**
   * The address must be one this machine can send from: binding a socket to it is the test the probes
   * themselves will pass or fail (127.0.0.2 counts on Linux, where all of 127/8 is local).
   */
  private static void localAddress(YamlNode n, String text) {
    if (!text.matches("[0-9A-Fa-f:.]+")) { // a literal: a name would need a DNS lookup at every start
      throw n.fail("expected an IP address of this machine, got \"" + text + "\"");
    }
    InetAddress a;
    try {
      a = InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw n.fail("not an address: \"" + text + "\"");
    }
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(a, 0));
    } catch (IOException e) {
      throw n.fail(text + " is not an address of this machine (" + e.getMessage() + ")");
    }
  }

  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    try {
      String h = InetAddress.getLocalHost().getHostName();
      return NAME.matcher(h).matches() ? h : env != null && NAME.matcher(env).matches() ? env : "node";
    } catch (UnknownHostException e) {
      return env != null && NAME.matcher(env).matches() ? env : "node";
    }
  }
}
