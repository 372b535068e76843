package vn.dvcwatch.check;

import java.util.ArrayList;
import java.util.List;
import vn.dvcwatch.result.Cause;
import vn.dvcwatch.result.CertificateProblem;
import vn.dvcwatch.result.HeaderPosture;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.PagePosture;
import vn.dvcwatch.result.Phases;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.TlsPosture;

/**
 * What a portal team should fix, one Vietnamese line per finding of a probe, most urgent first. The
 * thresholds are those of docs/PROBING.md and docs/SCORING.md (A: response under 0.2 s, page under 2.5 s; HSTS of 180 days).
 */
public final class FixHints {
  private FixHints() {}

  public static List<String> of(ProbeResult r) {
    List<String> fix = new ArrayList<>();
    if (r.cause() != null && r.outcome() != Outcome.UP) {
      fix.add(outage(r.cause()));
    }
    if (!r.https()) {
      fix.add("Trang không dùng HTTPS: bật HTTPS và chuyển mọi yêu cầu http:// sang https://.");
    }
    if (r.tls() != null) {
      tls(r.tls(), fix);
    }
    if (r.headers() != null) {
      headers(r.headers(), r.https(), fix);
    }
    if (r.page() != null) {
      page(r.page(), fix);
    }
    Phases p = r.phases();
    if (r.outcome() != Outcome.DOWN && p.ttfb() != null && p.ttfb() > 200) {
      fix.add(String.format("Máy chủ phản hồi sau %.0f ms (mức A: dưới 200 ms): kiểm tra bộ đệm, truy vấn cơ sở dữ liệu"
          + " và tải máy chủ.", p.ttfb()));
    }
    if (r.outcome() != Outcome.DOWN && p.total() != null && p.total() > 2500) {
      fix.add(String.format("Tải trang mất %.1f s (mức A: dưới 2,5 s): giảm dung lượng trang, nén gzip, dùng CDN.",
          p.total() / 1000));
    }
    return fix;
  }

  static String outage(String cause) {
    return switch (cause) {
      case Cause.DNS -> "Không phân giải được tên miền: kiểm tra bản ghi DNS (A/AAAA) và máy chủ tên miền.";
      case Cause.CONNECT -> "Không kết nối được tới máy chủ: kiểm tra máy chủ web, tường lửa và cổng 443/80.";
      case Cause.TLS -> "Bắt tay TLS thất bại: bật TLS 1.2 và TLS 1.3 với bộ mã hóa hiện đại.";
      case Cause.TIMEOUT -> "Trang không trả lời trọn vẹn trong thời hạn: kiểm tra tải máy chủ và ứng dụng.";
      case Cause.HTTP_5XX -> "Máy chủ trả lỗi 5xx: xem nhật ký lỗi của ứng dụng.";
      case Cause.HTTP_4XX -> "Trang trả lỗi 4xx: kiểm tra đường dẫn (trang đã bị xóa hoặc đổi địa chỉ?).";
      case Cause.BODY_TOO_LARGE -> "Trang quá lớn: giảm dung lượng HTML.";
      case Cause.DECOMPRESSION -> "Nội dung nén giải nén ra quá lớn: kiểm tra cấu hình nén.";
      case Cause.REDIRECT_LOOP -> "Chuyển hướng vòng lặp hoặc quá nhiều lần: sửa cấu hình chuyển hướng.";
      case Cause.MALFORMED -> "Phản hồi HTTP sai định dạng hoặc phần đầu quá lớn: kiểm tra máy chủ/proxy.";
      case Cause.RESET -> "Máy chủ ngắt kết nối trước khi trả lời: kiểm tra máy chủ web và thiết bị cân bằng tải.";
      case Cause.BODY -> "Nội dung trang bị cắt ngang: kiểm tra máy chủ web và proxy.";
      case Cause.SLOW -> "Trang chậm tới mức không còn điểm hiệu năng: kiểm tra tải máy chủ và dung lượng trang.";
      case Cause.CERTIFICATE -> "Trình duyệt chặn trang vì lỗi chứng chỉ: người dân không vào được cổng; sửa chứng chỉ"
          + " theo các mục dưới đây.";
      default -> "Trang không hoạt động bình thường (" + cause + ").";
    };
  }

