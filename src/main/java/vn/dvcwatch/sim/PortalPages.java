package vn.dvcwatch.sim;

/**
 * The Vietnamese HTML of a simulated portal: a homepage with news and procedures, an eForm (the
 * criminal-record certificate application, Phiếu lý lịch tư pháp), the personal-data policy page and
 * the error pages. What is missing (lang, title, alt text, labels, viewport, the policy link) follows the
 * portal's {@link PageFlags} exactly, so a page check can be compared with the manifest.
 *
 * <p>Pages are built per request instead of cached: a few tens of microseconds each, and no memory held
 * for 10,000 portals.
 */
final class PortalPages {
  static final String EFORM_PATH = "/dich-vu-cong/ly-lich-tu-phap";
  static final String PRIVACY_PATH = "/chinh-sach-bao-ve-du-lieu-ca-nhan";
  static final String PRIVACY_TEXT = "Chính sách bảo vệ dữ liệu cá nhân";

  private static final String[] NEWS = {
      "Hướng dẫn nộp hồ sơ trực tuyến toàn trình",
      "Thông báo tạm dừng hệ thống để bảo trì định kỳ",
      "Triển khai thanh toán lệ phí trực tuyến qua Cổng Dịch vụ công quốc gia",
      "Kết quả đánh giá chỉ số phục vụ người dân, doanh nghiệp",
      "Cấp Phiếu lý lịch tư pháp trên ứng dụng VNeID",
      "Đăng ký khai sinh, thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
      "Công khai danh mục thủ tục hành chính mới ban hành",
      "Tiếp nhận phản ánh, kiến nghị về quy định hành chính",
      "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
      "Hỏi đáp về dịch vụ công trực tuyến một phần và toàn trình",
  };
  private static final String[][] FIELDS = {
      {"ho-ten", "Họ và tên"}, {"ngay-sinh", "Ngày sinh"}, {"so-cccd", "Số định danh cá nhân (CCCD)"},
      {"noi-thuong-tru", "Nơi thường trú"}, {"dien-thoai", "Số điện thoại"}, {"email", "Thư điện tử"},
      {"muc-dich", "Mục đích sử dụng phiếu"},
  };

  private PortalPages() {}

  static String homepage(String portalName, PageFlags f) {
    StringBuilder b = head(portalName, "Trang chủ", f);
    header(b, portalName, f);
    b.append("<main>\n<h2>Tin tức, thông báo</h2>\n<ul class=\"tin-tuc\">\n");
    int withoutAlt = Math.max(0, f.imagesWithoutAlt() - 1); // the logo is the first image without alt
    for (int i = 0; i < NEWS.length; i++) {
      b.append("<li><img src=\"/static/tin-").append(i).append(".png\"");
      if (i >= withoutAlt) {
        b.append(" alt=\"Ảnh minh họa: ").append(NEWS[i]).append('"');
      }
      b.append(" width=\"120\" height=\"80\"><a href=\"/tin-tuc/").append(i).append("\">").append(NEWS[i])
          .append("</a><p>Người dân, doanh nghiệp có thể thực hiện thủ tục tại nhà, theo dõi tình trạng hồ sơ ")
          .append("và nhận kết quả qua dịch vụ bưu chính công ích hoặc trên Cổng Dịch vụ công.</p></li>\n");
    }
    b.append("</ul>\n<h2>Dịch vụ công nổi bật</h2>\n<ul>\n<li><a href=\"").append(EFORM_PATH)
        .append("\">Cấp Phiếu lý lịch tư pháp</a></li>\n<li><a href=\"/dich-vu-cong/khai-sinh\">Đăng ký khai sinh</a></li>\n")
        .append("<li><a href=\"/dich-vu-cong/ho-kinh-doanh\">Đăng ký thành lập hộ kinh doanh</a></li>\n</ul>\n")
        .append("<form action=\"/tra-cuu\" method=\"get\"><label for=\"ma-ho-so\">Tra cứu hồ sơ</label>")
        .append("<input id=\"ma-ho-so\" name=\"ma\" type=\"text\"><button type=\"submit\">Tra cứu</button></form>\n</main>\n");
    return footer(b, portalName, f);
  }

