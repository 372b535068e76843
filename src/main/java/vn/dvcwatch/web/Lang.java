package vn.dvcwatch.web;

import java.util.Map;

/** The two languages of the server-rendered pages: Vietnamese by default, English on {@code ?lang=en}. */
enum Lang {
  VI("vi", Map.ofEntries(
      Map.entry("title", "Trạng thái Cổng Dịch vụ công"),
      Map.entry("board", "Bảng xếp hạng trực tiếp"),
      Map.entry("other", "English"),
      Map.entry("summary", "%d hoạt động · %d chậm · %d ngừng"),
      Map.entry("fleetMap", "Bản đồ hành chính năm %s · %d cổng"),
      Map.entry("updated", "Cập nhật lúc"),
      Map.entry("network", "Trạm giám sát đang gặp sự cố mạng: các kết quả đỏ lúc này có thể do chính trạm, không phải do cổng."),
      Map.entry("problems", "Đang gặp sự cố"),
      Map.entry("noProblems", "Tất cả các cổng đang hoạt động."),
      Map.entry("all", "Tất cả các cổng"),
      Map.entry("rank", "Hạng"),
      Map.entry("portal", "Cổng"),
      Map.entry("status", "Trạng thái"),
      Map.entry("grade", "Xếp loại"),
      Map.entry("score", "Điểm"),
      Map.entry("uptime30", "Hoạt động 30 ngày"),
      Map.entry("UP", "Hoạt động"),
      Map.entry("DEGRADED", "Chậm"),
      Map.entry("DOWN", "Ngừng"),
      Map.entry("UNKNOWN", "Chưa rõ"),
      Map.entry("embedTitle", "Nhúng vào trang của bạn"),
      Map.entry("embedHelp", "Dán đoạn mã sau vào bài viết để hiển thị trạng thái trực tiếp (tiện ích nhỏ, không dùng cookie)."),
      Map.entry("embedCode", "Mã nhúng tiện ích"),
      Map.entry("badgeCode", "Mã huy hiệu xếp loại của một cổng (thay ha-noi bằng mã cổng)"),
      Map.entry("more", "Xem chi tiết"),
      Map.entry("up", "cổng hoạt động"),
      Map.entry("privacy", "Chính sách quyền riêng tư"),
      Map.entry("feedTitle", "Sự cố Cổng Dịch vụ công — dvc-watch"),
      Map.entry("feedDown", "%s: ngừng hoạt động (%s)"),
      Map.entry("feedUp", "%s: đã hoạt động trở lại sau %d phút"),
      Map.entry("feedFrom", "%s ngừng hoạt động từ %s, nguyên nhân: %s."),
      Map.entry("feedTo", "Hoạt động trở lại lúc %s."),
      Map.entry("feedLink", "Nhận tin sự cố (Atom)"),
      Map.entry("cause_dns", "lỗi phân giải tên miền"), Map.entry("cause_connect", "không kết nối được"),
      Map.entry("cause_tls", "lỗi TLS"), Map.entry("cause_certificate", "chứng chỉ không hợp lệ, trình duyệt chặn truy cập"),
      Map.entry("cause_timeout", "quá thời gian chờ"), Map.entry("cause_http_5xx", "lỗi máy chủ (5xx)"),
      Map.entry("cause_http_4xx", "lỗi yêu cầu (4xx)"), Map.entry("cause_body", "nội dung trang lỗi"),
      Map.entry("cause_unknown", "chưa rõ"),
      Map.entry("menu", "Liên kết"),
      Map.entry("description", "Các Cổng Dịch vụ công có đang hoạt động không? Trạng thái trực tiếp, sự cố và xếp loại A–E."),
      Map.entry("embedVariants", "Tuỳ chọn: ?portal=ha-noi (một cổng), ?kind=ministry hoặc ?kind=province, ?theme=dark, ?compact=1 (chỉ sự cố), ?lang=en."),
      Map.entry("measuredAgo", "· số liệu đo %d phút trước"),
      Map.entry("footer", "Số liệu đo tự động bởi dvc-watch; xếp loại theo thang A–E mà Bộ Thông tin và Truyền thông dùng năm 2023 (nay thuộc Bộ Khoa học và Công nghệ)."))),
  EN("en", Map.ofEntries(
      Map.entry("title", "Status of Vietnam's public-service portals"),
      Map.entry("board", "Live ranking"),
      Map.entry("other", "Tiếng Việt"),
      Map.entry("summary", "%d up · %d slow · %d down"),
      Map.entry("fleetMap", "%s administrative map · %d portals"),
      Map.entry("updated", "Updated"),
      Map.entry("network", "The watchdog itself has a network problem: red results right now may be ours, not the portals'."),
      Map.entry("problems", "Having problems"),
      Map.entry("noProblems", "Every portal is up."),
      Map.entry("all", "All portals"),
      Map.entry("rank", "Rank"),
      Map.entry("portal", "Portal"),
      Map.entry("status", "Status"),
      Map.entry("grade", "Grade"),
      Map.entry("score", "Score"),
      Map.entry("uptime30", "Uptime 30 days"),
      Map.entry("UP", "Up"),
      Map.entry("DEGRADED", "Slow"),
      Map.entry("DOWN", "Down"),
      Map.entry("UNKNOWN", "Unknown"),
      Map.entry("embedTitle", "Embed it on your site"),
      Map.entry("embedHelp", "Paste this into an article to show the live status (a small widget, no cookies)."),
      Map.entry("embedCode", "Widget embed code"),
      Map.entry("badgeCode", "Grade badge of one portal (replace ha-noi with the portal's id)"),
      Map.entry("more", "Details"),
      Map.entry("up", "portals up"),
      Map.entry("privacy", "Privacy policy"),
      Map.entry("feedTitle", "Incidents of Vietnam's public-service portals — dvc-watch"),
      Map.entry("feedDown", "%s: down (%s)"),
      Map.entry("feedUp", "%s: back up after %d min"),
      Map.entry("feedFrom", "%s down since %s, cause: %s."),
      Map.entry("feedTo", "Back up at %s."),
      Map.entry("feedLink", "Incident feed (Atom)"),
      Map.entry("cause_dns", "DNS failure"), Map.entry("cause_connect", "connection failed"),
      Map.entry("cause_tls", "TLS error"), Map.entry("cause_certificate", "invalid certificate, browsers refuse the page"),
      Map.entry("cause_timeout", "timed out"), Map.entry("cause_http_5xx", "server error (5xx)"),
      Map.entry("cause_http_4xx", "client error (4xx)"), Map.entry("cause_body", "broken page body"),
      Map.entry("cause_unknown", "unknown"),
      Map.entry("menu", "Links"),
      Map.entry("description", "Are Vietnam's public-service portals working? Live status, incidents and A–E grades."),
      Map.entry("embedVariants", "Options: ?portal=ha-noi (one portal), ?kind=ministry or ?kind=province, ?theme=dark, ?compact=1 (problems only), ?lang=en."),
      Map.entry("measuredAgo", "· measured %d min ago"),
      Map.entry("footer", "Measured automatically by dvc-watch; grades on the A–E scale the Ministry of Information and Communications used in 2023 (now part of the Ministry of Science and Technology).")));

  final String code;
  private final Map<String, String> text;

  Lang(String code, Map<String, String> text) {
    this.code = code;
    this.text = text;
  }

  String t(String key) {
    return text.getOrDefault(key, key);
  }

  static Lang of(String param) {
    return "en".equalsIgnoreCase(param) ? EN : VI;
  }
}
