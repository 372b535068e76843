package vn.dvcwatch.probe;

/**
 * The outcome class of one finished probe (docs/PROBING.md). A certificate problem does not change the outcome:
 * the page was served, and the certificate is judged in the TLS posture and the score, where it caps the
 * grade; otherwise every portal with an expired certificate would be paged as an outage.
 */
final class Verdict {
  record Judged(Outcome outcome, String cause) {}

  private Verdict() {}

  static Judged of(Target target, String failure, Integer status, Double totalMillis, long slowMillis) {
    if (failure != null) {
      return new Judged(Outcome.DOWN, failure);
    }
    if (status != null && status >= 500) {
      return new Judged(Outcome.DOWN, Cause.HTTP_5XX);
    }
    if (status != null && status >= 400) {
      // A homepage answering 404 is not serving citizens; a procedure page gone 404 is a partial failure.
      return new Judged(target == Target.EFORM ? Outcome.DEGRADED : Outcome.DOWN, Cause.HTTP_4XX);
    }
    if (totalMillis != null && totalMillis > slowMillis) {
      return new Judged(Outcome.DEGRADED, Cause.SLOW);
    }
    return new Judged(Outcome.UP, null);
  }
}
