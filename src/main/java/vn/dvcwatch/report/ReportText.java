package vn.dvcwatch.report;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The words and number formats of a report in one language (Vietnamese first, English on request),
 * shared by the HTML and PDF renderings so both say the same thing.
 */
final class ReportText {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(ReportBuilder.VIETNAM);

  final boolean en;

  private ReportText(boolean en) {
    this.en = en;
  }

  static ReportText of(String lang) {
    return new ReportText("en".equalsIgnoreCase(lang));
  }

  String t(String vi, String english) {
    return en ? english : vi;
  }

  String lang() {
    return en ? "en" : "vi";
  }

  String title(String month) {
    String[] ym = month.split("-");
    return t("Báo cáo tháng " + ym[1] + "/" + ym[0] + " — dịch vụ công trực tuyến",
        "Monthly report " + month + " — online public-service portals");
  }

  /** Percent with three decimals ("99,861 %" / "99.861%"); a dash when unknown. */
  String pct(Object fraction) {
    if (!(fraction instanceof Number n)) {
      return "—";
    }
    String s = String.format(Locale.ROOT, "%.3f", n.doubleValue() * 100);
    return en ? s + "%" : s.replace('.', ',') + " %";
  }

  /** The running month's figures are provisional. */
  String asOf(String iso) {
    return t("Tháng chưa kết thúc: số liệu tạm tính đến ", "The month is not over: figures as of ") + when(iso) + ".";
  }

  String minutes(Object m) {
    double v = m instanceof Number n ? n.doubleValue() : 0;
    String s = String.format(Locale.ROOT, "%.1f", v);
    return (en ? s : s.replace('.', ',')) + t(" phút", " min");
  }

  String when(String iso) {
    return iso == null ? t("chưa kết thúc", "not ended") : WHEN.format(Instant.parse(iso));
  }

  /** Who acknowledged an incident and when ({@code ackBy}, {@code ackAt}), or a dash; reports archived before ackAt show who. */
  String ack(JsonObject incident) {
    String by = incident.getString("ackBy");
    String at = incident.getString("ackAt");
    return by == null ? "—" : at == null ? by : by + " (" + WHEN.format(Instant.parse(at)) + ")";
  }

  String kind(String kind) {
    return switch (kind) {
      case "ministry" -> t("Bộ, ngành", "Ministry");
      case "province" -> t("Tỉnh, thành phố", "Province");
      default -> t("Quốc gia", "National");
    };
  }

  String met(JsonObject p) {
    Object up = p.getValue("uptime");
    if (!(up instanceof Number n)) {
      return t("không có số liệu", "no data");
    }
    return n.doubleValue() >= p.getDouble("target") ? t("Đạt", "Met") : t("Không đạt", "Missed");
  }

  String grade(JsonObject g, String which) {
    String grade = g.getString(which);
    Integer rank = g.getInteger(which + "Rank");
    return grade == null ? "—" : grade + (rank == null ? "" : " (#" + rank + ")");
  }

  /** One sentence on the month's grade drift: the changes and, where stored, the criteria that moved. */
  String drift(JsonObject g) {
    var changes = g.getJsonArray("changes");
    if (changes.isEmpty()) {
      return t("Không đổi hạng trong tháng.", "No grade change during the month.");
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < changes.size(); i++) {
      JsonObject c = changes.getJsonObject(i);
      sb.append(when(c.getString("at"))).append(": ").append(c.getString("from") == null ? "—" : c.getString("from"))
          .append(" → ").append(c.getString("to"));
      var moved = c.getJsonArray("moved");
      if (moved == null || moved.isEmpty()) {
        sb.append(t(" (chi tiết tiêu chí không được lưu cho lần đổi này)", " (criteria not recorded for this change)"));
      } else {
        sb.append(" (");
        for (int k = 0; k < moved.size(); k++) {
          JsonObject m = moved.getJsonObject(k);
          sb.append(k == 0 ? "" : ", ").append(m.getString("id")).append(' ')
              .append(num(m.getDouble("before"))).append(" → ").append(num(m.getDouble("after")));
        }
        sb.append(')');
      }
      sb.append(". ");
    }
    return sb.toString().trim();
  }

