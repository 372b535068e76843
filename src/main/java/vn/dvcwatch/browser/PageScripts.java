package vn.dvcwatch.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JavaScript a load runs in the page: the observer installed before the page's own scripts (paint,
 * largest contentful paint, layout shifts in session windows, long tasks), the read-out at the end, and
 * axe-core (bundled from its npm package, MPL-2.0, licence beside it in the jar) with the WCAG 2.0/2.1 A
 * and AA rule tags.
 */
final class PageScripts {
  static final String AXE_RESOURCE = "/vn/dvcwatch/browser/axe.min.js";
  static final String AXE_VERSION = "4.11.1";

  /**
   * CLS as Chrome's web-vitals library defines it since 2021: layout shifts without recent input grouped in
   * session windows (a gap under 1 s, a window under 5 s); the largest window's sum.
   */
  static final String OBSERVER = """
      (() => {
        if (window.__dvcwatch) return;
        const m = {fcp: null, lcp: null, cls: 0, tasks: []};
        Object.defineProperty(window, '__dvcwatch', {value: m, enumerable: false});
        const watch = (type, fn) => {
          try { new PerformanceObserver(l => l.getEntries().forEach(fn)).observe({type, buffered: true}); } catch (e) {}
        };
        watch('paint', e => { if (e.name === 'first-contentful-paint') m.fcp = e.startTime; });
        watch('largest-contentful-paint', e => { m.lcp = e.startTime; });
        let win = 0, first = 0, last = 0;
        watch('layout-shift', e => {
          if (e.hadRecentInput) return;
          if (win > 0 && e.startTime - last < 1000 && e.startTime - first < 5000) { win += e.value; }
          else { win = e.value; first = e.startTime; }
          last = e.startTime;
          if (win > m.cls) m.cls = win;
        });
        watch('longtask', e => { m.tasks.push([e.startTime, e.duration]); });
      })();
      """;

  static final String READ = """
      JSON.stringify((() => {
        const m = window.__dvcwatch || {};
        const n = performance.getEntriesByType('navigation')[0];
        return {fcp: m.fcp ?? null, lcp: m.lcp ?? null, cls: m.cls ?? null, tasks: m.tasks || [],
          load: n && n.loadEventStart > 0 ? n.loadEventStart : null, now: performance.now()};
      })())
      """;

  static final String AXE_RUN = """
      axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
          resultTypes: ['violations']})
        .then(r => JSON.stringify({version: r.testEngine.version, violations: r.violations.map(v => ({
          id: v.id, impact: v.impact, nodes: v.nodes.length,
          selectors: v.nodes.slice(0, 5).map(n => n.target.map(String).join(' ')),
          tags: v.tags, help: v.help, helpUrl: v.helpUrl}))}))
      """;

  private PageScripts() {}

  /** axe-core's source, read from the jar (blocking: call it off the event loop, once). */
  static String axe() {
    try (InputStream in = PageScripts.class.getResourceAsStream(AXE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(AXE_RESOURCE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
