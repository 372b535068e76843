package vn.dvcwatch.cli;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
 * {@code report --month YYYY-MM [--portal ID] [--format html|csv|pdf] --out FILE}: the page the web server
 * serves, from the same database as {@code run} (embedded under {@code --data}, or external by config).
 * A closed month comes from (or goes into) the archive, as on the web.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write a monthly report (the fleet's, or one portal's) as HTML, CSV or PDF.")
public final class ReportCommand implements Callable<Integer> {
  @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "The month (Vietnam time).")
  String month;

  @Option(names = "--portal", paramLabel = "ID", description = "One portal's report instead of the fleet's.")
  String portal;

  @Option(names = "--format", paramLabel = "FMT", defaultValue = "html", description = "html (default), csv or pdf.")
  String format;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the report.")
  Path out;

  @Option(names = "--lang", paramLabel = "LANG", defaultValue = "vi", description = "vi (default) or en.")
  String lang;

  @Option(names = "--config", paramLabel = "FILE", defaultValue = "conf/dvc-watch.yaml",
      description = "Configuration file (default ${DEFAULT-VALUE}; defaults when absent).")
  Path config;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data",
      description = "Embedded database directory, as for run (default ${DEFAULT-VALUE}).")
  Path data;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    YearMonth m;
    try {
      m = YearMonth.parse(month);
    } catch (DateTimeParseException e) {
      throw new Main.UsageError("--month must be YYYY-MM, not " + month);
    }
    if (!Rendered.knownFormat(format)) {
      throw new Main.UsageError("--format must be html, csv or pdf, not " + format);
    }
    AppConfig cfg = Files.exists(config) ? AppConfig.load(config, new HashMap<>(System.getenv()))
        : AppConfig.defaults(new HashMap<>(System.getenv()));
    Path registry = cfg.registry().file();
    Fleet fleet = Files.exists(registry) ? RegistryLoader.load(registry) : new Fleet("", List.of());
    LocalDate today = LocalDate.now(Vietnam.ZONE);
    List<Portal> active = fleet.portals().stream().filter(p -> p.active(today)).toList();
    Vertx vertx = Vertx.vertx();
    try {
      Store store = Store.start(vertx, DbSettings.from(cfg.db(), cfg.retention()), data).await();
      try {
        ReportService reports = new ReportService(store, fleet::name, () -> active);
        Rendered r = reports.month(m, Instant.now())
            .compose(d -> vertx.executeBlocking(() -> Rendered.of(d, portal, format, lang), false)).await();
        if (r == null) {
          spec.commandLine().getErr().println("dvc-watch: no portal " + portal + " in the report of " + m);
          return 1;
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
