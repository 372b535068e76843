package vn.dvcwatch.cli;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vn.dvcwatch.app.AppConfig;
import vn.dvcwatch.registry.Fleet;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.registry.RegistryLoader;
import vn.dvcwatch.registry.Vietnam;
import vn.dvcwatch.report.Rendered;
import vn.dvcwatch.report.ReportService;
import vn.dvcwatch.store.DbSettings;
import vn.dvcwatch.store.Store;

/**
 * {@code report --month YYYY-MM [--portal ID | --owner OWNER] [--format html|csv|pdf] --out FILE}: the page the web
 * server serves, from the same database as {@code run} (embedded under {@code --data}, or external by config). A
 * closed month comes from (or goes into) the archive, as on the web. Every argument is checked before the database
 * starts; a bad one is exit code 2 with one line saying which and why.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write a monthly report (the fleet's, one portal's or one owner's) as HTML, CSV or PDF.")
public final class ReportCommand implements Callable<Integer> {
  @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "The month (Vietnam time).")
  String month;

  @Option(names = "--portal", paramLabel = "ID", description = "One portal's report instead of the fleet's.")
  String portal;

  @Option(names = "--owner", paramLabel = "OWNER",
      description = "One owner's report (a ministry or province: all its portals), by slug (ubnd-thanh-pho-ha-noi) or name.")
  String owner;

  @Option(names = "--format", paramLabel = "FMT", defaultValue = "html", description = "html (default), csv or pdf.")
  String format;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the report.")
  Path out;

  @Option(names = "--lang", paramLabel = "LANG", defaultValue = "vi", description = "vi (default) or en.")
  String lang;

  @Option(names = "--config", paramLabel = "FILE", defaultValue = "conf/dvc-watch.yaml",
      description = "Configuration file, used when it exists (default ${DEFAULT-VALUE}).")
  Path config;

  @Mixin DataOptions db;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    YearMonth m;
    try {
      m = YearMonth.parse(month);
    } catch (DateTimeParseException e) {
      throw new Main.UsageError("--month must be YYYY-MM, not " + month);
    }
    if (m.isAfter(YearMonth.now(Vietnam.ZONE))) {
      throw new Main.UsageError("--month " + m + " has not begun");
    }
    if (!Rendered.knownFormat(format)) {
      throw new Main.UsageError("--format must be html, csv or pdf, not " + format);
    }
    if (!"vi".equalsIgnoreCase(lang) && !"en".equalsIgnoreCase(lang)) {
      throw new Main.UsageError("--lang must be vi or en, not " + lang);
    }
    if (portal != null && owner != null) {
      throw new Main.UsageError("--portal and --owner exclude each other: a report is the fleet's, a portal's or an owner's");
    }
    Path dir = out.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new Main.UsageError("--out " + out + ": no directory " + dir);
    }
    AppConfig cfg = db.load(config, false);
    Path registry = cfg.registry().file();
    Fleet fleet = Files.exists(registry) ? RegistryLoader.load(registry) : new Fleet("", List.of());
    LocalDate today = LocalDate.now(Vietnam.ZONE);
    List<Portal> active = fleet.portals().stream().filter(p -> p.active(today)).toList();
    Vertx vertx = Vertx.vertx();
    try {
      Store store = Store.start(vertx, DbSettings.from(cfg.db(), cfg.retention()), db.data).await();
      try {
        ReportService reports = new ReportService(store, fleet::name, () -> active);
        Rendered r = reports.month(m, Instant.now()).compose(d -> vertx.executeBlocking(() -> owner != null
            ? Rendered.owner(d, owner, format, lang) : Rendered.of(d, portal, format, lang), false)).await();
        if (r == null) {
          throw new Main.UsageError((owner != null ? "no owner " + owner : "no portal " + portal) + " in the report of " + m
              + (owner != null ? " (give the owner's slug, as in the links of the national report, or its exact name)" : ""));
        }
        Files.write(out, r.bytes());
        spec.commandLine().getOut().println("wrote " + out + " (" + r.bytes().length + " bytes, " + r.contentType() + ")");
        return 0;
      } finally {
        store.close().await();
      }
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("dvc-watch: " + e.getMessage());
      return 1;
    } finally {
      vertx.close().await();
    }
  }
}
