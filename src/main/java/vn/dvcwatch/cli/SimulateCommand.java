package vn.dvcwatch.cli;

import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.registry.RegistryLoader;
import vn.dvcwatch.sim.SimFleet;
import vn.dvcwatch.sim.SimOptions;
import vn.dvcwatch.sim.SimPortal;

/** Only the simulated fleet: for tests, benchmarks and side-by-side runs against other tools. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Serve only the simulated fleet of HTTPS portals on loopback until stopped (Ctrl-C).",
        "Writes a manifest of exactly what each portal serves, the test CA and a hosts file."})
final class SimulateCommand implements Callable<Integer> {
  @Option(names = "--portals", paramLabel = "N", required = true,
      description = "How many portals (83 = the 2023 fleet; beyond the registry, generated names).")
  int portals;

  @Option(names = "--base-port", paramLabel = "P", defaultValue = "20000",
      description = "Portal i serves HTTPS on P+2i and plain HTTP on P+2i+1 (default ${DEFAULT-VALUE}).")
  int basePort;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "2023", description = "Seed of the postures (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--scenario", paramLabel = "FILE", description = "Scenario YAML, e.g. conf/scenarios/demo.yaml (default: none, a quiet fleet).")
  Path scenario;

  @Option(names = "--registry", paramLabel = "FILE", defaultValue = "conf/portals.yaml",
      description = "Registry whose ids and names the portals take, used when it exists (default ${DEFAULT-VALUE}).")
  Path registry;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "data/sim",
      description = "Where manifest.json, ca.pem and hosts are written (default ${DEFAULT-VALUE}).")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    SimFleetArgs.check(portals, "--base-port", basePort, 1);
    if (scenario != null && !Files.isRegularFile(scenario)) {
      throw new Main.UsageError("--scenario " + scenario + ": no such file");
    }
    List<Portal> names = Files.isRegularFile(registry) ? RegistryLoader.load(registry).portals() : List.of();
    Vertx vertx = Vertx.vertx();
    SimFleet fleet;
    try {
      fleet = SimFleet.start(vertx, new SimOptions(portals, basePort, seed, scenario, names, out)).await();
    } catch (RuntimeException e) {
      vertx.close().await();
      if (e instanceof vn.dvcwatch.config.ConfigException) {
        throw e;
      }
      throw new Main.UsageError("cannot start the simulated fleet: " + e.getMessage());
    }
    summary(spec.commandLine().getOut(), fleet);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      fleet.close().await();
      vertx.close().await();
      stopped.countDown();
    }, "simulate-shutdown"));
    stopped.await();
    return 0;
  }

  private void summary(PrintWriter out, SimFleet fleet) {
    List<SimPortal> all = fleet.portals();
    out.printf("Simulated fleet: %d portals on 127.0.0.1, ports %d-%d, seed %d%n", all.size(), basePort,
        basePort + 2 * all.size() - 1, seed);
    out.println("  certificates: " + counts(all.stream().filter(p -> p.posture().https())
        .map(p -> p.posture().cert().label()).toList()));
    out.println("  plain HTTP:   " + counts(all.stream().map(p -> p.posture().plainHttp().label()).toList()));
    out.printf("  TLS 1.0/1.1 accepted: %d, HSTS: %d, privacy-policy link: %d%n",
        all.stream().filter(p -> p.posture().https() && p.posture().legacyTls()).count(),
        all.stream().filter(p -> p.posture().https() && p.posture().headers().hsts()).count(),
        all.stream().filter(p -> p.posture().page().privacyLink()).count());
    out.println("  scenario: " + (fleet.scenario().file() == null ? "none"
        : fleet.scenario().file() + " (" + fleet.scenario().events().size() + " events)"));
    out.println("  test CA:  " + fleet.caFile().toAbsolutePath() + " (trust it only for the simulator)");
    out.println("  hosts:    " + fleet.hostsFile().toAbsolutePath());
    out.println("  manifest: " + fleet.manifestFile().toAbsolutePath());
    out.println("  e.g. " + all.get(0).homepage());
    out.println("Running until Ctrl-C or SIGTERM.");
    out.flush();
  }

  private static String counts(List<String> labels) {
    Map<String, Long> counts = labels.stream().collect(Collectors.groupingBy(Function.identity(), TreeMap::new,
        Collectors.counting()));
    return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }
}
