package vn.dvcwatch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.dvcwatch.app.DemoCluster;
import vn.dvcwatch.app.DemoSettings;
import vn.dvcwatch.app.Service;
import vn.dvcwatch.app.SimPorts;
import vn.dvcwatch.app.AppConfig;

/** The whole product on one machine with no setup: embedded PostgreSQL and a simulated fleet. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"The whole product with no setup, board on http://localhost:8080/.",
        "Embedded PostgreSQL under --data, a simulated fleet of portals on loopback with realistic faults,",
        "probing, grading, ranking and alerts."})
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--portals", paramLabel = "N",
      description = "Simulated portals (default: one per active portal of the fleet, 83 in 2023, 50 in 2025; "
          + "beyond them, generated names).")
  Integer portals;

  @Option(names = "--fleet", paramLabel = "YEAR",
      description = "Which map to simulate: 2023 (conf/portals.yaml: 63 provinces, 20 ministries) or 2025 "
          + "(conf/portals-2025.yaml: 34 provinces, merged portals linked to their successors). "
          + "Default: the configured registry file (conf/portals.yaml).")
  String fleet;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "2023",
      description = "Seed of the simulated postures (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--scenario", paramLabel = "FILE",
      description = "Scenario of outages and faults (default: conf/scenarios/demo.yaml; 'none' for a quiet fleet).")
  Path scenario;

  @Option(names = "--sim-base-port", paramLabel = "PORT", defaultValue = "20000",
      description = "First loopback port of the simulated portals, two per portal (default ${DEFAULT-VALUE}).")
  int simBasePort;

  @Option(names = "--config", paramLabel = "FILE", defaultValue = "conf/dvc-watch.yaml",
      description = "Configuration file, used when it exists (default ${DEFAULT-VALUE}).")
  Path config;

  @Option(names = "--vantages", paramLabel = "N", defaultValue = "1",
      description = "Vantages (1-" + DemoCluster.MAX_VANTAGES + "): above 1, a cluster of N watchdog processes on "
          + "loopback, vantages v1..vN probing from 127.0.0.2.., node i's board on --port + i, one embedded "
          + "PostgreSQL; a regional outage (one portal failing from v2 only) shows as PARTIAL (default ${DEFAULT-VALUE}).")
  int vantages;

  @Mixin ServiceOptions service;

  @Override
  public Integer call() {
    int ports = portals == null ? DemoSettings.DEFAULT_PORTALS : portals;
    SimFleetArgs.checkCount(ports);
    SimPorts.problem(simBasePort, ports).ifPresent(problem -> {
      throw new Main.UsageError(problem);
    });
    if (vantages < 1 || vantages > DemoCluster.MAX_VANTAGES) {
      throw new Main.UsageError("--vantages " + vantages + " is out of range 1-" + DemoCluster.MAX_VANTAGES);
    }
    Path fleetFile = fleetFile(fleet);
    AppConfig cfg = service.load(config, false);
    DemoSettings demo = new DemoSettings(portals == null ? 0 : portals, seed, scenario, simBasePort, fleetFile);
    if (vantages > 1) {
      int last = cfg.http().port() + vantages - 1;
      if (last > 65535) {
        throw new Main.UsageError("--port " + cfg.http().port() + " leaves no room for " + vantages + " boards");
      }
      return DemoCluster.run(cfg, service.data, demo, vantages, Main.class.getName());
    }
    return Service.run(cfg, service.data, Service.Mode.DEMO, demo);
  }

  /** The registry file of a map year; null (the configured file) when none is given. */
  static Path fleetFile(String year) {
    if (year == null) {
      return null;
    }
    return switch (year.trim()) {
      case "2023" -> Path.of("conf", "portals.yaml");
      case "2025" -> Path.of("conf", "portals-2025.yaml");
      default -> throw new Main.UsageError("--fleet " + year + " is not a map we ship: use 2023 or 2025");
    };
  }
}
