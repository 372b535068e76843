package vn.dvcwatch.app;

import java.nio.file.Path;

/**
 * What `demo` adds to a normal run: the simulated fleet that stands in for the registry's portals.
 *
 * @param scenario outages and faults over time; null means conf/scenarios/demo.yaml when it exists, and
 *     {@value #NO_SCENARIO} a quiet fleet
 * @param simBasePort first loopback port of the simulated portals (two per portal)
 */
public record DemoSettings(int portals, long seed, Path scenario, int simBasePort) {
  public static final int DEFAULT_SIM_BASE_PORT = 20000;
  public static final String NO_SCENARIO = "none";
}
