package vn.dvcwatch.alert;

import static vn.dvcwatch.alert.VietnameseText.cause;
import static vn.dvcwatch.alert.VietnameseText.duration;
import static vn.dvcwatch.alert.VietnameseText.number;
import static vn.dvcwatch.alert.VietnameseText.percent;
import static vn.dvcwatch.alert.VietnameseText.portal;
import static vn.dvcwatch.alert.VietnameseText.time;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.registry.Portal;

/**
 * Vietnamese subjects and bodies of every alert (plain text and HTML), each with a link to the
 * portal's page. Pure: the same input always renders the same email, which is what lets an alert be
 * rebuilt identically after a restart.
 */
public final class AlertTemplates {
  private static final String DETAILS = "Xem chi tiết";
  private final String publicUrl;

  public AlertTemplates(String publicUrl) {
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  public String portalLink(String portalId) {
    return publicUrl + "/portals/" + java.net.URLEncoder.encode(portalId, java.nio.charset.StandardCharsets.UTF_8);
  }

  public AlertText down(Portal p, Incident i) {
    return down(p, i, null);
  }

  /** The outage mail with the signed acknowledgement link ({@code ackUrl} null: none). */
  public AlertText down(Portal p, Incident i, String ackUrl) {
    String name = portal(p);
    return new Letter(name + " đang gián đoạn (" + cause(i.cause()) + ")", name + " đang gián đoạn.")
        .fact("Nguyên nhân", cause(i.cause()))
        .fact("Trang bị lỗi", VietnameseText.target(i.target()))
        .fact("Bắt đầu từ", time(i.start()))
        .say("Hệ thống giám sát đã xác nhận lỗi qua nhiều lần kiểm tra liên tiếp. Sẽ có email khi cổng hoạt động trở lại.")
        .link(portalLink(p.id()), DETAILS).ack(ackUrl).render();
  }

  /**
   * An outage nobody acknowledged within {@code after}: to the national office, the next level up from the
   * portal's owner.
   */
  public AlertText escalation(Portal p, Incident i, Duration after, String ackUrl) {
    String name = portal(p);
    return new Letter("Chuyển cấp: " + name + " gián đoạn đã " + duration(after) + " chưa có người xác nhận",
        name + " đang gián đoạn và chưa đơn vị nào xác nhận đã tiếp nhận sự cố.")
        .fact("Đơn vị chủ quản", p.owner() == null ? "chưa ghi" : p.owner())
        .fact("Nguyên nhân", cause(i.cause()))
        .fact("Bắt đầu từ", time(i.start()))
        .say("Cảnh báo gián đoạn đã gửi đến đơn vị chủ quản nhưng sau " + duration(after)
            + " vẫn chưa có ai xác nhận, nên được chuyển lên Văn phòng giám sát quốc gia."
            + " Khi một người xác nhận (qua liên kết dưới đây hoặc API quản trị), việc chuyển cấp dừng lại.")
        .link(portalLink(p.id()), DETAILS).ack(ackUrl).render();
  }

  /** An outage whose cause is a certificate a browser refuses; {@code problems} in Vietnamese, or null. */
  public AlertText certRefused(Portal p, Incident i, String problems) {
    return certRefused(p, i, problems, null);
  }

  /** As {@link #certRefused(Portal, Incident, String)}, with the signed acknowledgement link (null: none). */
  public AlertText certRefused(Portal p, Incident i, String problems, String ackUrl) {
    String name = portal(p);
    return new Letter(name + ": trình duyệt chặn truy cập vì lỗi chứng chỉ",
        "Trình duyệt đang chặn người dân truy cập " + name + " vì lỗi chứng chỉ TLS.")
        .fact("Lỗi chứng chỉ", problems == null ? "trình duyệt không chấp nhận chứng chỉ" : problems)
        .fact("Trang bị lỗi", VietnameseText.target(i.target()))
        .fact("Bắt đầu từ", time(i.start()))
        .say("Người dân chỉ thấy trang cảnh báo của trình duyệt thay cho cổng, nên thời gian này được tính là gián đoạn."
            + " Hãy cài đặt chứng chỉ hợp lệ, do tổ chức được tin cậy cấp cho đúng tên miền, kèm đủ chứng chỉ trung gian."
            + " Sẽ có email khi cổng hoạt động trở lại.")
        .link(portalLink(p.id()), DETAILS).ack(ackUrl).render();
  }

  public AlertText recovered(Portal p, Incident i) {
    String name = portal(p);
    String length = duration(i.length(i.end()));
    return new Letter(name + " đã hoạt động trở lại sau " + length, name + " đã hoạt động trở lại.")
        .fact("Thời gian gián đoạn", length)
        .fact("Từ", time(i.start()))
        .fact("Đến", time(i.end()))
        .fact("Nguyên nhân", cause(i.cause()))
        .link(portalLink(p.id()), DETAILS).render();
  }

  public AlertText certExpiring(Portal p, int daysLeft, Instant notAfter) {
    String name = portal(p);
    String left = daysLeft < 1 ? "dưới 1 ngày" : daysLeft + " ngày";
    return new Letter(name + ": chứng chỉ TLS còn " + left, "Chứng chỉ TLS của " + name + " sắp hết hạn.")
        .fact("Còn lại", left)
        .fact("Hết hạn lúc", time(notAfter))
        .say("Hãy gia hạn và cài đặt chứng chỉ mới trước ngày hết hạn; khi hết hạn, trình duyệt sẽ chặn người dân truy cập cổng.")
        .link(portalLink(p.id()), DETAILS).render();
  }

  public AlertText certExpired(Portal p, Instant notAfter) {
    String name = portal(p);
    return new Letter(name + ": chứng chỉ TLS đã hết hạn", "Chứng chỉ TLS của " + name + " đã hết hạn.")
        .fact("Hết hạn lúc", notAfter == null ? "không rõ" : time(notAfter))
        .say("Trình duyệt đang cảnh báo hoặc chặn người dân truy cập cổng. Hãy cài đặt chứng chỉ mới ngay.")
        .link(portalLink(p.id()), DETAILS).render();
  }

  public AlertText gradeDrop(Portal p, String from, String to, double score, List<String> movedCriteria) {
    String name = portal(p);
    Letter l = new Letter(name + " hạ hạng " + from + " → " + to, name + " bị hạ hạng từ " + from + " xuống " + to + ".")
        .fact("Điểm hiện tại", number(score) + "/100")
        .fact("Hạng", from + " → " + to);
    if (!movedCriteria.isEmpty()) {
      l.say("Các tiêu chí thay đổi: " + String.join("; ", movedCriteria) + ".");
    }
    return l.say("Trang của cổng liệt kê từng tiêu chí, số đo và cách khắc phục.").link(portalLink(p.id()), DETAILS).render();
  }

  public AlertText budgetBurn(Portal p, BudgetBurn b) {
    String name = portal(p);
    String window = BudgetBurn.FAST.equals(b.window()) ? "1 giờ" : BudgetBurn.SLOW.equals(b.window()) ? "6 giờ" : b.window();
    return new Letter(name + " tiêu hao ngân sách lỗi nhanh (" + number(b.longRate()) + "× trong " + window + ")",
        name + " đang tiêu hao ngân sách lỗi SLA nhanh hơn ngưỡng " + number(b.threshold()) + "×.")
        .fact("Cửa sổ đo", b.window())
        .fact("Tốc độ tiêu hao", number(b.longRate()) + "× (cửa sổ dài), " + number(b.shortRate()) + "× (cửa sổ ngắn)")
        .fact("Ngân sách lỗi còn lại", percent(b.budgetLeft()))
        .fact("Mục tiêu SLA", percent(p.slaTarget()))
        .say("Nếu tốc độ này tiếp diễn, cổng sẽ không đạt mục tiêu SLA của tháng.")
        .link(portalLink(p.id()), DETAILS).render();
  }

  public AlertText flapping(Portal p, int openings, Duration window) {
    String name = portal(p);
    Letter l = new Letter(name + " hoạt động chập chờn", name + " liên tục gián đoạn rồi hoạt động lại.");
    if (openings > 0) {
      l.fact("Số lần gián đoạn", openings + " lần trong " + duration(window));
    }
    return l.say("Để tránh gửi quá nhiều email, hệ thống tạm ngừng báo từng lần gián đoạn của cổng này cho đến khi cổng ổn định "
            + "trong " + duration(window) + ". Trạng thái hiện tại luôn có trên trang của cổng.")
        .link(portalLink(p.id()), DETAILS).render();
  }

  public AlertText watchdogNetwork(boolean problem, int failing, int total, Instant at) {
    if (problem) {
      return new Letter("Máy giám sát nghi mất kết nối mạng (" + failing + "/" + total + " cổng lỗi cùng lúc)",
          "Phần lớn các cổng cùng lỗi một lúc: nhiều khả năng mạng của máy giám sát có sự cố, không phải các cổng.")
          .fact("Số cổng lỗi", failing + "/" + total)
          .fact("Từ", time(at))
          .say("Trong thời gian này, hệ thống không gửi cảnh báo gián đoạn cho từng cổng.")
          .link(publicUrl + "/", "Bảng theo dõi").render();
    }
    return new Letter("Máy giám sát đã có kết nối mạng trở lại", "Máy giám sát đã kết nối mạng bình thường trở lại.")
        .fact("Lúc", time(at))
        .link(publicUrl + "/", "Bảng theo dõi").render();
  }

  /** One line of a digest. */
  public record DigestLine(Instant at, AlertKind kind, String subject, String suppressedReason) {}

  /** The digest of the 24 hours before {@code until}. */
  public AlertText digest(Instant until, List<DigestLine> lines) {
    String day = VietnameseText.date(until);
    Letter l = new Letter("Tóm tắt cảnh báo ngày " + day + " (" + lines.size() + " cảnh báo)",
        "Tóm tắt cảnh báo trong 24 giờ đến " + time(until) + ".");
    if (lines.isEmpty()) {
      l.say("Không có cảnh báo nào.");
    }
    for (DigestLine line : lines) {
      String note = line.suppressedReason() == null ? "" : " (không gửi: " + VietnameseText.suppression(line.suppressedReason()) + ")";
      l.fact(time(line.at()), line.subject().replaceFirst("^\\[dvc-watch\\] ", "") + note);
    }
    return l.link(publicUrl + "/", "Bảng theo dõi").render();
  }
}