  static String eform(String portalName, PageFlags f) {
    StringBuilder b = head(portalName, "Cấp Phiếu lý lịch tư pháp", f);
    header(b, portalName, f);
    b.append("<main>\n<h2>Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp</h2>\n")
        .append("<form action=\"").append(EFORM_PATH).append("\" method=\"post\">\n");
    for (int i = 0; i < FIELDS.length; i++) {
      String id = FIELDS[i][0];
      String label = FIELDS[i][1];
      if (i < f.unlabeledFields()) {
        b.append("<div><input name=\"").append(id).append("\" type=\"text\" placeholder=\"").append(label)
            .append("\"></div>\n");
      } else {
        b.append("<div><label for=\"").append(id).append("\">").append(label).append("</label><input id=\"")
            .append(id).append("\" name=\"").append(id).append("\" type=\"text\"></div>\n");
      }
    }
    b.append("<button type=\"submit\">Nộp hồ sơ</button>\n</form>\n</main>\n");
    return footer(b, portalName, f);
  }

  static String privacy(String portalName) {
    PageFlags accessible = new PageFlags(true, true, true, false, true, 0, 0);
    StringBuilder b = head(portalName, PRIVACY_TEXT, accessible);
    header(b, portalName, accessible);
    b.append("<main><h2>").append(PRIVACY_TEXT).append("</h2>\n<p>Thực hiện Nghị định 13/2023/NĐ-CP, ")
        .append(portalName).append(" chỉ xử lý dữ liệu cá nhân cần thiết để giải quyết thủ tục hành chính.</p></main>\n");
    return footer(b, portalName, accessible);
  }

  static String error(int status, String portalName) {
    String what = switch (status) {
      case 404 -> "Không tìm thấy trang";
      case 503 -> "Hệ thống đang bảo trì, vui lòng quay lại sau";
      default -> "Lỗi hệ thống, vui lòng thử lại sau";
    };
    return "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>" + status + " — " + what
        + "</title></head>\n<body><h1>" + what + "</h1><p>" + portalName + "</p></body></html>\n";
  }

  private static StringBuilder head(String portalName, String page, PageFlags f) {
    StringBuilder b = new StringBuilder(8192);
    b.append("<!DOCTYPE html>\n").append(f.lang() ? "<html lang=\"vi\">" : "<html>").append("\n<head>\n<meta charset=\"utf-8\">\n");
    if (f.viewport()) {
      b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1")
          .append(f.zoomBlocked() ? ", maximum-scale=1, user-scalable=no" : "").append("\">\n");
    }
    if (f.title()) {
      b.append("<title>").append(page).append(" — Cổng Dịch vụ công ").append(portalName).append("</title>\n");
    }
    return b.append("<link rel=\"stylesheet\" href=\"/static/giao-dien.css\">\n</head>\n<body>\n");
  }

  private static void header(StringBuilder b, String portalName, PageFlags f) {
    b.append("<header><a href=\"/\"><img src=\"/static/logo.png\"");
    if (f.imagesWithoutAlt() == 0) {
      b.append(" alt=\"Quốc huy — ").append(portalName).append('"');
    }
    b.append(" width=\"64\" height=\"64\"></a><h1>Cổng Dịch vụ công ").append(portalName).append("</h1>\n")
        .append("<nav><a href=\"/\">Trang chủ</a> <a href=\"/thu-tuc-hanh-chinh\">Thủ tục hành chính</a> ")
        .append("<a href=\"/tra-cuu\">Tra cứu hồ sơ</a> <a href=\"/ho-tro\">Hỗ trợ</a></nav></header>\n");
  }

  private static String footer(StringBuilder b, String portalName, PageFlags f) {
    b.append("<footer><p>Cơ quan chủ quản: ").append(portalName)
        .append(". Tổng đài hỗ trợ: 1900 0000.</p>\n");
    if (f.privacyLink()) {
      b.append("<p><a href=\"").append(PRIVACY_PATH).append("\">").append(PRIVACY_TEXT).append("</a></p>\n");
    }
    return b.append("</footer>\n</body>\n</html>\n").toString();
  }
}
