package vn.dvcwatch.probe;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import vn.dvcwatch.result.ProbeResult;

/**
 * Which results were taken while the watchdog warmed up (docs/SCORING.md, "Warm-up"): every probe that
 * started within {@link #PERIOD} of the process's first probe (the JIT compiles the probe path, the first
 * round runs every host's side checks), and the process's first probe of each host (its first handshake
 * there). Such a result counts for availability like any other, but its timings can be wrong by hundreds of
 * milliseconds (docs/PERFORMANCE.md, P2-truth: p99 error 279 ms in the first two minutes against 73 ms in
 * steady state), so the timing windows leave it out once steady results are in.
 *
 * <p>Plain state, used from the one context that receives the results; times are the probes' start times.
 */
public final class WarmUp {
  /** How long after the first probe every result is warm-up. */
  public static final Duration PERIOD = Duration.ofSeconds(60);

  private final Duration period;
  private final Set<String> hostsSeen = new HashSet<>();
  private Instant end;

  public WarmUp(Duration period) {
    this.period = period;
  }

  /** The result, marked warm-up when it is. */
  public ProbeResult mark(ProbeResult r) {
    if (end == null) {
      end = r.startedAt().plus(period);
    }
    boolean firstOfHost = hostsSeen.add(host(r));
    return r.withWarmup(firstOfHost || r.startedAt().isBefore(end));
  }

  /** The host and port the probe ended on (the first hop's when it got nowhere), or the portal when no URL parses. */
  private static String host(ProbeResult r) {
    try {
      URI u = URI.create(r.url());
      if (u.getHost() != null) {
        return u.getHost() + ":" + u.getPort();
      }
    } catch (RuntimeException e) {
      // fall through: the portal stands for its host
    }
    return r.portalId();
  }
}
