package vn.dvcwatch.grade;

import vn.dvcwatch.result.HeaderPosture;
import vn.dvcwatch.result.PagePosture;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.TlsPosture;

/**
 * Everything the {@link Scorer} looks at for one portal, so that the fleet's rolling windows and a
 * one-shot {@code check} are scored by the same code. Null means "not measured" and earns no points.
 *
 * @param uptime time-weighted fraction 0..1 of the homepage and eForm over the availability window
 * @param eformConfigured false: the portal has no eForm page, and the homepage's timings stand in for it
 * @param withinAShare share 0..1 of probes within the A thresholds; null: derived from the timings above,
 *     each page counted as one probe (a one-shot check)
 * @param https the homepage is served over HTTPS
 * @param homeBrowser, eformBrowser the browser room's latest measured load of each page with the scoring
 *     model's throttling method (model v2); null where the browser has not measured the page
 */
public record Measurements(
    String portalId,
    Double uptime,
    Double homeTtfbP75Ms,
    Double homeTotalP75Ms,
    boolean eformConfigured,
    Double eformTtfbP75Ms,
    Double eformTotalP75Ms,
    Double withinAShare,
    boolean https,
    TlsPosture homeTls,
    TlsPosture eformTls,
    HeaderPosture homeHeaders,
    HeaderPosture eformHeaders,
    PagePosture homePage,
    PagePosture eformPage,
    BrowserFigures homeBrowser,
    BrowserFigures eformBrowser) {

  /** Measurements without browser figures (model v1, or no browser). */
  public Measurements(String portalId, Double uptime, Double homeTtfbP75Ms, Double homeTotalP75Ms,
      boolean eformConfigured, Double eformTtfbP75Ms, Double eformTotalP75Ms, Double withinAShare, boolean https,
      TlsPosture homeTls, TlsPosture eformTls, HeaderPosture homeHeaders, HeaderPosture eformHeaders,
      PagePosture homePage, PagePosture eformPage) {
    this(portalId, uptime, homeTtfbP75Ms, homeTotalP75Ms, eformConfigured, eformTtfbP75Ms, eformTotalP75Ms,
        withinAShare, https, homeTls, eformTls, homeHeaders, eformHeaders, homePage, eformPage, null, null);
  }

  /** The same measurements with the browser's figures of each page (either may be null). */
  public Measurements withBrowser(BrowserFigures home, BrowserFigures eform) {
    return new Measurements(portalId, uptime, homeTtfbP75Ms, homeTotalP75Ms, eformConfigured, eformTtfbP75Ms,
        eformTotalP75Ms, withinAShare, https, homeTls, eformTls, homeHeaders, eformHeaders, homePage, eformPage,
        home, eform);
  }

  /** A single probe of the homepage and, optionally, of the eForm page (the {@code check} command). */
  public static Measurements ofProbes(ProbeResult home, ProbeResult eformOrNull) {
    ProbeResult e = eformOrNull;
    int probes = e == null ? 1 : 2;
    int up = (home.up() ? 1 : 0) + (e != null && e.up() ? 1 : 0);
    return new Measurements(home.portalId(), up / (double) probes,
        ttfb(home), total(home), e != null, e == null ? null : ttfb(e), e == null ? null : total(e), null,
        home.https() || home.tls() != null,
        home.tls(), e == null ? null : e.tls(),
        home.headers(), e == null ? null : e.headers(),
        home.page(), e == null ? null : e.page());
  }

  private static Double ttfb(ProbeResult r) {
    return r.up() && r.phases() != null ? r.phases().ttfb() : null;
  }

  private static Double total(ProbeResult r) {
    return r.up() && r.phases() != null ? r.phases().total() : null;
  }

  /** Days until the earlier of the two certificates expires; null without TLS. */
  public Integer certDaysLeft() {
    Integer h = homeTls == null ? null : homeTls.daysLeft();
    Integer f = eformTls == null ? null : eformTls.daysLeft();
    if (h == null) {
      return f;
    }
    return f == null ? h : Math.min(h, f);
  }
}
