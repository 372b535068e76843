package vn.dvcwatch.result;

import java.time.Instant;

/**
 * One probe of one page of one portal. Everything the score and the board say is derived from these.
 * {@code tls}, {@code headers} and {@code page} are null when the probe did not get that far.
 * {@code warmup}: taken while the watchdog was warming up (its first minute, or its first probe of the
 * host: JIT, first handshakes); it counts for availability like any probe, but its timings are left out
 * of the timing windows once steady probes are in (docs/SCORING.md).
 */
public record ProbeResult(
    String portalId,
    Target target,
    String url,
    Instant startedAt,
    Outcome outcome,
    String cause,
    Integer status,
    Phases phases,
    int redirects,
    long bytes,
    TlsPosture tls,
    HeaderPosture headers,
    PagePosture page,
    boolean warmup) {

  /** A probe not taken during warm-up. */
  public ProbeResult(String portalId, Target target, String url, Instant startedAt, Outcome outcome, String cause,
      Integer status, Phases phases, int redirects, long bytes, TlsPosture tls, HeaderPosture headers,
      PagePosture page) {
    this(portalId, target, url, startedAt, outcome, cause, status, phases, redirects, bytes, tls, headers, page, false);
  }

  /** The same probe, marked (or not) as taken during warm-up. */
  public ProbeResult withWarmup(boolean w) {
    return w == warmup ? this
        : new ProbeResult(portalId, target, url, startedAt, outcome, cause, status, phases, redirects, bytes, tls,
            headers, page, w);
  }

  public boolean up() {
    return outcome != Outcome.DOWN;
  }

  public boolean https() {
    return url != null && url.startsWith("https:");
  }
}
