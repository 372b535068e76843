package vn.dvcwatch.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import vn.dvcwatch.config.ConfigException;
import vn.dvcwatch.config.YamlNode;

/**
 * Reads a scenario file and checks it whole before anything starts: a bad file is one error naming the
 * file, the line and the field, e.g. {@code demo.yaml:7: events[2].mode: unknown value "down"}.
 *
 * <pre>
 * events:
 *   - {at: 20s, portal: ha-noi, mode: refused, for: 90s}
 *   - {at: 40s, portal: bo-tu-phap, flap: 10s, for: 120s}
 *   - {at: 30s, portal: da-nang, delay: 2500ms, for: 180s}
 *   - {at: 60s, portal: ho-chi-minh, certificate: expire}
 *   - {at: 90s, portal: can-tho, mode: timeout, from: 127.0.0.3, for: 120s}
 * </pre>
 *
 * <p>{@code from} limits a mode, flap or delay to the connections from one source address (one vantage of
 * a cluster on loopback); a certificate is the same for every client, so it takes no {@code from}.
 */
public final class ScenarioLoader {
  private static final Set<String> FIELDS = Set.of("at", "portal", "mode", "flap", "delay", "certificate", "for", "from");
  private static final List<String> ACTIONS = List.of("mode", "flap", "delay", "certificate");

  private ScenarioLoader() {}

  /** Loads and validates {@code file}; {@code portalIds} are the portals the events may name. */
  public static Scenario load(Path file, Set<String> portalIds) {
    try {
      return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8), portalIds);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), 0, "(file)", "no such file");
    } catch (IOException e) {
      throw new ConfigException(file.toString(), 0, "(file)", "cannot read: " + e.getMessage());
    }
  }

  public static Scenario parse(String file, String text, Set<String> portalIds) {
    YamlNode root = YamlNode.parse(file, text).only(Set.of("events"));
    List<ScenarioEvent> events = new ArrayList<>();
    for (YamlNode item : root.get("events").items()) {
      events.add(event(item.only(FIELDS), portalIds));
    }
    return new Scenario(file, events);
  }

  private static ScenarioEvent event(YamlNode item, Set<String> portalIds) {
    Duration at = required(item.get("at"));
    String portal = item.get("portal").requiredString();
    if (!portalIds.contains(portal)) {
      throw item.get("portal").fail("no portal \"" + portal + "\" in the simulated fleet");
    }
    List<String> actions = ACTIONS.stream().filter(a -> item.get(a).present()).toList();
    if (actions.size() != 1) {
      throw item.fail("needs exactly one of " + String.join(", ", ACTIONS) + " (found "
          + (actions.isEmpty() ? "none" : String.join(", ", actions)) + ")");
    }
    YamlNode lastingNode = item.get("for");
    Duration lasting = lastingNode.present() ? positive(lastingNode) : null;
    SimMode mode = item.get("mode").present() ? mode(item.get("mode")) : null;
    Duration flap = item.get("flap").present() ? positive(item.get("flap")) : null;
    if (flap != null && lasting == null) {
      throw item.get("flap").fail("a flap needs \"for\" (how long it lasts)");
    }
    Duration delay = item.get("delay").present() ? positive(item.get("delay")) : null;
    CertPosture certificate = item.get("certificate").present() ? certificate(item.get("certificate")) : null;
    String from = item.get("from").present() ? from(item.get("from"), certificate != null) : null;
    return new ScenarioEvent(at, portal, mode, flap, delay, certificate, lasting, from, item.line());
  }

  private static String from(YamlNode n, boolean certificate) {
    if (certificate) {
      throw n.fail("a certificate is the same for every client: \"from\" applies to mode, flap and delay");
    }
    try {
      return SourceAddress.canonical(n.requiredString());
    } catch (IllegalArgumentException e) {
      throw n.fail(e.getMessage() + " (expected the source address of one vantage, e.g. 127.0.0.3)");
    }
  }

  private static Duration required(YamlNode n) {
    if (!n.present()) {
      throw n.fail("is required");
    }
    return n.duration(null);
  }

  private static Duration positive(YamlNode n) {
    Duration d = n.duration(null);
    if (d == null || d.isZero() || d.isNegative()) {
      throw n.fail("must be a positive duration like 500ms or 90s");
    }
    return d;
  }

  private static SimMode mode(YamlNode n) {
    String v = n.requiredString();
    try {
      return SimMode.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw n.fail("unknown value \"" + v + "\" (known: " + Arrays.stream(SimMode.values())
          .map(FleetFiles::label).collect(Collectors.joining(", ")) + ")");
    }
  }

  private static CertPosture certificate(YamlNode n) {
    String v = n.requiredString().toLowerCase(Locale.ROOT);
    if (v.equals("expire")) {
      return CertPosture.EXPIRED;
    }
    if (v.equals("renew")) {
      return CertPosture.VALID;
    }
    return Arrays.stream(CertPosture.values()).filter(c -> c.label().equals(v)).findFirst()
        .orElseThrow(() -> n.fail("unknown value \"" + v + "\" (known: expire, renew, " + Arrays.stream(CertPosture.values())
            .map(CertPosture::label).collect(Collectors.joining(", ")) + ")"));
  }
}
