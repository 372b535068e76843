package vn.dvcwatch.alert;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.TreeSet;
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

  static final Set<String> KEYS = Set.of("enabled", "smtp", "nationalCopy", "optOut", "ratePerHour", "digest",
      "digestAt", "retry", "channels", "escalateAfter"); // the last two: ChannelSettings
  static final Set<String> SMTP_KEYS = Set.of("host", "port", "starttls", "ssl", "username", "password", "from");
  static final Set<String> RETRY_KEYS = Set.of("base", "max");

  /**
   * The {@code alerts:} section of {@code conf/dvc-watch.yaml}; absent fields keep their defaults, unknown fields are
   * refused. {@code publicUrl} is {@code http.publicUrl}, the base of the links in emails.
   */
  public static AlertSettings from(YamlNode a, URI publicUrl) {
    AlertSettings d = defaults();
    a.only(KEYS);
    YamlNode retry = a.get("retry").only(RETRY_KEYS);
    Duration retryBase = retry.get("base").positiveDuration(d.retryBase());
    Duration retryMax = retry.get("max").positiveDuration(d.retryMax());
    if (retryMax.compareTo(retryBase) < 0) {
      throw retry.get("max").fail("must be at least retry.base (" + retryBase.toSeconds() + "s)");
    }
    YamlNode m = a.get("smtp").only(SMTP_KEYS);
    String starttls = m.get("starttls").string("optional").toLowerCase(Locale.ROOT);
    if (!Set.of("none", "optional", "required").contains(starttls)) {
      throw m.get("starttls").fail("expected none, optional or required, got \"" + starttls + "\"");
    }
    Smtp smtp = new Smtp(m.get("host").string("localhost"), m.get("port").integer(25, 1, 65535),
        StartTls.valueOf(starttls.toUpperCase(Locale.ROOT)), m.get("ssl").bool(false), blankToNull(m.get("username").string("")),
        blankToNull(m.get("password").string("")), m.get("from").email("dvc-watch@localhost"));
    String national = blankToNull(a.get("nationalCopy").string("").trim());
    if (national != null) {
      a.get("nationalCopy").email(null);
    }
    Set<AlertKind> optOut = EnumSet.noneOf(AlertKind.class);
    for (String kind : a.get("optOut").strings()) {
      String label = kind.trim().toLowerCase(Locale.ROOT).replace('-', '_');
      AlertKind k = Arrays.stream(AlertKind.values()).filter(x -> x.label().equals(label)).findFirst()
          .orElseThrow(() -> a.get("optOut").fail("unknown alert kind \"" + kind + "\"; known: "
              + new TreeSet<>(Arrays.stream(AlertKind.values()).map(AlertKind::label).toList())));
      optOut.add(k);
    }
    String digestAt = a.get("digestAt").string("07:30");
    LocalTime digestTime;
    try {
      digestTime = LocalTime.parse(digestAt);
    } catch (DateTimeParseException e) {
      throw a.get("digestAt").fail("expected a time of day HH:mm (Vietnam time), got \"" + digestAt + "\"");
    }
    return new AlertSettings(a.get("enabled").bool(false), smtp, national, publicUrl.toString(), optOut, Set.of(),
        a.get("ratePerHour").integer(20, 1, 10_000), a.get("digest").bool(false), digestTime, retryBase, retryMax,
        d.pollInterval(), d.lease(), d.sendTimeout(), d.flapOpenings(), d.flapWindow());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
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
