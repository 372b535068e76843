package vn.dvcwatch.bench;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import vn.dvcwatch.probe.LegacyTls;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.sim.SimFleet;
import vn.dvcwatch.sim.SimOptions;

/**
 * A simulated fleet in its own process for side-by-side benchmarks: starts N portals from a base port,
 * writes OUT/portals.yaml (the registry format `run` reads), OUT/ca.pem and OUT/hosts, plus
 * OUT/targets.txt (one line per page: the https URL with 127.0.0.1 in place of the name, for peers that
 * resolve through DNS, then a space and the host name, which such a peer sends as Host and TLS server name
 * so that it can verify the certificate), prints "ready", and exits after SECONDS.
 *
 * <p>Arguments: portals, basePort, outDir, seconds.
 */
public final class BenchFleet {
  public static void main(String[] args) throws Exception {
    int portals = Integer.parseInt(args[0]);
    int basePort = Integer.parseInt(args[1]);
    Path out = Path.of(args[2]);
    int seconds = Integer.parseInt(args[3]);
    LegacyTls.allowInThisJvm();
    Files.createDirectories(out);
    Vertx vertx = Vertx.vertx();
    SimFleet sim = SimFleet.start(vertx, new SimOptions(portals, basePort, 2023, null, List.of(), out)).await();
    StringBuilder yaml = new StringBuilder("fleet: bench\nportals:\n");
    StringBuilder targets = new StringBuilder();
    for (Portal p : sim.registry()) {
      yaml.append("  - id: ").append(p.id()).append('\n')
          .append("    name: \"").append(p.name()).append("\"\n")
          .append("    kind: ").append(p.kind().name().toLowerCase(java.util.Locale.ROOT)).append('\n')
          .append("    homepage: ").append(p.homepage()).append('\n')
          .append("    eform: ").append(p.eform()).append('\n')
          .append("    owner: \"").append(p.owner()).append("\"\n")
          .append("    contacts: [cntt.").append(p.id()).append("@sim.dvc.test]\n");
      for (java.net.URI page : new java.net.URI[] {p.homepage(), p.eform()}) {
        if (page != null) {
          targets.append(page.toString().replace(page.getHost(), "127.0.0.1")).append(' ').append(page.getHost()).append('\n');
        }
      }
    }
    Files.writeString(out.resolve("portals.yaml"), yaml);
    Files.writeString(out.resolve("targets.txt"), targets);
    if (!sim.caFile().equals(out.resolve("ca.pem"))) {
      Files.copy(sim.caFile(), out.resolve("ca.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    if (!sim.hostsFile().equals(out.resolve("hosts"))) {
      Files.copy(sim.hostsFile(), out.resolve("hosts"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    System.err.println("simulated fleet TLS (modern handshakes): " + sim.tlsImplementation());
    System.out.println("ready " + sim.portals().size());
    Thread.sleep(seconds * 1000L);
    sim.close().await();
    vertx.close().await();
    System.exit(0);
  }
}
