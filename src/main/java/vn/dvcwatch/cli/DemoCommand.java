package vn.dvcwatch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.dvcwatch.app.DemoSettings;
import vn.dvcwatch.app.Service;
import vn.dvcwatch.app.SimPorts;
import vn.dvcwatch.config.AppConfig;

/** The whole product on one machine with no setup: embedded PostgreSQL and a simulated fleet. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"The whole product with no setup, board on http://localhost:8080/.",
        "Embedded PostgreSQL under --data, a simulated fleet of portals on loopback with realistic faults,",
        "probing, grading, ranking and alerts."})
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--portals", paramLabel = "N", defaultValue = "83",
      description = "Simulated portals (default ${DEFAULT-VALUE}: the 2023 fleet; beyond it, generated names).")
  int portals;

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

  @Mixin ServiceOptions service;

  @Override
  public Integer call() {
    SimFleetArgs.checkCount(portals);
    SimPorts.problem(simBasePort, portals).ifPresent(problem -> {
      throw new Main.UsageError(problem);
    });
    AppConfig cfg = service.load(config, false);
    return Service.run(cfg, service.data, Service.Mode.DEMO, new DemoSettings(portals, seed, scenario, simBasePort));
  }
}
