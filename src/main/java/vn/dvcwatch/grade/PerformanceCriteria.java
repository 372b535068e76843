package vn.dvcwatch.grade;

import java.util.List;
import vn.dvcwatch.grade.ScoringModel.BrowserRules;
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

  private static final Hint CLS = new Hint(
      "Giữ bố cục ổn định khi tải: khai báo kích thước ảnh và khung quảng cáo, không chèn nội dung lên trên nội dung đã hiện.",
      "Keep the layout still while loading: give images and embeds a size, never insert content above what is shown.");
  /** How a v2 load row says its figure is the HTML-only fallback. */
  static final String FALLBACK = "dự phòng, trình duyệt chưa đo trang này: ";

  private final Performance rules;
  private final BrowserRules browser;

  /** {@code browser}: model v2's browser rules, or null (model v1: probe timings only). */
  PerformanceCriteria(Performance rules, BrowserRules browser) {
    this.rules = rules;
    this.browser = browser;
  }

  List<Criterion> rate(Measurements m) {
    String stand = m.eformConfigured() ? "" : "không có trang eForm, dùng số đo của trang chủ: ";
    Double eTtfb = m.eformConfigured() ? m.eformTtfbP75Ms() : m.homeTtfbP75Ms();
    Double eTotal = m.eformConfigured() ? m.eformTotalP75Ms() : m.homeTotalP75Ms();
    if (browser != null) {
      BrowserFigures eb = m.eformConfigured() ? m.eformBrowser() : m.homeBrowser();
      return List.of(
          timing("performance.home.ttfb", "TTFB", m.homeTtfbP75Ms(), rules.homeTtfb(), "", HOME_TTFB),
          load("performance.home.load", m.homeBrowser(), m.homeTotalP75Ms(), rules.homeTotal(), "", HOME_TOTAL),
          timing("performance.eform.ttfb", "TTFB", eTtfb, rules.eformTtfb(), stand, EFORM_TTFB),
          load("performance.eform.load", eb, eTotal, rules.eformTotal(), stand, EFORM_TOTAL),
          stability(m, eTtfb, eTotal),
          cls(m.homeBrowser(), m.eformConfigured() ? m.eformBrowser() : null));
    }
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

  /**
   * Model v2's page load: the later of the largest paint and the load event, as a citizen's browser saw it;
   * where the browser has not measured the page, the probe's HTML download (p75) stands in, marked as such.
   */
  private Criterion load(String id, BrowserFigures b, Double htmlTotal, Scale scale, String prefix, Hint hint) {
    Double t = b == null ? null : b.loadTimeMs();
    if (t == null) {
      return timing(id, "tải HTML", htmlTotal, scale, prefix + FALLBACK, hint);
    }
    long max = Points.centi(scale.max());
    return hint.row(id, PILLAR, Math.min(max, Points.centi(scale.points(t))), max, prefix + "trình duyệt ("
        + b.method() + "): LCP " + (b.lcpMs() == null ? "—" : Points.ms(b.lcpMs())) + ", sự kiện load "
        + (b.loadMs() == null ? "—" : Points.ms(b.loadMs())) + " → " + Points.ms(t) + " (đủ điểm ≤ "
        + Points.ms(scale.full()) + ", 0 điểm ≥ " + Points.ms(scale.zero()) + ")");
  }

  /** Visual stability: the mean of the pages' CLS points; not measured until the browser has measured a page. */
  private Criterion cls(BrowserFigures home, BrowserFigures eform) {
    Scale s = browser.cls();
    long max = Points.centi(s.max());
    double sum = 0;
    int pages = 0;
    StringBuilder said = new StringBuilder();
    for (BrowserFigures b : new BrowserFigures[] {home, eform}) {
      if (b != null && b.cls() != null) {
        sum += s.points(b.cls());
        pages++;
        said.append(said.length() == 0 ? "" : "; ").append(b == home ? "trang chủ" : "eForm").append(" CLS ")
            .append(thousandths(b.cls()));
      }
    }
    String limits = " (đủ điểm ≤ " + Points.fmt(s.full()) + ", 0 điểm ≥ " + Points.fmt(s.zero()) + ")";
    if (pages == 0) {
      return Hint.unmeasured("performance.cls", PILLAR, max, "chưa đo được: trình duyệt chưa đo trang nào" + limits);
    }
    return CLS.row("performance.cls", PILLAR, Math.min(max, Points.centi(sum / pages)), max, said + limits);
  }

  /** A CLS with three decimals (String.format is too slow for a fleet scored every 30 s). */
  static String thousandths(double v) {
    long t = Math.round(v * 1000);
    long frac = t % 1000;
    return t / 1000 + "." + (frac < 10 ? "00" : frac < 100 ? "0" : "") + frac;
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
