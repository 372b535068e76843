package vn.dvcwatch.app;

import java.nio.file.Path;

/**
 * What `demo` adds to a normal run: the simulated fleet that stands in for the registry's portals.
 *
 * @param scenario outages and faults over time; null means conf/scenarios/demo.yaml when it exists, and
 *     {@value #NO_SCENARIO} a quiet fleet
 * @param simBasePort first loopback port of the simulated portals (two per portal)
 * @param portals simulated portals; 0 means one per active portal of the fleet file
 * @param fleetFile the registry file whose active portals the simulated fleet stands in for (with the map year
 *     and lineage the pages show); null means the configured registry file
 */
public record DemoSettings(int portals, long seed, Path scenario, int simBasePort, Path fleetFile) {
  public DemoSettings(int portals, long seed, Path scenario, int simBasePort) {
    this(portals, seed, scenario, simBasePort, null);
  }

  public static final int DEFAULT_SIM_BASE_PORT = 20000;
  /** Simulated portals when the fleet file has none (or is missing): the size of the 2023 fleet. */
  public static final int DEFAULT_PORTALS = 83;
  public static final String NO_SCENARIO = "none";
}
