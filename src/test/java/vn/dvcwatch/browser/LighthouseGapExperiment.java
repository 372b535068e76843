package vn.dvcwatch.browser;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.config.YamlNode;
import vn.dvcwatch.result.Target;

/**
 * Not part of the suite (its name matches none of surefire's test patterns): an experiment, run on demand on an
 * idle machine, on why our early paints came 28–61 ms before Lighthouse's medians (docs/PERFORMANCE.md, "Browser
 * room — cost per load and agreement with Lighthouse", where its results are written).
 *
 * <pre>mvn -B -o test -Dtest=LighthouseGapExperiment -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dlh.runs=5 -Dlh.path=/tmp/lh/node_modules/.bin/lighthouse</pre>
 *
 * <p>Each round loads each lab page once in each variant, interleaved (a fresh browser per load, as {@code check
 * --browser} and Lighthouse's CLI do; niceness 0 for both, Lighthouse's is not niced):
 * <ul>
 *   <li>{@code ours}: the browser room's load without a trace (as it was before it recorded Lighthouse's);
 *   <li>{@code ours+lh-trace}: the same with a trace recorded during the load, Lighthouse 12.2.3's categories and
 *       options ({@code Trace.getDefaultTraceCategories}, {@code sampling-frequency=10000});
 *   <li>{@code ours+screenshots}: a trace of only the screenshots a filmstrip needs, and {@code blink.user_timing}
 *       for the navigation's start;
 *   <li>{@code ours+lh-all}: Lighthouse's trace and the instrumentation its navigation gatherers start before
 *       navigating (Debugger with async stacks of depth 8, precise coverage, Audits, violations report, Animation);
 *   <li>{@code ours+lh-flags}: the browser started with the flags of Lighthouse's launcher that ours lacks
 *       (RenderDocument and others disabled, IPC flooding protection off), no trace;
 *   <li>(every {@code ours+…} variant is the load with {@link PageLoad#tracing} set as said, empty for none);
 *   <li>{@code lighthouse}: Lighthouse's CLI, {@code --throttling-method=provided}, the same Chromium.
 * </ul>
 * Prints every load (FCP, LCP, CLS, and the browser's CPU-seconds for ours) and per page and variant the medians.
 */
class LighthouseGapExperiment {
  /** Lighthouse 12.2.3's trace categories (core/gather/gatherers/trace.js, getDefaultTraceCategories). */
  static final List<String> LIGHTHOUSE_CATEGORIES = PageLoad.TRACE_CATEGORIES;
  static final List<String> SCREENSHOT_CATEGORIES = List.of("-*", "disabled-by-default-devtools.screenshot",
      "blink.user_timing");
  /** chrome-launcher's DEFAULT_FLAGS features that ours does not disable. */
  static final String LAUNCHER_FEATURES = "Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,"
      + "CalculateNativeWinOcclusion,InterestFeedContentSuggestions,CertificateTransparencyComponentUpdater,"
      + "AutofillServerCommunication,PrivacySandboxSettings4,RenderDocument";

  record Row(String page, String variant, int run, Double fcp, Double lcp, Double cls, Double cpuSeconds, int traceEvents,
      int screenshots, String note) {}

