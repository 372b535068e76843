package vn.dvcwatch.alert;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import vn.dvcwatch.config.YamlNode;

/**
 * The alert channels and the escalation delay: {@code alerts.channels} and {@code alerts.escalateAfter} of
 * {@code conf/dvc-watch.yaml} (docs/ALERTS.md). The alert room reads and validates these keys itself; the top-level
 * config only composes.
 *
 * @param channels where alerts go besides the portal contacts' email, each for some recipient groups
 * @param escalateAfter how long an announced outage may stay unacknowledged before the national office is told
 * @param linkValidity how long the acknowledgement link in an outage email works
 * @param timeout the total time of one outgoing call (connect, request, response)
 * @param connectTimeout the time to open the connection of one outgoing call
 * @param maxResponseBytes a response body longer than this fails the call (nothing the watchdog needs is that long)
 */
public record ChannelSettings(List<Channel> channels, Duration escalateAfter, Duration linkValidity,
    Duration timeout, Duration connectTimeout, int maxResponseBytes) {

  /** The channel types of docs/ALERTS.md; the lower-case name is the config's {@code type} and the outbox's channel. */
  public enum Type {
    EMAIL, WEBHOOK, SLACK, TEAMS, TELEGRAM;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The recipient group of the national office: fleet-wide alerts and escalations. */
  public static final String NATIONAL = "national";
  /** The recipient group of every alert. */
  public static final String ALL = "all";

  /**
   * One channel. {@code groups}: {@link #NATIONAL}, {@link #ALL}, or owners as written in the fleet file
   * ({@code owner:} of a portal): the channel gets the alerts of those owners' portals.
   *
   * @param url the webhook URL (webhook, slack, teams) or the Bot API base (telegram); a secret for slack and teams
   * @param secret the HMAC-SHA256 key of a webhook; the bot token of telegram
   * @param chatId telegram's chat
   * @param to extra addresses of an email channel
   * @param kinds alert kinds this channel gets; empty: every kind
   */
  public record Channel(String name, Type type, URI url, String secret, String chatId, List<String> to,
      Set<String> groups, Set<AlertKind> kinds) {
    public Channel {
      to = List.copyOf(to);
      groups = Set.copyOf(groups);
      kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
    }

    /** The outbox recipient of this channel's rows: {@code <type>:<name>}, never its URL or token. */
    public String recipient() {
      return type.label() + ":" + name;
    }

    /** Whether an alert of this kind about a portal of this owner (null: fleet-wide) goes to this channel. */
    public boolean wants(AlertKind kind, String owner, boolean escalation) {
      if (!kinds.isEmpty() && !kinds.contains(kind)) {
        return false;
      }
      if (groups.contains(ALL)) {
        return true;
      }
      if (escalation || owner == null) {
        return groups.contains(NATIONAL);
      }
      return groups.contains(owner);
    }

    /** Every value that must never be shown: the URL (Slack's and Teams' carry their token), the key or token. */
    List<String> secrets() {
      List<String> out = new ArrayList<>();
      if (secret != null && !secret.isEmpty()) {
        out.add(secret);
      }
      if (url != null && type != Type.TELEGRAM) {
        out.add(url.toString());
        if (url.getRawPath() != null && url.getRawPath().length() > 1) {
          out.add(url.getRawPath());
        }
        if (url.getRawQuery() != null) {
          out.add(url.getRawQuery());
        }
      }
      return out;
    }

    @Override
    public String toString() { // never the URL, key or token
      return "Channel[" + recipient() + ", for=" + groups + "]";
    }
  }

  static final Set<String> KEYS = Set.of("channels", "escalateAfter");
  private static final Set<String> CHANNEL_KEYS = Set.of("name", "type", "url", "secret", "botToken", "chatId", "to",
      "for", "kinds");

  public ChannelSettings {
    channels = List.copyOf(channels);
  }

  public static ChannelSettings defaults() {
    return new ChannelSettings(List.of(), Duration.ofMinutes(30), Duration.ofDays(7), Duration.ofSeconds(10),
        Duration.ofSeconds(5), 64 * 1024);
  }

  /**
   * Reads {@code channels} and {@code escalateAfter} of the {@code alerts} node (its other keys are the email
   * settings'); every rejection names file, line and field.
   */
  public static ChannelSettings from(YamlNode alerts) {
    ChannelSettings d = defaults();
    Duration escalateAfter = alerts.get("escalateAfter").duration(d.escalateAfter);
    if (escalateAfter.compareTo(Duration.ofMinutes(1)) < 0) {
      throw alerts.get("escalateAfter").fail("must be at least 1m");
    }
    List<Channel> channels = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (YamlNode c : alerts.get("channels").items()) {
      Channel ch = channel(c.only(CHANNEL_KEYS));
      if (!names.add(ch.name())) {
        throw c.get("name").fail("another channel is already called \"" + ch.name() + "\"");
      }
      channels.add(ch);
    }
    return new ChannelSettings(channels, escalateAfter, d.linkValidity, d.timeout, d.connectTimeout, d.maxResponseBytes);
  }

  private static Channel channel(YamlNode c) {
    String name = c.get("name").requiredString().trim();
    if (!name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw c.get("name").fail("use lower-case letters, digits and '-' (it names the channel in logs and the admin API)");
    }
    Type type = c.get("type").enumValue(Type.class, null);
    if (type == null) {
      throw c.get("type").fail("required: email, webhook, slack, teams or telegram");
    }
    Set<String> groups = new LinkedHashSet<>();
    for (String g : c.get("for").strings()) {
      if (!g.isBlank()) {
        groups.add(g.trim());
      }
    }
    if (groups.isEmpty()) {
      throw c.get("for").fail("required: national, all, or owners as written in the fleet file");
    }
    Set<AlertKind> kinds = EnumSet.noneOf(AlertKind.class);
    for (YamlNode k : c.get("kinds").items()) {
      kinds.add(k.enumValue(AlertKind.class, null));
    }
    URI url = null;
    String secret = null;
    String chatId = null;
    List<String> to = List.of();
    switch (type) {
      case EMAIL -> {
        to = new ArrayList<>();
        for (YamlNode t : c.get("to").items()) {
          String v = t.string("").trim().toLowerCase(Locale.ROOT);
          if (!v.matches("[^@\\s]+@[^@\\s]+")) {
            throw t.fail("not an email address: \"" + v + "\"");
          }
          to.add(v);
        }
        if (to.isEmpty()) {
          throw c.get("to").fail("an email channel needs at least one address");
        }
      }
      case WEBHOOK, SLACK, TEAMS -> {
        url = httpUrl(c.get("url"), null);
        if (type == Type.WEBHOOK) {
          secret = c.get("secret").requiredString();
          if (secret.length() < 16) {
            throw c.get("secret").fail("too short: use at least 16 random characters");
          }
        }
      }
      case TELEGRAM -> {
        url = httpUrl(c.get("url"), URI.create("https://api.telegram.org"));
        secret = c.get("botToken").requiredString().trim();
        if (!secret.matches("[0-9]+:[A-Za-z0-9_-]+")) {
          throw c.get("botToken").fail("not a bot token like 123456:ABC-DEF… (from @BotFather)");
        }
        chatId = c.get("chatId").requiredString().trim();
      }
      default -> throw new IllegalStateException(type.name());
    }
    return new Channel(name, type, url, secret, chatId, to, groups, kinds);
  }

  /** Parsed here rather than by {@link YamlNode#url}: a rejection must not echo a URL that carries a token. */
  private static URI httpUrl(YamlNode n, URI fallback) {
    String v = n.text();
    if (v == null || v.isBlank()) {
      if (fallback == null) {
        throw n.fail("required: the channel's https URL");
      }
      return fallback;
    }
    try {
      URI u = new URI(v.trim());
      if (u.getHost() == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme()))) {
        throw n.fail("expected an http(s) URL with a host (value not shown: it may carry a token)");
      }
      return u;
    } catch (java.net.URISyntaxException e) {
      throw n.fail("not a valid URL (value not shown: it may carry a token)");
    }
  }

  /** The channels an alert goes to, besides the email route. */
  List<Channel> channelsFor(AlertKind kind, String owner, boolean escalation) {
    return channels.stream().filter(c -> c.type() != Type.EMAIL && c.wants(kind, owner, escalation)).toList();
  }

  /** Extra email addresses for an alert, from the email channels. */
  List<String> emailsFor(AlertKind kind, String owner, boolean escalation) {
    return channels.stream().filter(c -> c.type() == Type.EMAIL && c.wants(kind, owner, escalation))
        .flatMap(c -> c.to().stream()).toList();
  }

  /** The channels by outbox recipient ({@code <type>:<name>}). */
  Map<String, Channel> byRecipient() {
    Map<String, Channel> out = new java.util.HashMap<>();
    channels.forEach(c -> out.put(c.recipient(), c));
    return out;
  }

  /** Test timings: a shorter call timeout. */
  public ChannelSettings withCalls(Duration newTimeout, Duration newConnectTimeout, int newMaxResponseBytes) {
    return new ChannelSettings(channels, escalateAfter, linkValidity, newTimeout, newConnectTimeout, newMaxResponseBytes);
  }

  @Override
  public String toString() {
    return "ChannelSettings[" + channels + ", escalateAfter=" + escalateAfter + "]";
  }
}