  private static void tls(TlsPosture t, List<String> fix) {
    if (t.expired()) {
      fix.add("Chứng chỉ đã hết hạn " + -t.daysLeft() + " ngày: gia hạn ngay.");
    }
    if (t.problems().contains(CertificateProblem.NOT_YET_VALID)) {
      fix.add("Chứng chỉ chưa đến ngày hiệu lực: kiểm tra đồng hồ máy chủ và ngày bắt đầu của chứng chỉ.");
    }
    if (!t.trusted()) {
      String why = t.problems().contains(CertificateProblem.SELF_SIGNED) ? "chứng chỉ tự ký" : "chuỗi chứng chỉ không"
          + " dẫn tới tổ chức cấp được tin cậy";
      fix.add("Chứng chỉ không được tin cậy (" + why + "): dùng chứng chỉ do CA được công nhận cấp"
          + " và gửi kèm đủ chứng chỉ trung gian.");
    }
    if (t.problems().contains(CertificateProblem.REVOKED)) {
      fix.add("Chứng chỉ đã bị thu hồi (theo phản hồi OCSP máy chủ gửi kèm khi bắt tay): xin cấp chứng chỉ mới"
          + " và thay ngay.");
    }
    if (t.problems().contains(CertificateProblem.SHA1_SIGNATURE)) {
      fix.add("Chứng chỉ ký bằng SHA-1, trình duyệt đã ngừng chấp nhận: cấp lại chứng chỉ ký SHA-256.");
    }
    if (!t.expired() && t.daysLeft() != null && t.daysLeft() < 30) {
      fix.add("Chứng chỉ hết hạn sau " + t.daysLeft() + " ngày: gia hạn sớm, nên tự động hóa (ACME).");
    }
    if (!t.hostnameMatch()) {
      fix.add("Chứng chỉ không khớp tên miền: cấp lại chứng chỉ có tên miền này trong subjectAltName.");
    }
    if (t.legacyProtocols() != null && !t.legacyProtocols().isEmpty()) {
      fix.add("Tắt giao thức cũ " + String.join(", ", t.legacyProtocols()) + ": chỉ để TLS 1.2 và TLS 1.3.");
    }
    if (!t.forwardSecrecy()) {
      fix.add("Bật bộ mã hóa có forward secrecy (ECDHE) và ưu tiên chúng.");
    }
    if ("RSA".equals(t.keyType()) && t.keyBits() != null && t.keyBits() < 2048) {
      fix.add("Khóa RSA " + t.keyBits() + " bit quá ngắn: dùng RSA 2048 bit trở lên hoặc ECDSA P-256.");
    }
  }

  private static void headers(HeaderPosture h, boolean https, List<String> fix) {
    if (Boolean.FALSE.equals(h.httpsRedirect())) {
      fix.add("http:// không chuyển sang https://: thêm chuyển hướng 301.");
    }
    if (https && !h.hsts()) {
      fix.add("Thêm Strict-Transport-Security: max-age=31536000 (ít nhất 180 ngày).");
    }
    if (!h.csp()) {
      fix.add("Thêm Content-Security-Policy để hạn chế mã độc chèn vào trang.");
    } else if (h.cspUnsafeInline()) {
      fix.add("Content-Security-Policy còn 'unsafe-inline': chuyển mã nội tuyến ra tệp riêng hoặc dùng nonce.");
    }
    if (!h.xFrameOptions()) {
      fix.add("Thêm X-Frame-Options: SAMEORIGIN (hoặc frame-ancestors trong CSP) để chống clickjacking.");
    }
    if (!h.xContentTypeOptions()) {
      fix.add("Thêm X-Content-Type-Options: nosniff.");
    }
    if (!h.referrerPolicy()) {
      fix.add("Thêm Referrer-Policy: strict-origin-when-cross-origin.");
    }
    if (h.serverVersionLeak()) {
      fix.add("Ẩn phiên bản phần mềm trong tiêu đề Server / X-Powered-By.");
    }
    int badCookies = Math.max(h.cookiesWithoutSecure(), Math.max(h.cookiesWithoutHttpOnly(), h.cookiesWithoutSameSite()));
    if (badCookies > 0) {
      fix.add(badCookies + " cookie thiếu cờ Secure, HttpOnly hoặc SameSite: đặt đủ các cờ này.");
    }
    if (h.mixedContent()) {
      fix.add("Trang HTTPS tải tài nguyên qua http:// (nội dung hỗn hợp): chuyển tất cả sang https://.");
    }
  }

  private static void page(PagePosture p, List<String> fix) {
    if (!p.lang()) {
      fix.add("Khai báo ngôn ngữ trang: <html lang=\"vi\">.");
    }
    if (!p.title()) {
      fix.add("Thêm thẻ <title> mô tả trang.");
    }
    if (!p.viewport()) {
      fix.add("Thêm <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"> cho điện thoại.");
    }
    if (p.zoomBlocked()) {
      fix.add("Không chặn phóng to: bỏ user-scalable=no và maximum-scale=1 trong meta viewport.");
    }
    if (p.imagesWithoutAlt() > 0) {
      fix.add(p.imagesWithoutAlt() + " ảnh thiếu thuộc tính alt: thêm mô tả (alt=\"\" cho ảnh trang trí).");
    }
    if (p.unlabeledFields() > 0) {
      fix.add(p.unlabeledFields() + " ô nhập liệu thiếu nhãn: thêm <label for> hoặc aria-label.");
    }
    if (p.linksWithoutName() > 0) {
      fix.add(p.linksWithoutName() + " liên kết không có tên: thêm chữ hoặc aria-label.");
    }
    if (p.metaRefresh()) {
      fix.add("Bỏ meta refresh tự động tải lại hoặc chuyển trang.");
    }
    if (!p.privacyPolicyLink()) {
      fix.add("Thêm liên kết tới chính sách bảo vệ dữ liệu cá nhân (tiêu chí đánh giá năm 2024).");
    }
  }
}
