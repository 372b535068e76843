package vn.dvcwatch.registry;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.dvcwatch.config.ConfigException;
import vn.dvcwatch.config.YamlNode;

/**
 * Reads and validates a fleet registry file (docs/FLEET.md). A file either loads whole or is rejected with one
 * error naming file, line and field: a half-loaded fleet would silently stop watching portals.
 */
public final class RegistryLoader {
  private static final Pattern ID = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s<>,;]+@[^@\\s<>,;]+\\.[^@\\s<>,;]+$");
  private static final Set<String> FIELDS = Set.of("id", "name", "kind", "homepage", "eform", "owner",
      "contacts", "sla", "successor", "retired", "verified");

  private RegistryLoader() {}

  public static Fleet load(Path file) {
    try {
      return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), 0, "(file)", "no such file");
    } catch (IOException e) {
      throw new ConfigException(file.toString(), 0, "(file)", "cannot read: " + e.getMessage());
    }
  }

  public static Fleet parse(String file, String text) {
    YamlNode root = YamlNode.parse(file, text).only(Set.of("fleet", "portals"));
    List<YamlNode> items = root.get("portals").items();
    if (items.isEmpty()) {
      throw root.get("portals").fail("the fleet has no portals");
    }
    List<Portal> portals = new ArrayList<>();
    Map<String, YamlNode> seen = new HashMap<>();
    Map<String, YamlNode> successors = new HashMap<>();
    for (YamlNode item : items) {
      Portal p = portal(item.only(FIELDS));
      YamlNode first = seen.putIfAbsent(p.id(), item);
      if (first != null) {
        throw item.get("id").fail("duplicate id \"" + p.id() + "\" (first at line " + first.line() + ")");
      }
      if (p.successor() != null) {
        successors.put(p.id(), item.get("successor"));
      }
      portals.add(p);
    }
    Map<String, Portal> byId = new HashMap<>();
    portals.forEach(p -> byId.put(p.id(), p));
    for (Map.Entry<String, YamlNode> e : successors.entrySet()) {
      String successor = byId.get(e.getKey()).successor();
      if (successor.equals(e.getKey())) {
        throw e.getValue().fail("a portal cannot be its own successor");
      }
      if (!byId.containsKey(successor)) {
        throw e.getValue().fail("no portal with id \"" + successor + "\" in this file");
      }
    }
    return new Fleet(root.get("fleet").string(file), portals);
  }

  private static Portal portal(YamlNode n) {
    YamlNode idNode = n.get("id");
    String id = idNode.requiredString();
    if (!ID.matcher(id).matches()) {
      throw idNode.fail("\"" + id + "\" is not a slug (lower-case a-z, 0-9 and single dashes)");
    }
    URI homepage = requiredUrl(n.get("homepage"));
    URI eform = requiredUrl(n.get("eform"));
    List<String> contacts = new ArrayList<>();
    YamlNode contactsNode = n.get("contacts");
    for (String c : contactsNode.strings()) {
      if (!EMAIL.matcher(c).matches()) {
        throw contactsNode.fail("not an email address: \"" + c + "\"");
      }
      contacts.add(c);
    }
    // Percent in the file, a fraction in memory; rounded so that 99.9 % is exactly 0.999.
    double sla = Math.round(n.get("sla").number(Portal.DEFAULT_SLA_TARGET * 100, 50, 100) * 10_000) / 1_000_000.0;
    String successor = n.get("successor").string(null);
    LocalDate retired = null;
    YamlNode retiredNode = n.get("retired");
    String retiredText = retiredNode.string(null);
    if (retiredText != null) {
      try {
        retired = LocalDate.parse(retiredText.trim());
      } catch (DateTimeParseException e) {
        throw retiredNode.fail("not a date (YYYY-MM-DD): \"" + retiredText + "\"");
      }
    }
    PortalKind kind = n.get("kind").enumValue(PortalKind.class, null);
    if (kind == null) {
      throw n.get("kind").fail("is required (national, ministry or province)");
    }
    return new Portal(id, n.get("name").requiredString(), kind, homepage, eform, n.get("owner").string(""), List.copyOf(contacts), sla,
        successor == null ? null : successor.trim(), retired, n.get("verified").bool(false));
  }

  private static URI requiredUrl(YamlNode n) {
    URI u = n.url(null);
    if (u == null) {
      throw n.fail("is required");
    }
    return u;
  }
}
