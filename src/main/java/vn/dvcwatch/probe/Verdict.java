package vn.dvcwatch.probe;

import vn.dvcwatch.result.Cause;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.Phases;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.result.TlsPosture;

/**
 * The outcome class of one finished probe (docs/PROBING.md). A certificate a browser refuses comes first among
 * the answers: the server may have served the page, but a citizen sees a full-page warning instead, so
 * the page is {@code probe.certificateFailure} (DOWN by default) with cause {@code certificate}. With DOWN it
 * comes before a failure after the handshake too (the request timed out, the connection was reset): the
 * browser never sent that request, and the page's outage is its certificate. A slow
 * page is DEGRADED {@code slow} from the line where the score gives no more performance points: TTFB at
 * {@code probe.slowTtfb} (1.8 s, the score's TTFB zero-point) or total at {@code probe.slowThreshold}.
 */
final class Verdict {
  record Judged(Outcome outcome, String cause) {}

  /** The lines of one prober: when an answer is slow, and what a refused certificate makes of it. */
  record Lines(long slowTotalMillis, long slowTtfbMillis, CertificateFailure certificateFailure) {
    static Lines of(ProbeSettings s) {
      return new Lines(s.slowThreshold().toMillis(), s.slowTtfb().toMillis(), s.certificateFailure());
    }
  }

  private Verdict() {}

  static Judged of(Target target, String failure, Integer status, Phases phases, TlsPosture tls, Lines lines) {
    boolean refused = tls != null && !tls.browserAccepts();
    Outcome refusedAs = lines.certificateFailure().outcome();
    if (refused && refusedAs == Outcome.DOWN) {
      // Before any failure that came after the handshake (a timeout, a reset, a broken body): a browser
      // stops at the certificate, so what followed is only seen by a client that ignores the warning.
      return new Judged(Outcome.DOWN, Cause.CERTIFICATE);
    }
    if (failure != null) {
      return new Judged(Outcome.DOWN, failure);
    }
    if (refused) {
      return new Judged(refusedAs, Cause.CERTIFICATE);
    }
    if (status != null && status >= 500) {
      return new Judged(Outcome.DOWN, Cause.HTTP_5XX);
    }
    if (status != null && status >= 400) {
      // A homepage answering 404 is not serving citizens; a procedure page gone 404 is a partial failure.
      return new Judged(target == Target.EFORM ? Outcome.DEGRADED : Outcome.DOWN, Cause.HTTP_4XX);
    }
    if (phases.total() != null && phases.total() >= lines.slowTotalMillis()
        || phases.ttfb() != null && phases.ttfb() >= lines.slowTtfbMillis()) {
      return new Judged(Outcome.DEGRADED, Cause.SLOW);
    }
    return new Judged(Outcome.UP, null);
  }
}
