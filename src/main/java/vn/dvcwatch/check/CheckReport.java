package vn.dvcwatch.check;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import vn.dvcwatch.result.Cause;
import vn.dvcwatch.result.CertificateProblem;
import vn.dvcwatch.result.HeaderPosture;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.PagePosture;
import vn.dvcwatch.result.Phases;
import vn.dvcwatch.result.PostureJson;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.TlsPosture;

/**
 * The {@code check} command's output (docs/API.md): the JSON object whose field names are a contract for
 * scripts, and the readable Vietnamese report a portal team reads while fixing their site.
 */
public final class CheckReport {
  private CheckReport() {}

  public static JsonObject json(ProbeResult r, Double score, String grade, JsonArray breakdownOrNull) {
    return json(r, null, score, grade, breakdownOrNull);
  }

  /** With {@code error}, the technical detail of a failure ({@link Prober#lastError}). */
  public static JsonObject json(ProbeResult r, String error, Double score, String grade, JsonArray breakdownOrNull) {
    return new JsonObject()
        .put("url", r.url())
        .put("target", r.target().label())
        .put("startedAt", r.startedAt().toString())
        .put("outcome", r.outcome().name())
        .put("cause", r.cause())
        .put("error", error)
        .put("status", r.status())
        .put("redirects", r.redirects())
        .put("bytes", r.bytes())
        .put("phases", PostureJson.phases(r.phases()))
        .put("tls", PostureJson.tls(r.tls()))
        .put("headers", PostureJson.headers(r.headers()))
        .put("page", PostureJson.page(r.page()))
        .put("score", score)
        .put("grade", grade)
        .put("breakdown", breakdownOrNull)
        .put("fix", new JsonArray(FixHints.of(r)));
  }

  public static String text(ProbeResult r, Double score, String grade, JsonArray breakdownOrNull) {
    return text(r, null, score, grade, breakdownOrNull);
  }

