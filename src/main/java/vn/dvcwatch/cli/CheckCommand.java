package vn.dvcwatch.cli;

import io.vertx.core.json.JsonArray;
import vn.dvcwatch.app.ScorecardJson;
import vn.dvcwatch.grade.Measurements;
import vn.dvcwatch.grade.Scorecard;
import vn.dvcwatch.grade.Scorer;
import vn.dvcwatch.grade.ScoringModel;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.dvcwatch.app.AppConfig;
import vn.dvcwatch.check.CheckReport;
import vn.dvcwatch.probe.HostsFile;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.probe.ProbeSettings;
import vn.dvcwatch.probe.Prober;
import vn.dvcwatch.result.Target;

/** One-shot probe and grade of one URL, for a portal team fixing their site. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Probe and grade one URL once and print a readable report (or JSON).",
        "Exit code 0 when the portal is UP, 1 otherwise, 2 on bad arguments."})
final class CheckCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "URL", description = "http:// or https:// URL of the page to check.")
  String url;

  @Option(names = "--json", description = "Print one JSON object instead of the report.")
  boolean json;

  @Option(names = "--browser",
      description = "Also load the page once in headless Chromium: Web Vitals, bytes, console errors, axe-core (WCAG 2.0/2.1 A+AA).")
  boolean browser;

  @Option(names = "--ca", paramLabel = "FILE", description = "Also trust this CA (PEM), e.g. the simulator's.")
  Path ca;

  @Option(names = "--hosts", paramLabel = "FILE",
      description = "Resolve names from this /etc/hosts-style file first (e.g. the simulator's hosts file).")
  Path hosts;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    URI target = parse(url);
    AppConfig cfg = AppConfig.defaults(System.getenv());
    ProbeSettings settings = ProbeSettings.from(cfg.probe());
    if (ca != null) {
      settings = settings.withExtraCaFiles(List.of(readable(ca, "--ca")));
    }
    if (hosts != null) {
      settings = settings.withHosts(HostsFile.read(readable(hosts, "--hosts")));
    }
    Vertx vertx = Vertx.vertx();
    Prober prober = null;
    try {
      try {
        prober = new Prober(vertx, settings);
      } catch (IllegalStateException e) {
        throw new Main.UsageError("--ca " + ca + ": " + e.getMessage()); // the only file the prober reads
      }
      // A fresh JVM pays for class loading and crypto set-up on its first handshake (hundreds of ms);
      // billing that to the portal would mislead its team, so the first probe only warms up. A portal that
      // is down is not asked twice (a timeout would double the wait and change nothing).
      ProbeResult first = prober.probe("check", Target.HOMEPAGE, target).await();
      ProbeResult r = first.outcome() == Outcome.DOWN ? first : prober.probe("check", Target.HOMEPAGE, target).await();
      PrintWriter out = spec.commandLine().getOut();
      // The same model that grades the fleet, on this one probe (a snapshot: availability is this probe's).
      Scorecard card = new Scorer(model(cfg)).score(Measurements.ofProbes(r, null));
      JsonArray breakdown = ScorecardJson.criteria(card.breakdown()).addAll(ScorecardJson.criteria(card.caps()));
      String error = prober.lastError("check", Target.HOMEPAGE);
      vn.dvcwatch.browser.BrowserRun page = !browser ? null : vn.dvcwatch.browser.BrowserCheck.load(vertx, cfg.browser(),
          settings.hosts(), settings.extraCaFiles(), target).await();
      out.print(json ? withBrowser(CheckReport.json(r, error, card.score(), card.grade(), breakdown), page).encodePrettily() + "\n"
          : CheckReport.text(r, error, card.score(), card.grade(), breakdown)
              + (page == null ? "" : vn.dvcwatch.browser.BrowserCheck.text(page)));
      out.flush();
      return r.outcome() == Outcome.UP ? 0 : 1;
    } finally {
      if (prober != null) {
        prober.close().await();
      }
      vertx.close().await();
    }
  }

  private static io.vertx.core.json.JsonObject withBrowser(io.vertx.core.json.JsonObject report,
      vn.dvcwatch.browser.BrowserRun page) {
    return page == null ? report : report.put("browser", vn.dvcwatch.browser.BrowserJson.brief(page));
  }

  /** conf/scoring.yaml when it is there (a team may check against tuned weights), else the built-in model. */
  private static ScoringModel model(AppConfig cfg) {
    return Files.isRegularFile(cfg.scoring().file()) ? ScoringModel.load(cfg.scoring().file()) : ScoringModel.defaults();
  }

  private static URI parse(String text) {
    try {
      URI u = new URI(text.trim());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
        throw new Main.UsageError("URL must be http:// or https:// with a host, got \"" + text + "\"");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new Main.UsageError("not a URL: \"" + text + "\" (" + e.getReason() + ")");
    }
  }

  private static Path readable(Path file, String option) {
    if (!Files.isReadable(file)) {
      throw new Main.UsageError(option + " " + file + ": no such file");
    }
    return file;
  }
}
