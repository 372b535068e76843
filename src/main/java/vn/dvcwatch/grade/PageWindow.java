package vn.dvcwatch.grade;

import java.time.Instant;
import vn.dvcwatch.result.HeaderPosture;
import vn.dvcwatch.result.PagePosture;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.TlsPosture;

/**
 * Everything remembered about one page (homepage or eForm) of one portal: 30 days of hourly up-time,
 * the recent probes' timings, the latest postures, and the last hour seeded from the database so that
 * percentiles do not start from nothing after a restart. Not thread-safe: {@link PortalWindow} locks.
 */
final class PageWindow {
  private final UptimeHours hours = new UptimeHours();
  private final LatencyRing ring;
  private final int intervalSeconds;
  private long lastStartMillis = Long.MIN_VALUE;
  private boolean https;
  private TlsPosture tls;
  private HeaderPosture headers;
  private PagePosture page;
  // The newest hour seeded from the database, used until live probes fill the window.
  private long seededHour = Long.MIN_VALUE;
  private double seededTtfb = Double.NaN;
  private double seededTotal = Double.NaN;
  private long seededProbes;
  private long seededWithin;

  PageWindow(int ringCapacity, int intervalSeconds) {
    this.ring = new LatencyRing(ringCapacity);
    this.intervalSeconds = intervalSeconds;
  }

  /** {@code available}: whether the probe's time counts as up (its outcome alone; in a cluster, the vote's say). */
  void record(ProbeResult r, boolean available) {
    long startMillis = r.startedAt().toEpochMilli();
    int weight = intervalSeconds;
    if (lastStartMillis != Long.MIN_VALUE) {
      long gap = Math.round((startMillis - lastStartMillis) / 1000.0);
      weight = (int) Math.max(1, Math.min(intervalSeconds, gap));
    }
    lastStartMillis = Math.max(lastStartMillis, startMillis);
    hours.add(Math.floorDiv(startMillis, 3_600_000L), weight, available ? weight : 0);
    boolean timed = r.up() && r.phases() != null;
    ring.add(Math.floorDiv(startMillis, 1000L), timed ? value(r.phases().ttfb()) : Double.NaN,
        timed ? value(r.phases().total()) : Double.NaN, r.warmup());
    https = r.https() || r.tls() != null;
    if (r.tls() != null) {
      tls = r.tls();
    }
    if (r.headers() != null) {
      headers = r.headers();
    }
    if (r.page() != null) {
      page = r.page();
    }
  }

  private static double value(Double ms) {
    return ms == null ? Double.NaN : ms;
  }

  void seed(Instant hour, long probes, long up, Double ttfbP75Ms, Double totalP75Ms, long withinA) {
    if (probes <= 0) {
      return;
    }
    long epochHour = Math.floorDiv(hour.getEpochSecond(), 3600L);
    int observed = (int) Math.min(3600, probes * intervalSeconds);
    hours.add(epochHour, observed, (int) Math.round(observed * (double) Math.min(up, probes) / probes));
    if (epochHour >= seededHour) {
      seededHour = epochHour;
      seededTtfb = value(ttfbP75Ms);
      seededTotal = value(totalP75Ms);
      seededProbes = probes;
      seededWithin = Math.min(withinA, probes);
    }
  }

  long[] uptime(long nowHour, int hoursBack) {
    return hours.sum(nowHour, hoursBack);
  }

  /** Window stats from live probes, or from the newest seeded hour when no live probe is in the window. */
  LatencyRing.Stats stats(long fromEpochSecond, int percentile, double ttfbLimit, double totalLimit, float[] scratch) {
    LatencyRing.Stats live = ring.stats(fromEpochSecond, percentile, ttfbLimit, totalLimit, scratch);
    if (live.probes() > 0 || seededHour == Long.MIN_VALUE) {
      return live;
    }
    return new LatencyRing.Stats((int) seededProbes, (int) seededWithin, seededTtfb, seededTotal);
  }

  boolean live() {
    return lastStartMillis != Long.MIN_VALUE;
  }

  long lastStartMillis() {
    return lastStartMillis;
  }

  boolean https() {
    return https;
  }

  TlsPosture tls() {
    return tls;
  }

  HeaderPosture headers() {
    return headers;
  }

  PagePosture page() {
    return page;
  }
}
