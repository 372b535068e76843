package vn.dvcwatch.app;

import vn.dvcwatch.result.Cause;
import vn.dvcwatch.result.CertificateProblem;
import vn.dvcwatch.result.ProbeResult;

/**
 * The detail the portals' pages and the alert show beside cause {@code certificate}: the problems a
 * browser refuses the certificate for, in Vietnamese ("chứng chỉ đã hết hạn"). Null for any other result.
 */
final class CertificateDetail {
  private CertificateDetail() {}

  static String of(ProbeResult r) {
    return r == null || r.tls() == null || !Cause.CERTIFICATE.equals(r.cause()) ? null
        : CertificateProblem.describe(r.tls().refusals());
  }
}
