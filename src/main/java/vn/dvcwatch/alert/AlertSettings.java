package vn.dvcwatch.alert;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;
import vn.dvcwatch.config.YamlNode;

/**
 * The {@code alerts:} section of {@code conf/dvc-watch.yaml}. Every field can be overridden by an
 * environment variable ({@code alerts.smtp.host} → {@code DVC_ALERTS_SMTP_HOST}).
 *
 * @param enabled false: nothing is written to the outbox and nothing is sent
 * @param nationalCopy the national office's address that gets a copy of every alert; null for none
 * @param publicUrl base of the links in emails ({@code <publicUrl>/portals/<id>})
 * @param optOut kinds the portals' contacts do not receive
 * @param nationalOptOut kinds the national address does not receive
 * @param ratePerHour at most this many emails per recipient per rolling hour; the rest wait, in order
 * @param digestTime local time (Asia/Ho_Chi_Minh) of the daily digest to the national address
 * @param lease how long a row claimed for sending is held before another attempt may take it over
 * @param flapOpenings incidents opened within {@code flapWindow} that make a portal "flapping"
 */
public record AlertSettings(
    boolean enabled,
    Smtp smtp,
    String nationalCopy,
    String publicUrl,
    Set<AlertKind> optOut,
    Set<AlertKind> nationalOptOut,
    int ratePerHour,
    boolean digestEnabled,
    LocalTime digestTime,
    Duration retryBase,
    Duration retryMax,
    Duration pollInterval,
    Duration lease,
    Duration sendTimeout,
    int flapOpenings,
    Duration flapWindow) {

  /** How STARTTLS is used on a plain connection. */
  public enum StartTls { NONE, OPTIONAL, REQUIRED }

  /** SMTP connection. {@code ssl} is TLS from the first byte (port 465); username null means no AUTH. */
  public record Smtp(String host, int port, StartTls starttls, boolean ssl, String username, String password, String from) {
    @Override
    public String toString() { // never log the password
      return "Smtp[" + host + ":" + port + ", starttls=" + starttls + ", ssl=" + ssl + ", user=" + username + "]";
    }
  }

  public AlertSettings {
    optOut = optOut.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(optOut));
    nationalOptOut = nationalOptOut.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(nationalOptOut));
    publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  public static AlertSettings defaults() {
    return new AlertSettings(false,
        new Smtp("localhost", 25, StartTls.OPTIONAL, false, null, null, "dvc-watch <dvc-watch@localhost>"),
        null, "http://localhost:8080", Set.of(), Set.of(), 20, false, LocalTime.of(7, 30),
        Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofMinutes(2),
        Duration.ofSeconds(60), 3, Duration.ofHours(1));
  }

  /** Reads the {@code alerts:} node; absent fields keep their defaults, unknown fields are refused. */
  public static AlertSettings fromYaml(YamlNode n) {
    AlertSettings d = defaults();
    n.only(Set.of("enabled", "smtp", "nationalCopy", "publicUrl", "optOut", "nationalOptOut", "ratePerHour",
        "digest", "retry", "pollInterval", "lease", "sendTimeout", "flapping"));
    YamlNode s = n.get("smtp").only(Set.of("host", "port", "starttls", "ssl", "username", "password", "from"));
    Smtp smtp = new Smtp(s.get("host").string(d.smtp.host), s.get("port").integer(d.smtp.port, 1, 65535),
        s.get("starttls").enumValue(StartTls.class, d.smtp.starttls), s.get("ssl").bool(false),
        s.get("username").string(null), s.get("password").string(null), s.get("from").string(d.smtp.from));
    YamlNode digest = n.get("digest").only(Set.of("enabled", "time"));
    YamlNode retry = n.get("retry").only(Set.of("base", "max"));
    YamlNode flap = n.get("flapping").only(Set.of("openings", "window"));
    Duration lease = positive(n.get("lease"), d.lease);
    Duration sendTimeout = positive(n.get("sendTimeout"), d.sendTimeout);
    if (lease.compareTo(sendTimeout) <= 0) {
      // A lease shorter than a send would let a second attempt start while the first is still talking to SMTP.
      throw n.get("lease").fail("must be longer than sendTimeout (" + sendTimeout.toSeconds() + "s)");
    }
    return new AlertSettings(n.get("enabled").bool(d.enabled), smtp,
        email(n.get("nationalCopy")), n.get("publicUrl").url(java.net.URI.create(d.publicUrl)).toString(),
        kinds(n.get("optOut")), kinds(n.get("nationalOptOut")), n.get("ratePerHour").integer(d.ratePerHour, 1, 10_000),
        digest.get("enabled").bool(false), localTime(digest.get("time"), d.digestTime),
        positive(retry.get("base"), d.retryBase), positive(retry.get("max"), d.retryMax),
        positive(n.get("pollInterval"), d.pollInterval), lease, sendTimeout,
        flap.get("openings").integer(d.flapOpenings, 2, 100), positive(flap.get("window"), d.flapWindow));
  }

  private static String email(YamlNode n) {
    String v = n.text();
    if (v == null || v.isBlank()) {
      return null;
    }
    if (!v.trim().matches("[^@\\s]+@[^@\\s]+")) {
      throw n.fail("not an email address: \"" + v + "\"");
    }
    return v.trim();
  }

  private static Set<AlertKind> kinds(YamlNode n) {
    EnumSet<AlertKind> out = EnumSet.noneOf(AlertKind.class);
    for (YamlNode item : n.items()) {
      out.add(item.enumValue(AlertKind.class, null));
    }
    return out;
  }

  private static LocalTime localTime(YamlNode n, LocalTime fallback) {
    String v = n.text();
    try {
      return v == null ? fallback : LocalTime.parse(v.trim());
    } catch (DateTimeParseException e) {
      throw n.fail("not a time of day like 07:30: \"" + v + "\"");
    }
  }

  private static Duration positive(YamlNode n, Duration fallback) {
    Duration v = n.duration(fallback);
    if (v.isZero() || v.isNegative()) {
      throw n.fail("must be longer than 0");
    }
    return v;
  }

  public AlertSettings withSmtp(Smtp newSmtp) {
    return new AlertSettings(true, newSmtp, nationalCopy, publicUrl, optOut, nationalOptOut, ratePerHour,
        digestEnabled, digestTime, retryBase, retryMax, pollInterval, lease, sendTimeout, flapOpenings, flapWindow);
  }

  public AlertSettings withRouting(String national, Set<AlertKind> contactOptOut, Set<AlertKind> nationalOut, int rate) {
    return new AlertSettings(enabled, smtp, national, publicUrl, contactOptOut, nationalOut, rate,
        digestEnabled, digestTime, retryBase, retryMax, pollInterval, lease, sendTimeout, flapOpenings, flapWindow);
  }

  /** Timing knobs; tests use milliseconds so that retries and leases do not slow the suite. */
  public AlertSettings withTiming(Duration poll, Duration base, Duration max, Duration newLease) {
    return new AlertSettings(enabled, smtp, nationalCopy, publicUrl, optOut, nationalOptOut, ratePerHour,
        digestEnabled, digestTime, base, max, poll, newLease, sendTimeout, flapOpenings, flapWindow);
  }

  public AlertSettings withDigest(boolean on, LocalTime at) {
    return new AlertSettings(enabled, smtp, nationalCopy, publicUrl, optOut, nationalOptOut, ratePerHour,
        on, at, retryBase, retryMax, pollInterval, lease, sendTimeout, flapOpenings, flapWindow);
  }

  @Override
  public String toString() {
    return "AlertSettings[enabled=" + enabled + ", smtp=" + smtp + ", nationalCopy=" + (nationalCopy != null)
        + ", ratePerHour=" + ratePerHour + ", digest=" + (digestEnabled ? digestTime : "off") + "]";
  }
}
