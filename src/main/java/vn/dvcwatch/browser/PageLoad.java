package vn.dvcwatch.browser;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import vn.dvcwatch.browser.BrowserRun.Outcome;
import vn.dvcwatch.result.Target;

/**
 * One load of one page in its own browser context (no cookies, cache or storage shared with any other
 * load): emulate the device, install the observer, navigate, wait for the load event and the settle time
 * (or until the network is quiet), read the figures, run axe-core in an isolated world, take the final
 * screenshot, dispose of the context. A deadline timer ends the load wherever it is; a cap, a crash or the
 * browser's end ends it too. Runs on the event loop of the DevTools connection; never waits on a thread.
 */
final class PageLoad {
  /** How long the network must be quiet (nothing in flight, nothing arriving) before the settle ends early. */
  private static final long QUIET_MS = 500;
  private static final long POLL_MS = 100;
  private static final long CLEANUP_MS = 5000;
  static final String MOBILE_UA = "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 "
      + "(KHTML, like Gecko) Chrome/%s.0.0.0 Mobile Safari/537.36";
  static final String DESKTOP_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
      + "Chrome/%s.0.0.0 Safari/537.36";

  private final Vertx vertx;
  private final CdpClient cdp;
  private final BrowserSettings s;
  private final String axeSource;
  private final String browserVersion;
  private final String portalId;
  private final Target target;
  private final URI url;
  private final Instant startedAt = Instant.now();
  private final long t0 = System.nanoTime();
  private final NetworkTally tally = new NetworkTally();
  private final Promise<BrowserRun> result = Promise.promise();
  private final Promise<Void> settled = Promise.promise();
  private String contextId;
  private String sessionId;
  private String frameId;
  private String capped;
  private JsonObject figures;
  private BrowserRun.Axe axe = BrowserRun.Axe.notRun("the load ended before the accessibility check");
  /** The final viewport as a JPEG: quality 45 (20–60 KB), retaken at 20 when over the cap, dropped when still over. */
  static final int MAX_SCREENSHOT_BYTES = 150 * 1024;
  private static final int SCREENSHOT_QUALITY = 45;
  private static final int SCREENSHOT_QUALITY_SMALL = 20;
  private byte[] screenshot;
  private List<BrowserRun.Frame> frames = List.of();
  private long deadlineTimer = -1;
  private long pollTimer = -1;
  private long loadSeenNanos = -1;
  /**
   * What every load traces, from just before the navigation to the end of the settle: Lighthouse 12.2.3's categories
   * ({@code Trace.getDefaultTraceCategories} of its trace gatherer), so that our paints are measured under the same
   * conditions as the reference tool's (recording them costs the page's renderer 20-40 ms before its first paint
   * on a light page), and the screenshots of the filmstrip come with them. docs/BROWSER.md, "Measured as Lighthouse
   * measures"; the experiment is in docs/PERFORMANCE.md.
   */
  static final List<String> TRACE_CATEGORIES = List.of("-*", "disabled-by-default-lighthouse", "loading", "v8",
      "v8.execute", "blink.user_timing", "blink.console", "devtools.timeline", "disabled-by-default-devtools.timeline",
      "disabled-by-default-devtools.screenshot", "disabled-by-default-devtools.timeline.stack",
      "disabled-by-default-devtools.timeline.frame", "latencyInfo",
      "disabled-by-default-devtools.timeline.invalidationTracking");
  private List<String> traceCategories = TRACE_CATEGORIES;
  private java.util.function.Consumer<JsonObject> traceSink = e -> {};
  private final Filmstrip filmstrip = new Filmstrip();
  /** A trace of this load runs (started, not yet ended): ended before the context goes, so the next load can trace. */
  private boolean tracing;
  private final Promise<Void> traceComplete = Promise.promise();
  /** Commands sent on the page's session after its setup, just before the trace starts (none by default). */
  private java.util.function.Function<String, Future<?>> beforeNavigation = session -> Future.succeededFuture();

  PageLoad(Vertx vertx, CdpClient cdp, BrowserSettings s, String axeSource, String browserVersion, String portalId,
      Target target, URI url) {
    this.vertx = vertx;
    this.cdp = cdp;
    this.s = s;
    this.axeSource = axeSource;
    this.browserVersion = browserVersion;
    this.portalId = portalId;
    this.target = target;
    this.url = url;
  }

  /**
   * Records a trace of these categories during the load instead of {@link #TRACE_CATEGORIES} (empty: none), started as
   * Lighthouse starts its own (on the page's session, {@code sampling-frequency=10000}, just before the navigation)
   * and ended after the settle; each trace event also goes to {@code sink}, on the connection's event loop.
   */
  PageLoad tracing(List<String> categories, java.util.function.Consumer<JsonObject> sink) {
    this.traceCategories = List.copyOf(categories);
    this.traceSink = sink;
    return this;
  }

