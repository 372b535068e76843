package vn.dvcwatch.alert;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import vn.dvcwatch.result.Cause;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.registry.Vietnam;

/** The Vietnamese words, times and numbers that alert templates are built from. Pure functions. */
final class VietnameseText {
  static final ZoneId VIETNAM = Vietnam.ZONE;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy").withZone(VIETNAM);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(VIETNAM);

  private static final Map<String, String> CAUSES = Map.ofEntries(
      Map.entry(Cause.DNS, "lỗi phân giải tên miền"),
      Map.entry(Cause.CONNECT, "không kết nối được"),
      Map.entry(Cause.TLS, "lỗi TLS"),
      Map.entry(Cause.TIMEOUT, "quá thời gian chờ"),
      Map.entry(Cause.HTTP_5XX, "lỗi máy chủ (5xx)"),
      Map.entry(Cause.HTTP_4XX, "lỗi yêu cầu (4xx)"),
      Map.entry(Cause.BODY, "nội dung trang bị lỗi"),
      Map.entry(Cause.BODY_TOO_LARGE, "trang quá lớn"),
      Map.entry(Cause.DECOMPRESSION, "dữ liệu nén bất thường"),
      Map.entry(Cause.REDIRECT_LOOP, "vòng lặp chuyển hướng"),
      Map.entry(Cause.MALFORMED, "phản hồi sai định dạng"),
      Map.entry(Cause.RESET, "kết nối bị ngắt giữa chừng"),
      Map.entry(Cause.SLOW, "phản hồi quá chậm"),
      Map.entry(Cause.CERTIFICATE, "lỗi chứng chỉ"));

  private VietnameseText() {}

  /** The cause in words; an unknown or missing cause is still said as a loss of connection. */
  static String cause(String cause) {
    return cause == null ? "mất kết nối" : CAUSES.getOrDefault(cause, "mất kết nối (" + cause + ")");
  }

  /** Why an alert was not sent, in words (the reasons are {@link AlertRouter}'s). */
  static String suppression(String reason) {
    return switch (reason) {
      case AlertRouter.MAINTENANCE -> "đang bảo trì";
      case AlertRouter.FLAPPING -> "cổng chập chờn";
      case AlertRouter.NETWORK -> "mạng của máy giám sát có sự cố";
      case AlertRouter.NO_RECIPIENTS -> "không có người nhận";
      case AlertRouter.NO_DATA -> "tháng chưa có dữ liệu giám sát";
      default -> reason;
    };
  }

  static String target(Target t) {
    return t == null ? "trang chủ" : t == Target.EFORM ? "trang biểu mẫu điện tử (eForm)" : "trang chủ";
  }

  /** "Cổng DVC Thành phố Hà Nội", unless the registry's name already says it is a portal. */
  static String portal(Portal p) {
    String n = p.name() == null || p.name().isBlank() ? p.id() : p.name().trim();
    return n.regionMatches(true, 0, "Cổng", 0, 4) ? n : "Cổng DVC " + n;
  }

  /** "14:05 ngày 24/11/2026 (giờ Việt Nam)". */
  static String time(Instant at) {
    return TIME.format(at) + " (giờ Việt Nam)";
  }

  static String date(Instant at) {
    return DATE.format(at);
  }

  /** "1 giờ 5 phút", "2 ngày 3 giờ", "12 phút", "dưới 1 phút"; rounded to the minute. */
  static String duration(Duration d) {
    long minutes = Math.round(Math.max(0, d.toMillis()) / 60_000.0);
    if (minutes < 1) {
      return "dưới 1 phút";
    }
    long days = minutes / 1440;
    long hours = minutes % 1440 / 60;
    long mins = minutes % 60;
    StringBuilder sb = new StringBuilder();
    if (days > 0) {
      sb.append(days).append(" ngày");
    }
    if (hours > 0) {
      sb.append(sb.isEmpty() ? "" : " ").append(hours).append(" giờ");
    }
    if (mins > 0) {
      sb.append(sb.isEmpty() ? "" : " ").append(mins).append(" phút");
    }
    return sb.toString();
  }

  /** A number with a decimal comma, as Vietnamese writes it: 14,4. */
  static String number(double v) {
    DecimalFormat f = new DecimalFormat("0.#", DecimalFormatSymbols.getInstance(Locale.forLanguageTag("vi-VN")));
    return f.format(v);
  }

  static String percent(double fraction) {
    return number(Math.round(fraction * 1000) / 10.0) + " %";
  }

  static String html(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
