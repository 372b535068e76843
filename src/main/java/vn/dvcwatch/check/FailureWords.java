package vn.dvcwatch.check;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The technical detail of a failed probe (the prober's last error of a page) in Vietnamese, for text a person reads
 * (`check`'s report). The detail itself stays as the libraries and the prober word it ("Connection refused",
 * "deadline reached during tls"): it is what `check --json` gives scripts and what a search engine finds.
 * Here each known wording becomes a Vietnamese sentence; a wording not in the table is kept verbatim but
 * labelled as the library's own words, never passed off as part of the Vietnamese text.
 */
public final class FailureWords {
  private record Rule(Pattern pattern, String vietnamese) {}

  private static final List<Rule> RULES = List.of(
      rule("deadline reached before connecting", "hết thời hạn của lần kiểm tra trước khi kịp kết nối"),
      rule("deadline reached during connect", "hết thời hạn khi đang kết nối TCP"),
      rule("deadline reached during tls", "hết thời hạn khi đang bắt tay TLS"),
      rule("deadline reached during waiting for the first byte", "hết thời hạn khi đang chờ byte đầu tiên của trả lời"),
      rule("deadline reached during body", "hết thời hạn khi đang tải nội dung trang"),
      rule("handshake failed: .*(protocol_version|no appropriate protocol|unsupported protocol).*",
          "bắt tay TLS thất bại: máy chủ không dùng TLS 1.2 hoặc 1.3"),
      rule("handshake failed: .*handshake_failure.*", "bắt tay TLS thất bại: máy chủ từ chối mọi bộ mã hóa được đề nghị"),
      rule("handshake failed: .*", "bắt tay TLS thất bại"),
      rule("request not sent: .*", "không gửi được yêu cầu: kết nối đã bị đóng"),
      rule("connection closed before the response was requested", "máy chủ đóng kết nối trước khi nhận yêu cầu"),
      rule("connection closed before the response", "máy chủ đóng kết nối mà không trả lời"),
      rule("connection closed in the middle of the body", "máy chủ đóng kết nối giữa chừng khi đang gửi nội dung"),
      rule("body larger than (\\d+) bytes", "nội dung lớn hơn $1 byte"),
      rule("decompresses to more than (\\d+) bytes", "nội dung giải nén lớn hơn $1 byte"),
      rule("unsupported content encoding (.*)", "kiểu nén nội dung không được hỗ trợ: $1"),
      rule("broken (\\S+) body: .*", "nội dung nén $1 bị hỏng"),
      rule("not an http\\(s\\) URL: (.*)", "không phải địa chỉ http(s): $1"),
      rule("bad Location: (.*)", "tiêu đề Location không hợp lệ: $1"),
      rule("redirect loop back to (.*)", "chuyển hướng vòng quay lại $1"),
      rule("more than (\\d+) redirects", "chuyển hướng quá $1 lần"),
      rule("(\\S+): hosts entry is not an address: (.*)", "mục của $1 trong tệp hosts không phải địa chỉ IP: $2"),
      rule("(\\S+): no address", "tên miền $1 không có địa chỉ"),
      rule("(\\S+): .*(NXDOMAIN|not found|does not exist).*", "tên miền $1 không tồn tại"),
      rule("(\\S+): .*(timed out|timeout).*", "hết thời gian chờ máy chủ DNS khi tra tên miền $1"),
      rule(".*connection refused.*", "máy chủ từ chối kết nối (không có dịch vụ nào nghe ở cổng này)"),
      rule(".*connection timed out.*", "hết thời gian chờ kết nối TCP"),
      rule(".*connection reset.*", "máy chủ cắt ngang kết nối (reset)"),
      rule(".*no route to host.*", "không có đường tới máy chủ"),
      rule(".*network is unreachable.*", "mạng không tới được máy chủ"),
      rule(".*broken pipe.*", "kết nối bị đứt khi đang gửi"));

  private FailureWords() {}

  private static Rule rule(String regex, String vietnamese) {
    return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL), vietnamese);
  }

  /** The detail in Vietnamese, or null for null. Already Vietnamese text (certificate problems) is kept. */
  public static String vi(String detail) {
    if (detail == null || detail.isBlank()) {
      return null;
    }
    for (Rule r : RULES) {
      Matcher m = r.pattern().matcher(detail.trim());
      if (m.matches()) {
        return m.replaceFirst(r.vietnamese().replace("\\", "\\\\"));
      }
    }
    if (isVietnamese(detail)) {
      return detail;
    }
    return "lỗi chưa được phân loại, nguyên văn của thư viện: \"" + detail.trim() + "\"";
  }

  /** Whether the text carries Vietnamese letters (the certificate problems are worded in Vietnamese). */
  private static boolean isVietnamese(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.chars().anyMatch(c -> "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý"
        .indexOf(c) >= 0);
  }
}