  /**
   * Runs {@code commands} (given the page's session id) after the page's setup and before the navigation; the
   * experiment of docs/PERFORMANCE.md ({@code LighthouseGapExperiment}) adds Lighthouse's instrumentation this way.
   */
  PageLoad beforeNavigation(java.util.function.Function<String, Future<?>> commands) {
    this.beforeNavigation = commands;
    return this;
  }

  /** The run; never a failed future. Completes by the deadline at the latest. */
  Future<BrowserRun> run() {
    deadlineTimer = vertx.setTimer(s.deadline().toMillis(), id -> onDeadline());
    open().compose(x -> beforeNavigation.apply(sessionId)).compose(x -> startTrace()).compose(x -> navigate())
        .compose(x -> settled.future()).compose(x -> endTrace()).compose(x -> read()).compose(x -> accessibility())
        .compose(x -> screenshot()).compose(x -> filmstrip())
        .onSuccess(x -> end(capped != null ? Outcome.CAPPED : documentFailed() ? Outcome.NAVIGATION_FAILED : Outcome.OK,
            capped != null ? capped : documentFailed() ? "HTTP " + tally.documentStatus : null))
        .onFailure(e -> end(e instanceof CdpClient.BrowserGone ? Outcome.BROWSER_FAILED : Outcome.NAVIGATION_FAILED,
            e.getMessage()));
    return result.future();
  }

  /** Ends the load from outside (the pool: the browser is over its memory cap, or gone). */
  void abort(Outcome outcome, String cause) {
    end(outcome, cause);
  }

  CdpClient browser() {
    return cdp;
  }

  /** Disposes of the context; fails when the browser does not answer in time (the pool then restarts it). */
  Future<Void> cleanup() {
    if (sessionId != null) {
      cdp.forget(sessionId);
    }
    if (contextId == null || !cdp.open()) {
      return Future.succeededFuture();
    }
    // A load that ended early (cap, deadline, crash) may still trace: the browser's one trace is freed first.
    Future<Void> traceEnded = !tracing || sessionId == null ? Future.succeededFuture()
        : cdp.send(sessionId, "Tracing.end", null).timeout(CLEANUP_MS, TimeUnit.MILLISECONDS).<Void>mapEmpty()
            .recover(e -> Future.succeededFuture());
    tracing = false;
    return traceEnded.compose(x -> cdp.send("Target.disposeBrowserContext", new JsonObject().put("browserContextId", contextId))
        .timeout(CLEANUP_MS, TimeUnit.MILLISECONDS)).mapEmpty();
  }

  private Future<Void> open() {
    return cdp.send("Target.createBrowserContext", new JsonObject().put("disposeOnDetach", true)).compose(c -> {
      contextId = c.getString("browserContextId");
      return cdp.send("Target.createTarget", new JsonObject().put("url", "about:blank").put("browserContextId", contextId));
    }).compose(t -> cdp.send("Target.attachToTarget", new JsonObject().put("targetId", t.getString("targetId"))
        .put("flatten", true))).compose(a -> {
      sessionId = a.getString("sessionId");
      cdp.listen(sessionId, this::onEvent);
      List<Future<JsonObject>> setup = new ArrayList<>(List.of(page("Page.enable", null), page("Network.enable", null),
          page("Runtime.enable", null), page("Log.enable", null), page("Inspector.enable", null),
          page("Page.addScriptToEvaluateOnNewDocument", new JsonObject().put("source", PageScripts.OBSERVER))));
      setup.addAll(emulation());
      return Future.all(setup).mapEmpty();
    });
  }

  private List<Future<JsonObject>> emulation() {
    boolean mobile = s.profile() == BrowserSettings.Profile.MOBILE;
    String major = browserVersion == null ? "120" : browserVersion.replaceAll("^\\D*(\\d+).*$", "$1");
    List<Future<JsonObject>> f = new ArrayList<>();
    f.add(page("Emulation.setDeviceMetricsOverride", mobile
        ? new JsonObject().put("width", 412).put("height", 823).put("deviceScaleFactor", 1.75).put("mobile", true)
        : new JsonObject().put("width", 1350).put("height", 940).put("deviceScaleFactor", 1).put("mobile", false)));
    f.add(page("Emulation.setUserAgentOverride", new JsonObject()
        .put("userAgent", String.format(mobile ? MOBILE_UA : DESKTOP_UA, major))));
    if (mobile) {
      f.add(page("Emulation.setTouchEmulationEnabled", new JsonObject().put("enabled", true).put("maxTouchPoints", 5)));
    }
    if (s.throttling() == BrowserSettings.Throttling.DEVTOOLS_4G_4X_CPU) {
      // Lighthouse's "devtools" throttling of its mobile preset: RTT 150 ms × 3.75, 1.6 Mbit/s × 0.9 down, 750 kbit/s × 0.9 up.
      f.add(page("Network.emulateNetworkConditions", new JsonObject().put("offline", false).put("latency", 562.5)
          .put("downloadThroughput", 1.6 * 1024 * 1024 * 0.9 / 8).put("uploadThroughput", 750 * 1024 * 0.9 / 8)));
      f.add(page("Emulation.setCPUThrottlingRate", new JsonObject().put("rate", 4)));
    }
    return f;
  }

