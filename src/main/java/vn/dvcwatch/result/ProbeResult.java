package vn.dvcwatch.result;

import java.time.Instant;

/**
 * One probe of one page of one portal. Everything the score and the board say is derived from these.
 * {@code tls}, {@code headers} and {@code page} are null when the probe did not get that far.
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
    PagePosture page) {

  public boolean up() {
    return outcome != Outcome.DOWN;
  }

  public boolean https() {
    return url != null && url.startsWith("https:");
  }
}
