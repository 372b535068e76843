package vn.dvcwatch.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole of {@code conf/dvc-watch.yaml}, typed and validated. Every field has a default, so an empty
 * file is a valid configuration; every field can be overridden by {@code DVC_<PATH>} in the environment.
 */
public record AppConfig(
    Http http,
    Db db,
    Registry registry,
    Probe probe,
    Scoring scoring,
    Alerts alerts,
    Retention retention,
    Stream stream,
    Admin admin,
    Log log,
    vn.dvcwatch.cluster.ClusterSettings cluster,
    vn.dvcwatch.browser.BrowserSettings browser,
    vn.dvcwatch.alert.ChannelSettings alertChannels) {

  /** The web server. {@code publicUrl} is the base of links in emails. */
  public record Http(String host, int port, URI publicUrl, boolean behindTls) {}

  /** PostgreSQL; a blank {@code url} means embedded PostgreSQL under the data directory. */
  public record Db(String url, String user, String password, int poolSize, int bufferCapacity,
      int batchSize, Duration flushEvery) {
    public boolean embedded() {
      return url == null || url.isBlank();
    }
  }

  public record Registry(Path file, boolean watch) {}

  public record Probe(Duration interval, Duration connectTimeout, Duration deadline, int maxInFlight,
      long maxBodyBytes, long maxDecompressedBytes, int maxRedirects, int maxHeaderBytes,
      List<Path> extraCaFiles, Path hostsFile, Duration legacyTlsCheckEvery, Duration slowThreshold,
      int confirmDown, int confirmUp, Duration retryInterval, double fleetFailureRatio, String userAgent,
      Duration slowTtfb, vn.dvcwatch.probe.CertificateFailure certificateFailure) {}

  /** @param evaluateEvery null when not set here: the scoring model's own {@code evaluation.every} applies */
  public record Scoring(Path file, Duration evaluateEvery) {}

  public record Smtp(String host, int port, String starttls, boolean ssl, String username, String password,
      String from) {}

  /** {@code retryBase}/{@code retryMax}: the backoff of a failed send, doubling from base up to max. */
  public record Alerts(boolean enabled, Smtp smtp, String nationalCopy, List<String> optOut,
      int ratePerHour, boolean digest, String digestAt, Duration retryBase, Duration retryMax) {}

  public record Retention(Duration raw, Duration rollups) {}

  public record Stream(int replay, Duration heartbeat, int maxClientsPerAddress, int maxClients) {}

  /** The admin API is off unless a token is configured: there are no default credentials. */
  public record Admin(String token) {
    public boolean enabled() {
      return token != null && !token.isBlank();
    }
  }

  public record Log(String format, String level) {}

  static final Set<String> TOP = Set.of("http", "db", "registry", "probe", "scoring", "alerts", "retention",
      "stream", "admin", "log", "cluster", "browser");

  /** Reads a parsed document; every rejection names file, line and field. */
  public static AppConfig from(YamlNode root, Path baseDir) {
    root.only(TOP);
    YamlNode h = root.get("http").only(Set.of("host", "port", "publicUrl", "behindTls"));
    int port = h.get("port").integer(8080, 0, 65535);
    Http http = new Http(h.get("host").string("0.0.0.0"), port,
        h.get("publicUrl").url(URI.create("http://localhost:" + port)), h.get("behindTls").bool(false));

    YamlNode d = root.get("db").only(Set.of("url", "user", "password", "poolSize", "bufferCapacity",
        "batchSize", "flushEvery"));
    String url = d.get("url").string("");
    if (!url.isBlank() && !url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
      throw d.get("url").fail("expected postgresql://host:port/database, got \"" + url + "\"");
    }
    Db db = new Db(url, d.get("user").string("postgres"), d.get("password").string("postgres"),
        d.get("poolSize").integer(8, 1, 100), d.get("bufferCapacity").integer(100_000, 100, 10_000_000),
        d.get("batchSize").integer(500, 1, 10_000), d.get("flushEvery").duration(Duration.ofSeconds(1)));

    YamlNode r = root.get("registry").only(Set.of("file", "watch"));
    Registry registry = new Registry(resolve(baseDir, r.get("file").string("conf/portals.yaml")),
        r.get("watch").bool(true));

    YamlNode p = root.get("probe").only(Set.of("interval", "connectTimeout", "deadline", "maxInFlight",
        "maxBodyBytes", "maxDecompressedBytes", "maxRedirects", "maxHeaderBytes", "extraCaFiles", "hostsFile",
        "legacyTlsCheckEvery", "slowThreshold", "confirmDown", "confirmUp", "retryInterval",
        "fleetFailureRatio", "userAgent", "slowTtfb", "certificateFailure"));
    Duration interval = positive(p.get("interval"), Duration.ofSeconds(30));
    Duration deadline = positive(p.get("deadline"), Duration.ofSeconds(15));
    if (deadline.compareTo(interval) > 0) {
      throw p.get("deadline").fail("must not be longer than probe.interval (" + interval.toSeconds() + "s)");
    }
    String hosts = p.get("hostsFile").string("");
    Probe probe = new Probe(interval, positive(p.get("connectTimeout"), Duration.ofSeconds(5)), deadline,
        p.get("maxInFlight").integer(200, 1, 100_000),
        p.get("maxBodyBytes").longValue(2L * 1024 * 1024), p.get("maxDecompressedBytes").longValue(8L * 1024 * 1024),
        p.get("maxRedirects").integer(5, 0, 20), p.get("maxHeaderBytes").integer(64 * 1024, 1024, 1024 * 1024),
        p.get("extraCaFiles").strings().stream().map(s -> resolve(baseDir, s)).toList(),
        hosts.isBlank() ? null : resolve(baseDir, hosts),
        positive(p.get("legacyTlsCheckEvery"), Duration.ofHours(1)),
        positive(p.get("slowThreshold"), Duration.ofSeconds(10)),
        p.get("confirmDown").integer(3, 1, 20), p.get("confirmUp").integer(2, 1, 20),
        positive(p.get("retryInterval"), Duration.ofSeconds(10)),
        p.get("fleetFailureRatio").number(0.5, 0.05, 1.0),
        p.get("userAgent").string("dvc-watch/0.1 (+https://github.com/dvc-watch)"),
        positive(p.get("slowTtfb"), vn.dvcwatch.probe.ProbeSettings.SLOW_TTFB),
        p.get("certificateFailure").enumValue(vn.dvcwatch.probe.CertificateFailure.class,
            vn.dvcwatch.probe.CertificateFailure.DOWN));

    YamlNode s = root.get("scoring").only(Set.of("file", "evaluateEvery"));
    // Unset here: the cadence of the scoring model (conf/scoring.yaml evaluation.every) applies.
    Scoring scoring = new Scoring(resolve(baseDir, s.get("file").string("conf/scoring.yaml")),
        s.get("evaluateEvery").present() ? positive(s.get("evaluateEvery"), Duration.ofSeconds(30)) : null);

    YamlNode a = root.get("alerts").only(Set.of("enabled", "smtp", "nationalCopy", "optOut", "ratePerHour",
        "digest", "digestAt", "retry", "channels", "escalateAfter"));
    YamlNode retry = a.get("retry").only(Set.of("base", "max"));
    vn.dvcwatch.alert.AlertSettings alertDefaults = vn.dvcwatch.alert.AlertSettings.defaults();
    Duration retryBase = positive(retry.get("base"), alertDefaults.retryBase());
    Duration retryMax = positive(retry.get("max"), alertDefaults.retryMax());
    if (retryMax.compareTo(retryBase) < 0) {
      throw retry.get("max").fail("must be at least retry.base (" + retryBase.toSeconds() + "s)");
    }
    YamlNode m = a.get("smtp").only(Set.of("host", "port", "starttls", "ssl", "username", "password", "from"));
    String starttls = m.get("starttls").string("optional").toLowerCase(java.util.Locale.ROOT);
    if (!Set.of("none", "optional", "required").contains(starttls)) {
      throw m.get("starttls").fail("expected none, optional or required, got \"" + starttls + "\"");
    }
    Smtp smtp = new Smtp(m.get("host").string("localhost"), m.get("port").integer(25, 1, 65535), starttls,
        m.get("ssl").bool(false), m.get("username").string(""), m.get("password").string(""),
        email(m.get("from"), "dvc-watch@localhost"));
    String national = a.get("nationalCopy").string("");
    if (!national.isBlank()) {
      email(a.get("nationalCopy"), null);
    }
    List<String> optOut = a.get("optOut").strings();
    Set<String> kinds = java.util.Arrays.stream(vn.dvcwatch.alert.AlertKind.values())
        .map(vn.dvcwatch.alert.AlertKind::label).collect(java.util.stream.Collectors.toSet());
    for (String kind : optOut) {
      if (!kinds.contains(kind.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_'))) {
        throw a.get("optOut").fail("unknown alert kind \"" + kind + "\"; known: " + new java.util.TreeSet<>(kinds));
      }
    }
    String digestAt = a.get("digestAt").string("07:30");
    try {
      java.time.LocalTime.parse(digestAt);
    } catch (java.time.format.DateTimeParseException e) {
      throw a.get("digestAt").fail("expected a time of day HH:mm (Vietnam time), got \"" + digestAt + "\"");
    }
    Alerts alerts = new Alerts(a.get("enabled").bool(false), smtp, national, optOut,
        a.get("ratePerHour").integer(20, 1, 10_000), a.get("digest").bool(false), digestAt, retryBase, retryMax);

    YamlNode t = root.get("retention").only(Set.of("raw", "rollups"));
    Retention retention = new Retention(positive(t.get("raw"), Duration.ofDays(35)),
        positive(t.get("rollups"), Duration.ofDays(730)));

    YamlNode st = root.get("stream").only(Set.of("replay", "heartbeat", "maxClientsPerAddress", "maxClients"));
    Stream stream = new Stream(st.get("replay").integer(1000, 0, 1_000_000),
        positive(st.get("heartbeat"), Duration.ofSeconds(15)), st.get("maxClientsPerAddress").integer(20, 1, 100_000),
        st.get("maxClients").integer(20_000, 1, 1_000_000));

    YamlNode ad = root.get("admin").only(Set.of("token"));
    String token = ad.get("token").string("");
    if (!token.isBlank() && token.length() < 16) {
      throw ad.get("token").fail("too short: use at least 16 random characters");
    }
    Admin admin = new Admin(token);

    YamlNode l = root.get("log").only(Set.of("format", "level"));
    String format = l.get("format").string("text");
    if (!format.equals("text") && !format.equals("json")) {
      throw l.get("format").fail("expected text or json, got \"" + format + "\"");
    }
    String level = l.get("level").string("info").toLowerCase(java.util.Locale.ROOT);
    if (!Set.of("trace", "debug", "info", "warn", "error").contains(level)) {
      throw l.get("level").fail("expected one of trace, debug, info, warn, error; got \"" + level + "\"");
    }
    vn.dvcwatch.cluster.ClusterSettings cluster = vn.dvcwatch.cluster.ClusterSettings.from(root.get("cluster"));
    vn.dvcwatch.browser.BrowserSettings browser = vn.dvcwatch.browser.BrowserSettings.from(root.get("browser"));
    for (String name : root.unreadOverrides()) {
      org.slf4j.LoggerFactory.getLogger(AppConfig.class).warn(
          "{} is set in the environment, but no setting of {} has that name: it changes nothing", name, root.file());
    }
    return new AppConfig(http, db, registry, probe, scoring, alerts, retention, stream, admin, new Log(format, level),
        cluster, browser, vn.dvcwatch.alert.ChannelSettings.from(a));
  }

  /** An empty configuration (every default), with overrides from {@code env}. */
  public static AppConfig defaults(Map<String, String> env) {
    return from(YamlNode.parse("(defaults)", "{}", env), Path.of("."));
  }

  private static Duration positive(YamlNode n, Duration fallback) {
    Duration d = n.duration(fallback);
    if (d.isNegative() || d.isZero()) {
      throw n.fail("must be longer than zero");
    }
    return d;
  }

  private static final java.util.regex.Pattern EMAIL =
      java.util.regex.Pattern.compile("^[^@\\s<>]+@[^@\\s<>]+\\.?[^@\\s<>]*$");

  static String email(YamlNode n, String fallback) {
    String v = n.string(fallback);
    if (v != null && !EMAIL.matcher(v.trim()).matches()) {
      throw n.fail("not an email address: \"" + v + "\"");
    }
    return v == null ? null : v.trim();
  }

  private static Path resolve(Path baseDir, String file) {
    Path p = Path.of(file);
    return p.isAbsolute() ? p : baseDir.resolve(p).normalize();
  }
}
