package vn.dvcwatch.grade;

import java.util.ArrayList;
import java.util.List;
import vn.dvcwatch.grade.ScoringModel.Caps;
import vn.dvcwatch.result.TlsPosture;

/**
 * The two caps of docs/SCORING.md: without HTTPS a portal cannot score above E (49), and with a certificate a
 * browser refuses it cannot score above D (64), however fast it is. Each applied cap is a scorecard row
 * with negative points, so the rows still add up to the score.
 */
final class ScoreCaps {
  static final String NO_HTTPS = "cap.no_https";
  static final String INVALID_CERT = "cap.invalid_certificate";

  private final Caps caps;

  ScoreCaps(Caps caps) {
    this.caps = caps;
  }

  /** Cap rows for the conditions that hold, strictest first; a cap that does not bite has 0 points. */
  List<Criterion> apply(Measurements m, long rawCenti) {
    List<Criterion> out = new ArrayList<>(2);
    long current = rawCenti;
    if (!m.https()) {
      current = cap(out, NO_HTTPS, current, caps.noHttps(), "trang chủ không dùng HTTPS",
          new Hint("Không có HTTPS nên điểm tối đa là " + Points.fmt(caps.noHttps())
              + ": triển khai HTTPS cho toàn bộ cổng.",
              "No HTTPS caps the score at " + Points.fmt(caps.noHttps()) + ": serve the whole portal over HTTPS."));
    }
    if (invalid(m.homeTls()) || invalid(m.eformTls())) {
      cap(out, INVALID_CERT, current, caps.invalidCertificate(), "chứng chỉ số không hợp lệ",
          new Hint("Chứng chỉ số không hợp lệ nên điểm tối đa là " + Points.fmt(caps.invalidCertificate())
              + ": thay chứng chỉ còn hạn, đúng tên miền, do tổ chức tin cậy cấp.",
              "An invalid certificate caps the score at " + Points.fmt(caps.invalidCertificate())
                  + ": install a trusted, unexpired certificate for this host name."));
    }
    return out;
  }

  private static boolean invalid(TlsPosture t) {
    return t != null && !t.valid();
  }

  private static long cap(List<Criterion> out, String id, long current, double limit, String why, Hint hint) {
    long limitCenti = Points.centi(limit);
    long reduction = Math.max(0, current - limitCenti);
    out.add(new Criterion(id, "cap", Points.of(-reduction), limit,
        why + ": " + Points.fmt(Points.of(current)) + " → tối đa " + Points.fmt(limit), hint.vi(), hint.en()));
    return current - reduction;
  }
}
