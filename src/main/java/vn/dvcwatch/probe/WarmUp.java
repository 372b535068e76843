package vn.dvcwatch.probe;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import vn.dvcwatch.result.ProbeResult;

/**
 * The watchdog's warm-up, in two parts.
 *
 * <p><b>The pass</b> ({@link Prober#warmUp}, docs/PROBING.md "The warm-up pass"): before the first real probe, a few
 * complete probes of a loopback page ({@link WarmUpSite}), so that the probe path's classes are loaded and its code
 * compiled (TCP, the TLS engine and context, HTTP, the body, the certificate judgement, the page checks) before a
 * portal's stamps are taken. In a dry run of docs/PERFORMANCE.md's P2-truth, every one of the first minutes' worst
 * TTFB errors came within 0.1 s of the watchdog's first probe. Bounded ({@link #PASS_BOUND}, {@link #PASS_PROBES});
 * its results go nowhere ({@link Pass} only counts them).
 *
 * <p><b>The mark</b> ({@link #mark}, docs/SCORING.md "Warm-up"): which results were taken while the watchdog warmed
 * up all the same: every probe that started within {@link #PERIOD} of the process's first probe (the first round runs
 * every host's side checks, the JIT is still compiling), and the process's first probe of each host (its first
 * handshake there). Such a result counts for availability like any other, but its timings can be wrong by hundreds
 * of milliseconds (docs/PERFORMANCE.md, P2-truth: p99 error 279 ms in the first two minutes against 73 ms in steady
 * state), so the timing windows leave it out once steady results are in. The pass does not replace the mark: it
 * cannot warm a real host's first handshake, DNS, or the first round's load.
 *
 * <p>The mark is plain state, used from the one context that receives the results; times are the probes' start
 * times.
 */
public final class WarmUp {
  /** How long after the first probe every result is warm-up. */
  public static final Duration PERIOD = Duration.ofSeconds(60);
  /** The pass never holds up the first round longer than this, whatever it got done. */
  public static final Duration PASS_BOUND = Duration.ofSeconds(2);
  /** The portal id the pass's probes carry (no portal of a fleet can have it: ids are letters, digits and dashes). */
  public static final String PASS_PORTAL = "(warm-up)";
  /**
   * The pass's probes, at most: each probe loop gets several, in waves of two per loop. {@code
   * -Ddvc.probe.warmUpProbes=N} changes it, 0 turns the pass off (a comparison run of docs/PERFORMANCE.md's P2-truth).
   */
  public static final int PASS_PROBES = Math.max(0, Integer.getInteger("dvc.probe.warmUpProbes", 24));

  /**
   * What one warm-up pass did: the probes it started, how many were UP (every part of the path ran), how long it
   * took from its start to its end (the bound at most), and why it ended early or did not run ({@code note}, null
   * when every probe ran). Nothing else of the pass is kept.
   */
  public record Pass(int probes, int up, Duration took, Instant ended, String note) {
    /** One line for the log. */
    public String describe() {
      String what = probes + " probe" + (probes == 1 ? "" : "s") + " of a loopback page, " + up + " UP, in "
          + took.toMillis() + " ms";
      return note == null ? what : what + " (" + note + ")";
    }
  }

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
