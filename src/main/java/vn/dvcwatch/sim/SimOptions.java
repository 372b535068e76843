package vn.dvcwatch.sim;

import java.nio.file.Path;
import java.util.List;
import vn.dvcwatch.registry.Portal;

/**
 * How to build a simulated fleet. The same seed gives the same postures, so a test or a benchmark can
 * be rerun against the very same fleet.
 *
 * @param portals how many portals (1..20,000)
 * @param basePort portal i serves HTTPS on {@code basePort + 2i} and plain HTTP on {@code basePort + 2i + 1}
 *     (above 5,000 portals plain HTTP shares {@code basePort + 2N}, routed by Host); 0 lets the system choose
 *     free ports, which then lie in the ephemeral range where a refused port can be taken by a client
 *     (keep the whole range below 32768 when REFUSED matters)
 * @param scenario a scenario YAML, or null for a quiet fleet
 * @param names registry portals whose ids, names, kinds and owners are reused in order; portals beyond
 *     them get generated names such as "Cổng giả lập 0084"
 * @param outDir where ca.pem, hosts and manifest.json are written
 */
public record SimOptions(int portals, int basePort, long seed, Path scenario, List<Portal> names, Path outDir) {
  public static final int MAX_PORTALS = 20_000;

  public SimOptions {
    if (portals < 1 || portals > MAX_PORTALS) {
      throw new IllegalArgumentException("portals " + portals + " is out of range 1.." + MAX_PORTALS);
    }
    if (basePort != 0 && (basePort < 1 || basePort + 2L * portals > 65_535)) {
      throw new IllegalArgumentException("ports " + basePort + ".." + (basePort + 2L * portals)
          + " do not fit below 65536");
    }
    names = names == null ? List.of() : List.copyOf(names);
    if (outDir == null) {
      throw new IllegalArgumentException("outDir is required");
    }
  }
}