  @Test
  @org.junit.jupiter.api.Timeout(value = 90, unit = TimeUnit.MINUTES)
  void measure() throws Exception {
    int runs = Integer.getInteger("lh.runs", 5);
    String lighthouse = System.getProperty("lh.path", "/tmp/lh/node_modules/.bin/lighthouse");
    List<String> pages = List.of(System.getProperty("lh.pages", "anh-lon dich-chuyen kich-ban-cham").split(" "));
    List<String> variants = List.of(System.getProperty("lh.variants",
        "ours ours+lh-trace ours+screenshots ours+lh-all ours+lh-flags lighthouse").split(" "));
    Path exe = LabFleet.browserOrSkip();
    LabFleet lab = LabFleet.start();
    Vertx vertx = Vertx.vertx();
    Path out = Path.of("target", "lighthouse-gap");
    Files.createDirectories(out);
    Path wrapper = launcherFlagsWrapper(exe);
    List<Row> rows = new ArrayList<>();
    String load = Files.readString(Path.of("/proc/loadavg")).trim();
    System.out.println("load average at start: " + load);
    try {
      BrowserSettings s = BrowserSettings.from(YamlNode.parse("(experiment)", "{nice: 0}"))
          .withNetwork(lab.fleet().hosts(), List.of(lab.fleet().caFile()))
          .withBounds(1, Duration.ofSeconds(45), Duration.ofSeconds(2), 50L * 1024 * 1024, 1000, 4096);
      for (int run = 1; run <= runs; run++) {
        for (String page : pages) {
          // The order rotates each round, so no variant always follows the same one.
          for (int k = 0; k < variants.size(); k++) {
            String v = variants.get((k + run) % variants.size());
            Row r = v.equals("lighthouse") ? lighthouse(lighthouse, exe, lab, page, run, out)
                : ours(vertx, v.equals("ours+lh-flags") ? wrapper : exe, s, lab, page, v, run);
            rows.add(r);
            Files.writeString(out.resolve("progress.txt"), String.join("\t", r.page(), r.variant(), "" + r.run(),
                "" + r.fcp(), "" + r.lcp(), "" + r.cls(), "" + r.cpuSeconds(), "" + r.traceEvents(), "" + r.screenshots(),
                r.note()) + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            System.out.println(String.format(Locale.ROOT, "%-14s %-17s %d fcp=%s lcp=%s cls=%s cpu=%s trace=%d shots=%d",
                r.page(), r.variant(), r.run(), r.fcp(), r.lcp(), r.cls(), r.cpuSeconds(), r.traceEvents(), r.screenshots()));
          }
        }
      }
    } finally {
      vertx.close().await();
      lab.close();
    }
    String end = Files.readString(Path.of("/proc/loadavg")).trim();
    StringBuilder tsv = new StringBuilder("page\tvariant\trun\tfcp\tlcp\tcls\tcpu_s\ttrace_events\tscreenshots\n");
    rows.forEach(r -> tsv.append(String.join("\t", r.page(), r.variant(), "" + r.run(), "" + r.fcp(), "" + r.lcp(),
        "" + r.cls(), "" + r.cpuSeconds(), "" + r.traceEvents(), "" + r.screenshots())).append('\n'));
    Files.writeString(out.resolve("runs.tsv"), tsv);
    StringBuilder table = new StringBuilder("load average at start: " + load + "; at end: " + end + "\n");
    table.append("| page | variant | FCP runs | FCP median | LCP median | CLS median | browser CPU-s median |\n");
    table.append("| --- | --- | --- | ---: | ---: | ---: | ---: |\n");
    for (String page : pages) {
      for (String v : variants) {
        List<Row> rs = rows.stream().filter(r -> r.page().equals(page) && r.variant().equals(v)).toList();
        table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", page, v,
            rs.stream().map(r -> r.fcp() == null ? "-" : String.format(Locale.ROOT, "%.0f", r.fcp()))
                .collect(Collectors.joining(" / ")),
            fmt(median(rs, Row::fcp), "%.0f"), fmt(median(rs, Row::lcp), "%.0f"), fmt(median(rs, Row::cls), "%.3f"),
            fmt(median(rs, Row::cpuSeconds), "%.2f")));
      }
    }
    Files.writeString(out.resolve("table.md"), table);
    System.out.println(table);
  }

  /** One load as the room does it, in a browser of its own, with the variant's extras. */
  private static Row ours(Vertx vertx, Path exe, BrowserSettings s, LabFleet lab, String page, String variant, int run)
      throws Exception {
    ChromeProcess p = vertx.executeBlocking(() -> ChromeProcess.start(exe, s)).await();
    try {
      CdpClient cdp = CdpClient.connect(vertx, p.port, p.browserPath).await();
      try {
        String version = cdp.send("Browser.getVersion", new JsonObject()).await().getString("product", "")
            .replaceAll("^[^/]*/", "");
        BrowserPool.warmUp(cdp).await();
        PageLoad l = new PageLoad(vertx, cdp, s, PageScripts.axe(), version, "lab", Target.HOMEPAGE, lab.page(page));
        AtomicInteger events = new AtomicInteger();
        AtomicInteger shots = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong shotBytes = new java.util.concurrent.atomic.AtomicLong();
        List<String> categories = switch (variant) {
          case "ours+lh-trace", "ours+lh-all" -> LIGHTHOUSE_CATEGORIES;
          case "ours+screenshots" -> SCREENSHOT_CATEGORIES;
          default -> List.of();
        };
        {
          l.tracing(categories, e -> {
            events.incrementAndGet();
            if ("Screenshot".equals(e.getString("name"))) {
              shots.incrementAndGet();
              String b64 = e.getJsonObject("args", new JsonObject()).getString("snapshot", "");
              shotBytes.accumulateAndGet(b64.length() * 3L / 4, Math::max);
            }
          });
        }
        if (variant.equals("ours+lh-all")) {
          l.beforeNavigation(session -> lighthouseInstrumentation(cdp, session));
        }
        BrowserRun r = l.run().await(60, TimeUnit.SECONDS);
        l.cleanup().await(10, TimeUnit.SECONDS);
        double cpu = cpuSeconds(p.pid());
        if (shots.get() > 0) {
          System.out.println("  largest trace screenshot: " + shotBytes.get() + " bytes; frames: " + r.frames().stream()
              .map(f -> Math.round(f.ms()) + " ms/" + f.jpeg().length + " B").toList());
        }
        return new Row(page, variant, run, r.fcp(), r.lcp(), r.cls(), cpu, events.get(), shots.get(), r.outcome().label()
            + " wall=" + r.wallMs() + " frames=" + r.frames().stream().map(f -> Math.round(f.ms()) + "ms/" + f.jpeg().length + "B")
            .toList() + " maxshot=" + shotBytes.get());
      } finally {
        cdp.close().await();
      }
    } finally {
      vertx.executeBlocking(p::stop).await();
    }
  }

  /** What Lighthouse 12.2.3's navigation starts on its page session before it navigates (prepare.js, gatherers). */
  private static Future<?> lighthouseInstrumentation(CdpClient cdp, String session) {
    List<Object[]> commands = List.of(new Object[] {"Debugger.enable", null},
        new Object[] {"Debugger.setSkipAllPauses", new JsonObject().put("skip", true)},
        new Object[] {"Debugger.setAsyncCallStackDepth", new JsonObject().put("maxDepth", 8)},
        new Object[] {"Page.setLifecycleEventsEnabled", new JsonObject().put("enabled", true)},
        new Object[] {"Log.startViolationsReport", new JsonObject().put("config",
            new JsonArray().add(new JsonObject().put("name", "discouragedAPIUse").put("threshold", -1)))},
        new Object[] {"Audits.enable", null}, new Object[] {"Profiler.enable", null},
        new Object[] {"Profiler.startPreciseCoverage", new JsonObject().put("detailed", false)},
        new Object[] {"Animation.enable", null});
    Future<?> f = Future.succeededFuture();
    for (Object[] c : commands) {
      f = f.compose(x -> cdp.send(session, (String) c[0], (JsonObject) c[1]));
    }
    return f;
  }

  /** CPU-seconds of the browser and every process it still runs (its start, the warm-up, the load, axe-core). */
  private static double cpuSeconds(long pid) {
    return ProcessHandle.of(pid).map(h -> java.util.stream.Stream.concat(java.util.stream.Stream.of(h), h.descendants())
        .mapToLong(x -> x.info().totalCpuDuration().map(Duration::toMillis).orElse(0L)).sum() / 1000.0).orElse(0.0);
  }

  private static Row lighthouse(String lh, Path exe, LabFleet lab, String page, int run, Path out) throws Exception {
    String rules = lab.fleet().hosts().entrySet().stream().map(e -> "MAP " + e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(","));
    String spki = ChromeProcess.spkiHashes(lab.fleet().caFile()).collect(Collectors.joining(","));
    String flags = "--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --host-resolver-rules=\"" + rules
        + "\" --ignore-certificate-errors-spki-list=" + spki;
    Path json = out.resolve("lh-" + page + "-" + run + ".json");
    ProcessBuilder pb = new ProcessBuilder(lh, lab.page(page).toString(), "--quiet", "--only-categories=performance",
        "--throttling-method=provided", "--form-factor=mobile", "--output=json", "--output-path=" + json,
        "--chrome-flags=" + flags).redirectErrorStream(true).redirectOutput(out.resolve("lh-" + page + "-" + run + ".log").toFile());
    pb.environment().put("CHROME_PATH", exe.toString());
    Process p = pb.start();
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      return new Row(page, "lighthouse", run, null, null, null, null, 0, 0, "failed");
    }
    JsonObject a = new JsonObject(Files.readString(json)).getJsonObject("audits");
    java.util.function.Function<String, Double> v = k -> a.getJsonObject(k, new JsonObject()).getDouble("numericValue");
    int shots = a.getJsonObject("screenshot-thumbnails", new JsonObject()).getJsonObject("details", new JsonObject())
        .getJsonArray("items", new JsonArray()).size();
    return new Row(page, "lighthouse", run, v.apply("first-contentful-paint"), v.apply("largest-contentful-paint"),
        v.apply("cumulative-layout-shift"), null, 0, shots, "");
  }

  /**
   * The browser through a script that adds what chrome-launcher passes and ours does not: its disabled features
   * (merged into our one {@code --disable-features}) and {@code --disable-ipc-flooding-protection}.
   */
  private static Path launcherFlagsWrapper(Path exe) throws Exception {
    Path w = Path.of("/tmp", "h18f-chromium-launcher-flags.sh");
    Files.writeString(w, "#!/bin/bash\nargs=()\nfor a in \"$@\"; do\n  case \"$a\" in --disable-features=*) a=\"$a,"
        + LAUNCHER_FEATURES + "\";; esac\n  args+=(\"$a\")\ndone\nexec " + exe + " --disable-ipc-flooding-protection"
        + " --disable-component-extensions-with-background-pages --disable-client-side-phishing-detection"
        + " --metrics-recording-only --password-store=basic --disable-hang-monitor --disable-domain-reliability"
        + " --disable-prompt-on-repost --force-fieldtrials=*BackgroundTracing/default/"
        + " \"${args[@]}\"\n");
    Files.setPosixFilePermissions(w, PosixFilePermissions.fromString("rwxr-xr-x"));
    return w;
  }

  private static Double median(List<Row> rs, java.util.function.Function<Row, Double> f) {
    List<Double> xs = rs.stream().map(f).filter(java.util.Objects::nonNull).sorted().toList();
    if (xs.isEmpty()) {
      return null;
    }
    int n = xs.size();
    return n % 2 == 1 ? xs.get(n / 2) : (xs.get(n / 2 - 1) + xs.get(n / 2)) / 2;
  }

  private static String fmt(Double x, String f) {
    return x == null ? "-" : String.format(Locale.ROOT, f, x);
  }
}
