package vn.dvcwatch.bench;

import java.time.Instant;
import vn.dvcwatch.metrics.DvcMetrics;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.Phases;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;

/**
 * What the metrics cost per portal: N portals, each with its gauges, an UP count per page and the phase
 * histograms of both pages (12 series), measured as heap after a full GC before and after. Part of the P3
 * heap budget (docs/PERFORMANCE.md).
 *   java -cp target/dvc-watch.jar:target/test-classes vn.dvcwatch.bench.MetricsMemory [PORTALS=10000]
 */
public final class MetricsMemory {
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    DvcMetrics m = new DvcMetrics();
    long before = used();
    Phases phases = new Phases(0.5, 2.0, 30.0, 80.0, 5.0, 120.0);
    for (int i = 0; i < n; i++) {
      String id = "portal-" + i;
      DvcMetrics.PortalGauges g = m.portal(id);
      g.up = 1;
      g.score = 80;
      for (Target t : new Target[] {Target.HOMEPAGE, Target.EFORM}) {
        m.onProbe(new ProbeResult(id, t, "https://" + id + ".gov.vn/", Instant.now(), Outcome.UP, null, 200, phases,
            0, 10, null, null, null));
      }
    }
    long after = used();
    int scrapeBytes = m.scrape().length();
    System.out.printf("metrics: %d portals, %.0f bytes per portal after a full GC; one scrape is %.1f MB of text%n",
        n, (after - before) / (double) n, scrapeBytes / 1048576.0);
    if (m.portal("portal-0").score != 80) {
      throw new IllegalStateException("kept alive");
    }
  }

  private static long used() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