  /**
   * Starts the trace. The browser runs one trace at a time: a load that starts while another load of the same
   * browser traces (concurrency above 1) goes without (no filmstrip; docs/BROWSER.md says what that changes).
   */
  private Future<Void> startTrace() {
    if (traceCategories.isEmpty()) {
      return Future.succeededFuture();
    }
    return page("Tracing.start", new JsonObject().put("categories", String.join(",", traceCategories))
        .put("options", "sampling-frequency=10000").put("transferMode", "ReportEvents")).map(x -> {
          tracing = true;
          return (Void) null;
        }).recover(e -> e instanceof CdpClient.BrowserGone ? Future.failedFuture(e) : Future.succeededFuture());
  }

  /** Ends the trace and waits (at most a few seconds) until the browser has sent all of it. */
  private Future<Void> endTrace() {
    if (!tracing || capped != null) {
      return Future.succeededFuture();
    }
    tracing = false;
    return page("Tracing.end", null).compose(x -> traceComplete.future()).timeout(CLEANUP_MS, TimeUnit.MILLISECONDS)
        .recover(e -> e instanceof CdpClient.BrowserGone ? Future.failedFuture(e) : Future.succeededFuture());
  }

  private Future<Void> navigate() {
    return page("Page.navigate", new JsonObject().put("url", url.toString())).compose(n -> {
      frameId = n.getString("frameId");
      String error = n.getString("errorText");
      if (error != null && !error.isBlank()) {
        return Future.failedFuture(new IllegalStateException(error));
      }
      pollTimer = vertx.setPeriodic(POLL_MS, id -> poll());
      return Future.succeededFuture();
    });
  }

  /** After the load event: at least the settle time, then until the network has been quiet for a moment. */
  private void poll() {
    long now = System.nanoTime();
    if (!tally.loadFired) {
      return;
    }
    if (loadSeenNanos < 0) {
      loadSeenNanos = now;
    }
    boolean settleOver = now - loadSeenNanos >= s.settle().toNanos();
    boolean quiet = tally.inFlight() == 0 && now - tally.lastActivityNanos >= TimeUnit.MILLISECONDS.toNanos(QUIET_MS);
    if (settleOver && (quiet || now - loadSeenNanos >= 2 * s.settle().toNanos())) {
      settled.tryComplete();
    }
  }

  private void onEvent(JsonObject msg) {
    String method = tally.accept(msg);
    if (method.equals("Tracing.dataCollected")) {
      msg.getJsonObject("params").getJsonArray("value", new JsonArray()).forEach(e -> {
        filmstrip.accept((JsonObject) e);
        traceSink.accept((JsonObject) e);
      });
    } else if (method.equals("Tracing.tracingComplete")) {
      traceComplete.tryComplete();
    } else if (method.equals("Inspector.targetCrashed")) {
      end(Outcome.PAGE_CRASHED, "the page's renderer crashed (out of memory, or killed)");
    } else if (method.equals("Target.detachedFromTarget")) {
      end(Outcome.PAGE_CRASHED, "the page was closed under the load");
    } else if (capped == null && tally.requests > s.maxRequests()) {
      cap("more than " + s.maxRequests() + " requests: further requests were blocked");
    } else if (capped == null && tally.transferred() > s.maxBytes()) {
      cap("more than " + s.maxBytes() + " bytes transferred: further requests were blocked");
    }
  }

  private void cap(String why) {
    capped = why;
    page("Network.setBlockedURLs", new JsonObject().put("urls", new JsonArray().add("*")));
    // An endless body is not stopped by blocking new requests: stopping the page ends it.
    page("Page.stopLoading", null);
    settled.tryComplete();
  }

  private Future<Void> read() {
    return evaluate(null, PageScripts.READ, false).map(v -> {
      figures = new JsonObject(v);
      return null;
    });
  }

  private Future<Void> accessibility() {
    if (capped != null || documentFailed()) {
      axe = BrowserRun.Axe.notRun(capped != null ? "not run on a capped load" : "not run on an error page");
      return Future.succeededFuture();
    }
    return page("Page.createIsolatedWorld", new JsonObject().put("frameId", frameId).put("worldName", "dvcwatch-axe"))
        .compose(w -> {
          int world = w.getInteger("executionContextId");
          return evaluate(world, axeSource, false).compose(x -> evaluate(world, PageScripts.AXE_RUN, true));
        }).map(text -> {
          axe = AxeSummary.parse(new JsonObject(text));
          return (Void) null;
        }).recover(e -> {
          if (e instanceof CdpClient.BrowserGone) {
            return Future.failedFuture(e);
          }
          axe = BrowserRun.Axe.notRun("axe-core failed: " + e.getMessage());
          return Future.succeededFuture();
        });
  }