  String num(double v) {
    String s = String.format(Locale.ROOT, "%.1f", v);
    return en ? s : s.replace('.', ',');
  }

  /** The label of an owner's total row. */
  String total(int portals) {
    return t("Tổng cộng (" + portals + " cổng)", "Total (" + portals + (portals == 1 ? " portal)" : " portals)"));
  }

  /**
   * How the figures were computed, stated in the report so anyone can recompute them; an owner's report
   * ({@code owner}) also says how its total adds the portals up.
   */
  List<String> method(boolean owner) {
    List<String> out = new java.util.ArrayList<>(en ? List.of(
        "Uptime is time-weighted over the calendar month in Vietnam time (UTC+7), from the month's start (or the portal's"
            + " first probe, if later) to its end.",
        "Down time is the union of the portal's confirmed incidents (homepage or e-form DOWN, confirmed by consecutive"
            + " failed probes; an incident starts at the first failed probe of the confirming run). DEGRADED is not down.",
        "With several vantage points, a portal is DOWN only when a majority of the vantages see it down; failing from a"
            + " minority of them (PARTIAL) opens no incident and is not down time.",
        "Declared maintenance windows are excluded from both the down time and the time observed; they are listed.",
        "Uptime = 1 − down / (observed − maintenance). Error budget = (1 − target) × eligible time of the month; "
            + "budget used = down / budget.",
        "Recompute from GET /api/v1/portals/{id}/history (probe results and incidents) and the maintenance list.",
        "Grades and ranks are the last grade recorded before the month's start and end; rank orders the portals of"
            + " this report by score (equal scores share a rank).")
        : List.of(
        "Thời gian hoạt động tính theo thời gian (time-weighted) trong tháng dương lịch, giờ Việt Nam (UTC+7), từ đầu"
            + " tháng (hoặc lần kiểm tra đầu tiên, nếu muộn hơn) đến cuối tháng.",
        "Thời gian gián đoạn là hợp các sự cố đã xác nhận của cổng (trang chủ hoặc biểu mẫu DOWN, xác nhận bằng các lần"
            + " kiểm tra thất bại liên tiếp; sự cố bắt đầu từ lần kiểm tra thất bại đầu tiên). Trạng thái chậm (DEGRADED)"
            + " không tính là gián đoạn.",
        "Khi giám sát từ nhiều điểm đo, cổng chỉ bị coi là gián đoạn (DOWN) khi đa số điểm đo thấy gián đoạn; lỗi chỉ ở"
            + " một số ít điểm đo (PARTIAL) không mở sự cố và không tính vào thời gian gián đoạn.",
        "Các khung bảo trì đã khai báo được loại khỏi cả thời gian gián đoạn lẫn thời gian quan sát, và được liệt kê.",
        "Tỷ lệ hoạt động = 1 − gián đoạn / (quan sát − bảo trì). Ngân sách lỗi = (1 − mục tiêu) × thời gian tính"
            + " của tháng; đã dùng = gián đoạn / ngân sách.",
        "Có thể tính lại từ GET /api/v1/portals/{id}/history (kết quả kiểm tra và sự cố) và danh sách bảo trì.",
        "Hạng và thứ hạng là hạng ghi nhận cuối cùng trước đầu tháng và trước cuối tháng; thứ hạng xếp các cổng trong"
            + " báo cáo theo điểm (điểm bằng nhau cùng thứ hạng)."));
    if (owner) {
      out.add(t("Dòng tổng cộng của cơ quan chủ quản cộng các cổng theo thời gian: tỷ lệ hoạt động = 1 − tổng gián đoạn /"
          + " tổng thời gian tính của các cổng; mục tiêu là trung bình mục tiêu các cổng có trọng số theo thời gian tính;"
          + " ngân sách lỗi đã dùng = tổng gián đoạn / tổng ngân sách lỗi các cổng.",
          "The owner's total adds its portals up time-weighted: uptime = 1 − total down / total eligible time of its"
          + " portals; the target is the portals' targets weighted by eligible time; budget used = total down / the sum"
          + " of the portals' error budgets."));
    }
    return out;
  }
}
