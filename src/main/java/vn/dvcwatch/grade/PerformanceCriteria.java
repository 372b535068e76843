package vn.dvcwatch.grade;

import java.util.List;
import vn.dvcwatch.grade.ScoringModel.Performance;
import vn.dvcwatch.grade.ScoringModel.Scale;

/**
 * Performance, five sub-criteria of 5 points (MIC 2023: homepage and eForm response; A means a page
 * loads in under 2.5 s and responds in under 0.2 s): TTFB p75 and total p75 of both pages, and the
 * share of probes within those A thresholds.
 */
final class PerformanceCriteria {
  private static final String PILLAR = "performance";
  private static final Hint HOME_TTFB = new Hint(
      "Rút ngắn thời gian phản hồi của trang chủ: bật bộ nhớ đệm, tối ưu truy vấn cơ sở dữ liệu, dùng CDN.",
      "Cut the homepage's server response time: caching, faster database queries, a CDN.");
  private static final Hint HOME_TOTAL = new Hint(
      "Giảm thời gian tải trang chủ: nén và rút gọn tài nguyên, giảm dung lượng ảnh.",
      "Make the homepage load faster: compress and minify assets, shrink images.");
  private static final Hint EFORM_TTFB = new Hint(
      "Rút ngắn thời gian phản hồi của trang biểu mẫu eForm: bộ nhớ đệm, tối ưu truy vấn, tách tải khỏi trang chủ.",
      "Cut the eForm page's server response time: caching, faster queries, separate capacity.");
  private static final Hint EFORM_TOTAL = new Hint(
      "Giảm thời gian tải trang eForm: bớt thư viện JavaScript không cần thiết, nén tài nguyên.",
      "Make the eForm page load faster: drop unneeded JavaScript, compress assets.");
  private static final Hint STABILITY = new Hint(
      "Giữ thời gian phản hồi ổn định: xử lý các lúc quá tải, tăng tài nguyên vào giờ cao điểm.",
      "Keep response times steady: handle load peaks, add capacity at busy hours.");

  private final Performance rules;

  PerformanceCriteria(Performance rules) {
    this.rules = rules;
  }

  List<Criterion> rate(Measurements m) {
    String stand = m.eformConfigured() ? "" : "không có trang eForm, dùng số đo của trang chủ: ";
    Double eTtfb = m.eformConfigured() ? m.eformTtfbP75Ms() : m.homeTtfbP75Ms();
    Double eTotal = m.eformConfigured() ? m.eformTotalP75Ms() : m.homeTotalP75Ms();
    return List.of(
        timing("performance.home.ttfb", "TTFB", m.homeTtfbP75Ms(), rules.homeTtfb(), "", HOME_TTFB),
        timing("performance.home.total", "tổng thời gian tải", m.homeTotalP75Ms(), rules.homeTotal(), "", HOME_TOTAL),
        timing("performance.eform.ttfb", "TTFB", eTtfb, rules.eformTtfb(), stand, EFORM_TTFB),
        timing("performance.eform.total", "tổng thời gian tải", eTotal, rules.eformTotal(), stand, EFORM_TOTAL),
        stability(m, eTtfb, eTotal));
  }

  private Criterion timing(String id, String what, Double p, Scale scale, String prefix, Hint hint) {
    long max = Points.centi(scale.max());
    String limits = " (đủ điểm ≤ " + Points.ms(scale.full()) + ", 0 điểm ≥ " + Points.ms(scale.zero()) + ")";
    if (p == null) {
      return hint.row(id, PILLAR, 0, max, prefix + "chưa có lượt đo thành công" + limits);
    }
    return hint.row(id, PILLAR, Math.min(max, Points.centi(scale.points(p))), max,
        prefix + what + " p" + rules.percentile() + " " + Points.ms(p) + limits);
  }

  private Criterion stability(Measurements m, Double eTtfb, Double eTotal) {
    Double share = m.withinAShare();
    if (share == null) {
      int within = (withinA(m.homeTtfbP75Ms(), m.homeTotalP75Ms()) ? 1 : 0) + (withinA(eTtfb, eTotal) ? 1 : 0);
      share = within / 2.0;
    }
    Scale s = rules.stability();
    long max = Points.centi(s.max());
    return STABILITY.row("performance.stability", PILLAR, Math.min(max, Points.centi(s.points(share))), max,
        Points.percent(share) + " lượt đo đạt ngưỡng A (TTFB ≤ " + Points.ms(rules.aTtfbMs()) + " và tải xong ≤ "
            + Points.ms(rules.aTotalMs()) + ")");
  }

  private boolean withinA(Double ttfb, Double total) {
    return ttfb != null && total != null && ttfb <= rules.aTtfbMs() && total <= rules.aTotalMs();
  }
}
