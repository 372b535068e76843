package vn.dvcwatch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Only the simulated fleet: for tests, benchmarks and side-by-side runs against other tools. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Serve only the simulated fleet of HTTPS portals on loopback.",
        "Writes a manifest of exactly what each portal serves, the test CA and a hosts file."})
final class SimulateCommand implements Callable<Integer> {
  @Option(names = "--portals", paramLabel = "N", required = true, description = "How many portals.")
  int portals;

  @Option(names = "--base-port", paramLabel = "P", defaultValue = "20000",
      description = "First port (default ${DEFAULT-VALUE}).")
  int basePort;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "2023", description = "Seed of the postures.")
  long seed;

  @Option(names = "--scenario", paramLabel = "FILE", description = "Scenario YAML (default: none, a quiet fleet).")
  Path scenario;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "sim-out",
      description = "Where manifest.json, ca.pem and hosts are written (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--hostile", description = "Also serve the hostile portals (endless body, gzip bomb, ...).")
  boolean hostile;

  @Override
  public Integer call() {
    throw new Main.UsageError("simulate is not available in this build yet");
  }
}
