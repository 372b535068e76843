package vn.dvcwatch.app;

import java.nio.file.Path;
import java.util.Map;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.alert.AlertSettings;
import vn.dvcwatch.browser.BrowserSettings;
import vn.dvcwatch.cluster.ClusterSettings;
import vn.dvcwatch.config.ConfigLoader;
import vn.dvcwatch.config.YamlNode;
import vn.dvcwatch.grade.ScoringSettings;
import vn.dvcwatch.probe.ProbeConfig;
import vn.dvcwatch.registry.RegistrySettings;
import vn.dvcwatch.store.DbConfig;
import vn.dvcwatch.store.RetentionSettings;
import vn.dvcwatch.web.AdminSettings;
import vn.dvcwatch.web.HttpSettings;
import vn.dvcwatch.web.StreamSettings;

/**
 * The whole of {@code conf/dvc-watch.yaml}: one section per room, each read and validated by its room's own
 * settings record ({@code from(YamlNode)}); this record only composes them. Every field has a default, so an empty
 * file is a valid configuration; every field can be overridden by {@code DVC_<PATH>} in the environment. A room's new
 * section is one component and one line in {@link #from}; docs/OPERATIONS.md lists every key ({@code ConfigDocsTest}).
 */
public record AppConfig(
    HttpSettings http,
    DbConfig db,
    RegistrySettings registry,
    ProbeConfig probe,
    ScoringSettings scoring,
    AlertSettings alerts,
    RetentionSettings retention,
    StreamSettings stream,
    AdminSettings admin,
    LogSettings log,
    ClusterSettings cluster,
    BrowserSettings browser,
    vn.dvcwatch.alert.ChannelSettings alertChannels) {

  /** Reads a parsed document; every rejection names file, line and key path. */
  public static AppConfig from(YamlNode root, Path baseDir) {
    root.only(java.util.Set.of("http", "db", "registry", "probe", "scoring", "alerts", "retention", "stream", "admin",
        "log", "cluster", "browser"));
    HttpSettings http = HttpSettings.from(root.get("http"));
    AppConfig cfg = new AppConfig(
        http,
        DbConfig.from(root.get("db")),
        RegistrySettings.from(root.get("registry"), baseDir),
        ProbeConfig.from(root.get("probe"), baseDir),
        ScoringSettings.from(root.get("scoring"), baseDir),
        AlertSettings.from(root.get("alerts"), http.publicUrl()),
        RetentionSettings.from(root.get("retention")),
        StreamSettings.from(root.get("stream")),
        AdminSettings.from(root.get("admin")),
        LogSettings.from(root.get("log")),
        ClusterSettings.from(root.get("cluster")),
        BrowserSettings.from(root.get("browser")),
        vn.dvcwatch.alert.ChannelSettings.from(root.get("alerts")));
    int k = cfg.probe().vantagesPerPortal();
    if (k > 0 && cfg.cluster().quorum() > k) {
      throw root.get("cluster").get("quorum").fail(cfg.cluster().quorum() + " is more than probe.vantagesPerPortal ("
          + k + "): no portal could ever be DOWN");
    }
    for (String name : root.unreadOverrides()) {
      LoggerFactory.getLogger(AppConfig.class).warn(
          "{} is set in the environment, but no setting of {} has that name: it changes nothing", name, root.file());
    }
    return cfg;
  }

  /** {@code conf/dvc-watch.yaml} with the process environment's {@code DVC_*} overrides. */
  public static AppConfig load(Path file, Map<String, String> env) {
    // Relative paths inside the config (registry.file, probe.hostsFile) are taken from the working
    // directory, as a user types them, not from the config file's folder.
    return from(YamlNode.parse(file.toString(), ConfigLoader.read(file), env), Path.of("."));
  }

  /** An empty configuration (every default), with overrides from {@code env}. */
  public static AppConfig defaults(Map<String, String> env) {
    return from(YamlNode.parse("(defaults)", "{}", env), Path.of("."));
  }
}
