package vn.dvcwatch.browser;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import vn.dvcwatch.result.Target;

/**
 * One page load in the browser and what it measured. A load never fails as an exception: a page that hung,
 * crashed or broke a cap is a run with that {@link Outcome} and a cause, and whatever was measured before.
 * Times are milliseconds from navigation start; null when not measured. {@code method} is the throttling
 * method: figures of two methods are never compared or averaged.
 *
 * @param wallMs how long the load took the watchdog, start of the load to its end (the cost, not a page metric)
 * @param byType requests and transfer bytes per resource type (Document, Script, Image, ...)
 * @param mixedContent requests of an HTTPS page for HTTP resources, as the browser classified them
 * @param screenshot the final viewport as JPEG, or null
 * @param frames the filmstrip: small JPEGs of the moments the page changed, in time order (at most
 *     {@link Filmstrip#MAX_FRAMES}; empty when none was recorded)
 */
public record BrowserRun(String portalId, Target target, URI url, Instant startedAt, long wallMs, Outcome outcome,
    String cause, String method, String profile, String browserVersion, Double fcp, Double lcp, Double cls, Double tbt,
    Double load, long bytes, int requests, Map<String, TypeCount> byType, int failedRequests, int consoleErrors,
    int mixedContent, Axe axe, byte[] screenshot, List<Frame> frames) {

  /** One frame of the filmstrip: milliseconds from navigation start, and the JPEG (empty when read without it). */
  public record Frame(double ms, byte[] jpeg) {}

  /** How a load ended. */
  public enum Outcome {
    /** Loaded and measured. */
    OK,
    /** The browser could not load the address at all (name, connection, certificate, HTTP error page). */
    NAVIGATION_FAILED,
    /** The hard deadline came first (a hung page, a load event that never fires). */
    DEADLINE,
    /** More bytes or requests than the caps allow: further requests were blocked and the load ended. */
    CAPPED,
    /** The page's renderer crashed (or was killed for memory). */
    PAGE_CRASHED,
    /** The browser grew past its memory cap and was restarted. */
    MEMORY,
    /** The browser itself failed (did not start, exited, stopped answering); it is restarted. */
    BROWSER_FAILED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Outcome fromLabel(String label) {
      return valueOf(label.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public record TypeCount(int requests, long bytes) {}

  /** axe-core's verdict for WCAG 2.0/2.1 A and AA; {@code version} null when axe did not run. */
  public record Axe(String version, List<Violation> violations, String error) {
    public static Axe notRun(String why) {
      return new Axe(null, List.of(), why);
    }
  }

  /**
   * One failed axe rule: its id, impact (minor, moderate, serious, critical), how many elements fail it, the
   * first few of their selectors, and axe's own short help and link (the portal page translates by rule id).
   */
  public record Violation(String id, String impact, int nodes, List<String> selectors, List<String> tags, String help,
      String helpUrl) {}

  /** The same run with another filmstrip. */
  public BrowserRun withFrames(List<Frame> newFrames) {
    return new BrowserRun(portalId, target, url, startedAt, wallMs, outcome, cause, method, profile, browserVersion, fcp,
        lcp, cls, tbt, load, bytes, requests, byType, failedRequests, consoleErrors, mixedContent, axe, screenshot,
        List.copyOf(newFrames));
  }

  public boolean measured() {
    return outcome == Outcome.OK;
  }

  /** A run that ended before anything was measured (the browser failed, no browser at all). */
  public static BrowserRun failed(String portalId, Target target, URI url, Instant startedAt, long wallMs,
      Outcome outcome, String cause, String method, String profile) {
    return new BrowserRun(portalId, target, url, startedAt, wallMs, outcome, cause, method, profile, null, null, null,
        null, null, null, 0, 0, Map.of(), 0, 0, 0, Axe.notRun(cause), null, List.of());
  }
}
