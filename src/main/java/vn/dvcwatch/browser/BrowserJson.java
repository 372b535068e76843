package vn.dvcwatch.browser;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A run as JSON. {@link #brief} is the shape of docs/API.md's {@code check --json} key {@code browser}: {@code method,
 * fcp, lcp, cls, tbt, load, bytes, requests, failedRequests, consoleErrors, axe: {version, violations: [{id,
 * impact, nodes}]}} (times in ms, null when not measured); {@link #full} adds what the API and the portal
 * page need (outcome, cause, when, per-type counts, selectors and help of each violation).
 */
public final class BrowserJson {
  private BrowserJson() {}

  public static JsonObject brief(BrowserRun r) {
    JsonArray violations = new JsonArray();
    r.axe().violations().forEach(v -> violations.add(new JsonObject().put("id", v.id()).put("impact", v.impact())
        .put("nodes", v.nodes())));
    return figures(r).put("axe", new JsonObject().put("version", r.axe().version()).put("violations", violations));
  }

  public static JsonObject full(BrowserRun r) {
    JsonObject byType = new JsonObject();
    r.byType().forEach((t, c) -> byType.put(t, new JsonObject().put("requests", c.requests()).put("bytes", c.bytes())));
    return new JsonObject().put("portal", r.portalId()).put("target", r.target().label()).put("url", r.url().toString())
        .put("startedAt", r.startedAt().toString()).put("outcome", r.outcome().label()).put("cause", r.cause())
        .put("profile", r.profile()).put("browser", r.browserVersion()).put("wallMs", r.wallMs())
        .mergeIn(figures(r)).put("mixedContent", r.mixedContent()).put("byType", byType)
        .put("axe", AxeSummary.json(r.axe())).put("screenshot", r.screenshot() != null);
  }

  /**
   * The few figures the board shows of a page's latest run ({@code outcome, cause, method, lcp, cls, load, at}; the
   * same in the live {@code browser} event with {@code portal} and {@code target}). A load that measured nothing
   * still says how it ended and why.
   */
  public static JsonObject board(BrowserRun r) {
    return new JsonObject().put("outcome", r.outcome().label()).put("cause", r.cause()).put("method", r.method())
        .put("lcp", round(r.lcp()))
        .put("cls", r.cls() == null ? null : Math.round(r.cls() * 10_000) / 10_000.0).put("load", round(r.load()))
        .put("at", r.startedAt().toString());
  }

  private static JsonObject figures(BrowserRun r) {
    return new JsonObject().put("method", r.method()).put("fcp", round(r.fcp())).put("lcp", round(r.lcp()))
        .put("cls", r.cls() == null ? null : Math.round(r.cls() * 10_000) / 10_000.0).put("tbt", round(r.tbt()))
        .put("load", round(r.load())).put("bytes", r.bytes()).put("requests", r.requests())
        .put("failedRequests", r.failedRequests()).put("consoleErrors", r.consoleErrors());
  }

  private static Long round(Double ms) {
    return ms == null ? null : Math.round(ms);
  }
}
