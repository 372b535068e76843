package vn.dvcwatch.status;

import java.time.Instant;
import vn.dvcwatch.result.Cause;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.ProbeResult;

/**
 * Consecutive results of one page of one portal, and the two confirmed conditions they lead to: failing
 * (confirmDown DOWN results in a row, cleared by confirmUp non-DOWN ones) and impaired (the same for any
 * result that is not UP). A single bad probe changes nothing.
 */
final class TargetStreak {
  int down;
  int notUp;
  int notDown;
  int up;
  boolean failing;
  boolean impaired;
  Instant firstFailure;
  /** The start of the latest failed probe. */
  Instant lastFailure;
  Instant firstRecovery;
  String cause;
  Outcome last;
  /** Whether a DOWN result of the current run of failures had cause {@code certificate}. */
  private boolean refusedCertificate;
  /**
   * Whether no server answered the latest DOWN result: only then may our own network be the cause (a run
   * that began with a slow server's timeouts and goes on with refused connections is judged on the latter).
   */
  private boolean lastUnanswered;

  void add(ProbeResult r, int confirmDown, int confirmUp) {
    last = r.outcome();
    boolean isDown = r.outcome() == Outcome.DOWN;
    boolean isUp = r.outcome() == Outcome.UP;
    if (isDown) {
      if (down == 0) {
        firstFailure = r.startedAt();
        refusedCertificate = false;
      }
      lastUnanswered = FleetCheck.unanswered(r);
      lastFailure = r.startedAt();
      down++;
      notDown = 0;
      firstRecovery = null;
      refusedCertificate |= Cause.CERTIFICATE.equals(r.cause());
      // A run of failures in which the page showed a certificate a browser refuses is a certificate
      // outage, even when the probe that confirms it timed out before the handshake: a citizen who gets
      // through sees the warning, and the owner must be paged with the certificate alert.
      cause = refusedCertificate ? Cause.CERTIFICATE : r.cause();
    } else {
      if (notDown == 0) {
        firstRecovery = r.startedAt();
      }
      notDown++;
      down = 0;
    }
    if (isUp) {
      up++;
      notUp = 0;
    } else {
      up = 0;
      notUp++;
      if (!isDown) {
        cause = r.cause();
      }
    }
    if (down >= confirmDown) {
      failing = true;
    } else if (failing && notDown >= confirmUp) {
      failing = false;
    }
    if (notUp >= confirmDown) {
      impaired = true;
    } else if (impaired && up >= confirmUp) {
      impaired = false;
    }
  }

  /**
   * Drops the current run of failures (they were our own network's): the page must fail again to be
   * failing. {@code impairedToo}: also drop the not-UP run (unless the page was shown DEGRADED before).
   */
  void forgetFailures(boolean impairedToo) {
    down = 0;
    notDown = 0;
    failing = false;
    firstFailure = null;
    lastFailure = null;
    firstRecovery = null;
    refusedCertificate = false;
    lastUnanswered = false;
    if (impairedToo) {
      notUp = 0;
      impaired = false;
    }
  }

  /** The latest failure got no answer from the server: our network may be the cause. */
  boolean lastFailureUnanswered() {
    return lastUnanswered;
  }

  /** A failure seen but not yet confirmed, or a recovery begun but not yet confirmed. */
  boolean unsettled(int confirmDown, int confirmUp) {
    return (down > 0 && down < confirmDown) || (notUp > 0 && notUp < confirmDown && !impaired)
        || (failing && notDown > 0 && notDown < confirmUp) || (impaired && up > 0 && up < confirmUp);
  }
}
