package vn.dvcwatch.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vn.dvcwatch.probe.LegacyTls;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.probe.ProbeSettings;
import vn.dvcwatch.probe.Prober;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.sim.SimFleet;
import vn.dvcwatch.sim.SimOptions;
import vn.dvcwatch.sim.SimPortal;

/**
 * P2: timing accuracy under concurrency. The simulator answers every portal after exactly the same
 * injected delay; the prober fires one probe at every portal at once (PORTALS in flight), ROUNDS times,
 * and the error is measured TTFB minus the injected delay. Run by bench/p2-timing.sh.
 *
 * <p>Arguments: portals (200), rounds (10), delayMs (100), basePort (5000).
 */
public final class TimingAccuracyBench {
  public static void main(String[] args) throws Exception {
    int portals = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    long delayMs = args.length > 2 ? Long.parseLong(args[2]) : 100;
    int basePort = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
    // "http": probe the portals' plain-HTTP port, so that the simulator's own TLS handshakes (server side,
    // on the same two cores) do not delay its answers and count as our measurement error.
    boolean plain = args.length > 4 && args[4].equals("http");
    LegacyTls.allowInThisJvm();
    Vertx simVertx = Vertx.vertx();
    Vertx vertx = Vertx.vertx();
    Path out = Files.createTempDirectory("dvc-p2");
    SimFleet sim = SimFleet.start(simVertx, new SimOptions(portals, basePort, 7, null, List.of(), out)).await();
    try {
      for (SimPortal p : sim.portals()) {
        sim.setDelay(p.id(), Duration.ofMillis(delayMs));
      }
      ProbeSettings d = ProbeSettings.defaults();
      ProbeSettings s = new ProbeSettings(d.connectTimeout(), d.deadline(), d.maxBodyBytes(), d.maxDecompressedBytes(),
          d.maxRedirects(), d.maxHeaderBytes(), List.of(sim.caFile()), sim.hosts(), d.userAgent(), d.slowThreshold(),
          Duration.ofDays(365));
      Prober prober = new Prober(vertx, s);
      List<Double> errors = new ArrayList<>();
      int failed = 0;
      for (int round = 0; round <= rounds; round++) { // round 0 warms up the JIT and is not counted
        List<Future<ProbeResult>> fs = new ArrayList<>();
        for (SimPortal p : sim.portals()) {
          URI url = plain ? URI.create("http://" + p.hostname() + ":" + p.httpPort() + "/") : p.homepage();
          fs.add(prober.probe(p.id(), Target.HOMEPAGE, url));
        }
        Future.join(new ArrayList<>(fs)).await();
        if (round == 0) {
          continue;
        }
        for (Future<ProbeResult> f : fs) {
          ProbeResult r = f.result();
          if (r.phases() == null || r.phases().ttfb() == null) {
            failed++;
          } else {
            errors.add(r.phases().ttfb() - delayMs);
          }
        }
      }
      double[] e = errors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      System.out.printf("P2 %s: portals=%d in flight, rounds=%d, injected delay=%d ms, probes=%d, without ttfb=%d%n",
          plain ? "plain HTTP" : "HTTPS", portals, rounds, delayMs, e.length, failed);
      System.out.printf("P2 ttfb error ms: min %.3f  p50 %.3f  p90 %.3f  p99 %.3f  max %.3f%n",
          e[0], pct(e, 0.50), pct(e, 0.90), pct(e, 0.99), e[e.length - 1]);
      System.out.printf("P2 |error| p99 %.3f ms (target <= 2 ms)%n",
          pct(Arrays.stream(e).map(Math::abs).sorted().toArray(), 0.99));
    } finally {
      sim.close().await();
      vertx.close().await();
      simVertx.close().await();
    }
  }

  static double pct(double[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
