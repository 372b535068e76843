package vn.dvcwatch.app;

import vn.dvcwatch.result.Cause;
import vn.dvcwatch.result.CertificateProblem;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.TlsPosture;

/**
 * The detail the portals' pages and the alert show beside cause {@code certificate}: the problems a
 * browser refuses the certificate for, in Vietnamese ("chứng chỉ đã hết hạn"). Null for any other result.
 */
final class CertificateDetail {
  private CertificateDetail() {}

  static String of(ProbeResult r) {
    return r == null || !Cause.CERTIFICATE.equals(r.cause()) ? null : refusals(r.tls());
  }

  /** What a browser refuses this certificate for, in Vietnamese, whatever the result's cause; null if accepted. */
  static String refusals(TlsPosture tls) {
    return tls == null ? null : CertificateProblem.describe(tls.refusals());
  }
}
