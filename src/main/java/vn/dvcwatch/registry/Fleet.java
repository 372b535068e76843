package vn.dvcwatch.registry;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A validated fleet: the portals of one registry file, in file order. */
public record Fleet(String name, List<Portal> portals) {

  public Fleet {
    portals = List.copyOf(portals);
  }

  public Optional<Portal> portal(String id) {
    return portals.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** The portals watched today: retired ones keep their history but are no longer probed. */
  public List<Portal> active(LocalDate today) {
    return portals.stream().filter(p -> p.active(today)).toList();
  }

  public Map<String, Portal> byId() {
    return portals.stream().collect(Collectors.toMap(Portal::id, Function.identity()));
  }

  public long count(PortalKind kind) {
    return portals.stream().filter(p -> p.kind() == kind).count();
  }
}
