package vn.dvcwatch.cli;

import vn.dvcwatch.sim.SimOptions;

/** The size and ports of a simulated fleet, as {@code demo} and {@code simulate} take them. */
final class SimFleetArgs {
  private SimFleetArgs() {}

  static void checkCount(int portals) {
    if (portals < 1 || portals > SimOptions.MAX_PORTALS) {
      throw new Main.UsageError("--portals " + portals + " is out of range 1.." + SimOptions.MAX_PORTALS);
    }
  }

  /** Two ports per portal from {@code basePort}, all of them at least {@code lowestPort} and below 65536. */
  static void check(int portals, String portOption, int basePort, int lowestPort) {
    checkCount(portals);
    if (basePort < lowestPort || basePort + 2L * portals > 65_536) {
      throw new Main.UsageError(portOption + " " + basePort + " leaves no room for " + portals
          + " portals (two ports each, from " + lowestPort + ", below 65536)");
    }
  }
}