  /** With {@code error}, the technical detail of a failure ({@link Prober#lastError}). */
  public static String text(ProbeResult r, String error, Double score, String grade, JsonArray breakdownOrNull) {
    StringBuilder s = new StringBuilder();
    s.append("Kiểm tra ").append(r.url()).append('\n');
    s.append("  Kết quả: ").append(outcome(r.outcome()));
    if (r.cause() != null) {
      s.append(" (nguyên nhân: ").append(Cause.CERTIFICATE.equals(r.cause()) ? "lỗi chứng chỉ" : r.cause()).append(')');
    }
    s.append(r.status() == null ? "" : ", HTTP " + r.status());
    s.append(r.redirects() > 0 ? ", " + r.redirects() + " lần chuyển hướng" : "").append('\n');
    if (error != null) {
      s.append("  Chi tiết: ").append(FailureWords.vi(error)).append('\n'); // --json keeps the library's words
    }
    if (score != null) {
      s.append(String.format(Locale.ROOT, "  Điểm: %.1f/100, hạng %s%n", score, grade));
    }
    Phases p = r.phases();
    s.append("\nThời gian (ms)\n");
    line(s, "DNS", ms(p.dns()));
    line(s, "Kết nối TCP", ms(p.connect()));
    line(s, "Bắt tay TLS", ms(p.tls()));
    line(s, "Chờ byte đầu (TTFB)", ms(p.ttfb()));
    line(s, "Tải nội dung", ms(p.transfer()));
    line(s, "Tổng", ms(p.total()));
    line(s, "Dung lượng", r.bytes() + " byte");
    TlsPosture t = r.tls();
    if (t != null) {
      s.append("\nTLS\n");
      // Never the JDK's English reason inside Vietnamese text: the problems are named in Vietnamese.
      List<String> refusals = t.refusals();
      line(s, "Trình duyệt chấp nhận", refusals.isEmpty() ? "có"
          : "không (" + CertificateProblem.describe(refusals) + ")");
      line(s, "Chuỗi chứng chỉ tin cậy", yes(t.trusted()));
      line(s, "Khớp tên miền", yes(t.hostnameMatch()));
      line(s, "Còn hạn", t.daysLeft() == null ? "—" : t.daysLeft() < 0
          ? "không, đã hết hạn " + -t.daysLeft() + " ngày (lúc " + t.notAfter() + ")"
          : t.daysLeft() + " ngày (đến " + t.notAfter() + ")");
      line(s, "Giao thức / bộ mã", t.protocol() + " / " + t.cipher());
      line(s, "Khóa / chữ ký", t.keyType() + " " + t.keyBits() + " bit / " + t.signatureAlgorithm());
      line(s, "Forward secrecy", yes(t.forwardSecrecy()));
      line(s, "Còn nhận TLS 1.0/1.1", t.legacyProtocols() == null ? "chưa kiểm tra"
          : t.legacyProtocols().isEmpty() ? "không" : String.join(", ", t.legacyProtocols()));
    }
    HeaderPosture h = r.headers();
    if (h != null) {
      s.append("\nTiêu đề bảo mật HTTP\n");
      line(s, "HSTS (≥ 180 ngày)", yes(h.hsts()));
      line(s, "Content-Security-Policy", yes(h.csp()));
      line(s, "Chống nhúng khung", yes(h.xFrameOptions()));
      line(s, "X-Content-Type-Options", yes(h.xContentTypeOptions()));
      line(s, "Referrer-Policy", yes(h.referrerPolicy()));
      line(s, "Lộ phiên bản máy chủ", yes(h.serverVersionLeak()));
      line(s, "Cookie", h.cookies() + " (thiếu Secure " + h.cookiesWithoutSecure() + ", HttpOnly "
          + h.cookiesWithoutHttpOnly() + ", SameSite " + h.cookiesWithoutSameSite() + ")");
    }
    PagePosture g = r.page();
    if (g != null) {
      s.append("\nTrang\n");
      line(s, "Khai báo ngôn ngữ", yes(g.lang()));
      line(s, "Tiêu đề", yes(g.title()));
      line(s, "Meta viewport", yes(g.viewport()) + (g.zoomBlocked() ? " (chặn phóng to)" : ""));
      line(s, "Ảnh thiếu alt", String.valueOf(g.imagesWithoutAlt()));
      line(s, "Ô nhập thiếu nhãn", String.valueOf(g.unlabeledFields()));
      line(s, "Liên kết không tên", String.valueOf(g.linksWithoutName()));
      line(s, "Chính sách dữ liệu cá nhân", yes(g.privacyPolicyLink()));
    }
    if (breakdownOrNull != null && !breakdownOrNull.isEmpty()) {
      s.append("\nChi tiết điểm\n");
      for (int i = 0; i < breakdownOrNull.size(); i++) {
        JsonObject c = breakdownOrNull.getJsonObject(i);
        s.append(String.format(Locale.ROOT, "  %-28s %5.1f/%-4s %s%n", c.getString("id"), c.getDouble("points"),
            c.getValue("max"), c.getString("measurement", "")));
      }
    }
    List<String> fix = FixHints.of(r);
    s.append("\nCần sửa\n");
    if (fix.isEmpty()) {
      s.append("  Không có gì cần sửa.\n");
    }
    fix.forEach(f -> s.append("  - ").append(f).append('\n'));
    return s.toString();
  }

  private static String outcome(Outcome o) {
    return switch (o) {
      case UP -> "HOẠT ĐỘNG (UP)";
      case DEGRADED -> "SUY GIẢM (DEGRADED)";
      case DOWN -> "NGỪNG HOẠT ĐỘNG (DOWN)";
    };
  }

  private static void line(StringBuilder s, String label, String value) {
    s.append(String.format("  %-28s %s%n", label, value));
  }

  private static String ms(Double v) {
    return v == null ? "—" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String yes(boolean b) {
    return b ? "có" : "không";
  }
}
