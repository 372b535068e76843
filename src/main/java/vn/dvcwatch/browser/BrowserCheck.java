package vn.dvcwatch.browser;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.dvcwatch.result.Target;

/** {@code check URL --browser}: one load in a browser of its own, and its figures as a readable block. */
public final class BrowserCheck {
  private BrowserCheck() {}

  /** Loads {@code url} once (the browser is started and stopped around it); never a failed future. */
  public static Future<BrowserRun> load(Vertx vertx, BrowserSettings configured, Map<String, String> hosts,
      List<Path> extraCas, URI url) {
    BrowserSettings s = configured.withNetwork(hosts, extraCas);
    Path exe = s.executable();
    if (exe == null) {
      return Future.succeededFuture(BrowserRun.failed("check", Target.HOMEPAGE, url, Instant.now(), 0,
          BrowserRun.Outcome.BROWSER_FAILED, "no browser found (set browser.path, or install chromium)",
          s.throttling().method(), s.profile().label()));
    }
    BrowserPool pool = new BrowserPool(vertx, s, exe);
    return pool.load("check", Target.HOMEPAGE, url).eventually(pool::close);
  }

  /** The human-readable block printed under the probe's report. */
  public static String text(BrowserRun r) {
    StringBuilder b = new StringBuilder("\nBrowser (").append(r.profile()).append(", throttling ").append(r.method())
        .append(r.browserVersion() == null ? "" : ", Chromium " + r.browserVersion()).append("): ").append(r.outcome().label());
    if (r.cause() != null) {
      b.append(" — ").append(r.cause());
    }
    b.append('\n');
    line(b, "First Contentful Paint", ms(r.fcp()));
    line(b, "Largest Contentful Paint", ms(r.lcp()) + (r.lcp() == null ? "" : r.lcp() <= 2500 ? "  (≤ 2.5 s)" : "  (> 2.5 s)"));
    line(b, "Cumulative Layout Shift", r.cls() == null ? "—" : String.format(Locale.ROOT, "%.3f", r.cls()));
    line(b, "Total Blocking Time", ms(r.tbt()));
    line(b, "Load event", ms(r.load()));
    line(b, "Transfer", String.format(Locale.ROOT, "%.1f KB in %d requests (%d failed)", r.bytes() / 1024.0, r.requests(),
        r.failedRequests()));
    r.byType().forEach((t, c) -> line(b, "  " + t, String.format(Locale.ROOT, "%d × %.1f KB", c.requests(), c.bytes() / 1024.0)));
    line(b, "Console errors", Integer.toString(r.consoleErrors()));
    line(b, "Mixed content", Integer.toString(r.mixedContent()));
    if (r.axe().version() == null) {
      line(b, "Accessibility (axe)", "not run: " + r.axe().error());
    } else {
      line(b, "Accessibility (axe " + r.axe().version() + ")", r.axe().violations().isEmpty()
          ? "no WCAG 2.0/2.1 A or AA violations found" : r.axe().violations().size() + " rules violated");
      r.axe().violations().forEach(v -> line(b, "  " + v.id() + " (" + v.impact() + ")", v.nodes() + " element(s): "
          + String.join(", ", v.selectors())));
    }
    return b.toString();
  }

  private static void line(StringBuilder b, String label, String value) {
    b.append(String.format(Locale.ROOT, "  %-28s %s%n", label, value));
  }

  private static String ms(Double v) {
    return v == null ? "—" : Math.round(v) + " ms";
  }
}