  private Future<Void> screenshot() {
    if (capped != null) {
      return Future.succeededFuture();
    }
    return shot(SCREENSHOT_QUALITY).compose(first -> first.length <= MAX_SCREENSHOT_BYTES ? Future.succeededFuture(first)
        : shot(SCREENSHOT_QUALITY_SMALL)).map(jpeg -> {
          // A busy page (noise, photos) that stays over the cap even at low quality keeps no screenshot.
          screenshot = jpeg.length <= MAX_SCREENSHOT_BYTES ? jpeg : null;
          return (Void) null;
        }).recover(e -> e instanceof CdpClient.BrowserGone ? Future.failedFuture(e) : Future.succeededFuture());
  }

  /** The filmstrip's frames from the trace's screenshots (decoding and scaling them blocks: on a worker). */
  private Future<Void> filmstrip() {
    if (filmstrip.screenshots() == 0) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(filmstrip::frames, false).map(f -> {
      frames = f;
      return (Void) null;
    }).recover(e -> Future.succeededFuture());
  }

  private Future<byte[]> shot(int quality) {
    return page("Page.captureScreenshot", new JsonObject().put("format", "jpeg").put("quality", quality))
        .map(r -> Base64.getDecoder().decode(r.getString("data", "")));
  }

  /** At the deadline, the figures the page has so far, if its main thread still answers within a second. */
  private void onDeadline() {
    deadlineTimer = -1;
    if (result.future().isComplete()) {
      return;
    }
    String why = !tally.loadFired ? "no load event within the deadline of " + s.deadline().toSeconds() + " s"
        : "the deadline of " + s.deadline().toSeconds() + " s came first";
    Future<Void> last = figures != null || sessionId == null ? Future.succeededFuture() : read();
    last.timeout(1000, TimeUnit.MILLISECONDS).onComplete(x -> end(Outcome.DEADLINE, why));
  }

  private boolean documentFailed() {
    return tally.documentStatus != null && tally.documentStatus >= 400;
  }

  private Future<String> evaluate(Integer contextIdOrNull, String expression, boolean awaitPromise) {
    JsonObject p = new JsonObject().put("expression", expression).put("returnByValue", true)
        .put("awaitPromise", awaitPromise);
    if (contextIdOrNull != null) {
      p.put("contextId", contextIdOrNull);
    }
    return page("Runtime.evaluate", p).compose(r -> {
      JsonObject ex = r.getJsonObject("exceptionDetails");
      if (ex != null) {
        JsonObject exception = ex.getJsonObject("exception", new JsonObject());
        return Future.failedFuture(new IllegalStateException(exception.getString("description", ex.getString("text", "script error"))));
      }
      Object value = r.getJsonObject("result", new JsonObject()).getValue("value");
      return Future.succeededFuture(value == null ? "null" : value.toString());
    });
  }

  private Future<JsonObject> page(String method, JsonObject params) {
    return cdp.send(sessionId, method, params);
  }

  private void end(Outcome outcome, String cause) {
    if (result.future().isComplete()) {
      return;
    }
    if (deadlineTimer >= 0) {
      vertx.cancelTimer(deadlineTimer);
    }
    if (pollTimer >= 0) {
      vertx.cancelTimer(pollTimer);
    }
    settled.tryComplete();
    result.complete(build(outcome, cause));
  }

  private BrowserRun build(Outcome outcome, String cause) {
    long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    JsonObject f = figures == null ? new JsonObject() : figures;
    Double fcp = f.getDouble("fcp");
    Double tbt = null;
    if (figures != null) {
      List<BlockingTime.Task> tasks = new ArrayList<>();
      for (Object o : f.getJsonArray("tasks", new JsonArray())) {
        JsonArray t = (JsonArray) o;
        tasks.add(new BlockingTime.Task(t.getDouble(0), t.getDouble(1)));
      }
      tbt = BlockingTime.total(fcp, f.getDouble("now", 0.0), tasks);
    }
    return new BrowserRun(portalId, target, url, startedAt, wall, outcome, cause, s.throttling().method(),
        s.profile().label(), browserVersion, fcp, f.getDouble("lcp"), f.getDouble("cls"), tbt, f.getDouble("load"),
        tally.transferred(), tally.requests, tally.byType(), tally.failed, tally.consoleErrors, tally.mixedContent, axe,
        screenshot, frames);
  }
}
