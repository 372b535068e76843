package vn.dvcwatch.sim;

import java.util.List;

/** What happens to which portals over time, read from a scenario file in {@code conf/scenarios/}. */
public record Scenario(String file, List<ScenarioEvent> events) {
  public Scenario {
    events = List.copyOf(events);
  }

  /** A quiet fleet: nothing happens. */
  public static Scenario none() {
    return new Scenario(null, List.of());
  }

  public List<ScenarioEvent> eventsOf(String portalId) {
    return events.stream().filter(e -> e.portal().equals(portalId)).toList();
  }
}
