package vn.dvcwatch.grade;

import java.time.Instant;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;

/**
 * One portal's rolling windows (homepage and, once seen, eForm), guarded by this object's lock so
 * that the event loop's {@link #record} and the evaluator's {@link #snapshot} never see half an update.
 */
final class PortalWindow {
  private final String portalId;
  private final int ringCapacity;
  private final int intervalSeconds;
  private final PageWindow home;
  private PageWindow eform; // created on the first eForm probe or seed: most memory, only when needed
  private BrowserFigures homeBrowser; // model v2: the browser room's latest figures of each page
  private BrowserFigures eformBrowser;

  PortalWindow(String portalId, int ringCapacity, int intervalSeconds) {
    this.portalId = portalId;
    this.ringCapacity = ringCapacity;
    this.intervalSeconds = intervalSeconds;
    this.home = new PageWindow(ringCapacity, intervalSeconds);
  }

  void record(ProbeResult r) {
    record(r, r.up());
  }

  synchronized void record(ProbeResult r, boolean available) {
    page(r.target()).record(r, available);
  }

  synchronized void seed(Target target, Instant hour, long probes, long up, Double ttfbP75Ms, Double totalP75Ms,
      long withinA) {
    page(target).seed(hour, probes, up, ttfbP75Ms, totalP75Ms, withinA);
  }

  /** The browser's latest figures of one page (already filtered to the model's method by the evaluator). */
  synchronized void browser(Target target, BrowserFigures f) {
    if (target == Target.HOMEPAGE) {
      homeBrowser = f;
    } else {
      eformBrowser = f;
    }
  }

  private PageWindow page(Target target) {
    if (target == Target.HOMEPAGE) {
      return home;
    }
    if (eform == null) {
      eform = new PageWindow(ringCapacity, intervalSeconds);
    }
    return eform;
  }

  /** What the scorer and the ranking need, read under the lock. */
  record Snapshot(Measurements measurements, boolean live, long homeProbes, Double uptime24h, Double homeTtfb,
      Double homeTotal, Instant checkedAt) {}

  /** {@code browserSince}: browser figures of a load before this are stale and not scored. */
  synchronized Snapshot snapshot(Instant now, ScoringModel model, float[] scratch, Instant browserSince) {
    long nowHour = Math.floorDiv(now.getEpochSecond(), 3600L);
    int days = model.availability().days();
    long[] home30 = home.uptime(nowHour, days * 24);
    long[] eform30 = eform == null ? null : eform.uptime(nowHour, days * 24);
    long[] home24 = home.uptime(nowHour, 24);
    long[] eform24 = eform == null ? null : eform.uptime(nowHour, 24);

    ScoringModel.Performance p = model.performance();
    long from = now.getEpochSecond() - p.window().toSeconds();
    LatencyRing.Stats hs = home.stats(from, p.percentile(), p.aTtfbMs(), p.aTotalMs(), scratch);
    LatencyRing.Stats es = eform == null ? null : eform.stats(from, p.percentile(), p.aTtfbMs(), p.aTotalMs(), scratch);
    int probes = hs.probes() + (es == null ? 0 : es.probes());
    int within = hs.within() + (es == null ? 0 : es.within());

    Measurements m = new Measurements(portalId, meanUptime(home30, eform30),
        finite(hs.ttfb()), finite(hs.total()), eform != null,
        es == null ? null : finite(es.ttfb()), es == null ? null : finite(es.total()),
        probes == 0 ? null : within / (double) probes,
        home.live() ? home.https() : eform != null && eform.https(),
        home.tls(), eform == null ? null : eform.tls(),
        home.headers(), eform == null ? null : eform.headers(),
        home.page(), eform == null ? null : eform.page(), fresh(homeBrowser, browserSince), fresh(eformBrowser, browserSince));
    long last = Math.max(home.lastStartMillis(), eform == null ? Long.MIN_VALUE : eform.lastStartMillis());
    return new Snapshot(m, home.live(), home30[0] / intervalSeconds, meanUptime(home24, eform24),
        finite(hs.ttfb()), finite(hs.total()), last == Long.MIN_VALUE ? null : Instant.ofEpochMilli(last));
  }

  private static BrowserFigures fresh(BrowserFigures f, Instant since) {
    return f == null || f.at().isBefore(since) ? null : f;
  }

  /** Each page's own time-weighted up-time, the two pages counting equally; null when nothing observed. */
  private static Double meanUptime(long[] home, long[] eform) {
    double sum = 0;
    int pages = 0;
    for (long[] s : new long[][] {home, eform}) {
      if (s != null && s[0] > 0) {
        sum += s[1] / (double) s[0];
        pages++;
      }
    }
    return pages == 0 ? null : sum / pages;
  }

  private static Double finite(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
