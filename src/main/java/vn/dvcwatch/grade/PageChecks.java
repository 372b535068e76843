package vn.dvcwatch.grade;

import java.util.List;
import vn.dvcwatch.grade.ScoringModel.BrowserRules;
import vn.dvcwatch.grade.ScoringModel.PageRules;
import vn.dvcwatch.result.PagePosture;

/**
 * Accessibility and mobile, 15 points: the static page checks of docs/PROBING.md, weighted by impact (WCAG 2.0
 * for the MIC accessibility pillar, the viewport for the 2024 finding that most portals are only
 * "average" on phones, the privacy-policy link for the 2024 data-protection criterion).
 */
final class PageChecks {
  private PageChecks() {}

  static PostureChecks<PagePosture> of(PageRules r) {
    return new PostureChecks<>("accessibility", r.max(), checks(r));
  }

  /** The nine static checks of a fetched page's HTML, by id. */
  private static List<PostureCheck<PagePosture>> checks(PageRules r) {
    return List.of(
        new PostureCheck<PagePosture>("accessibility.lang", r.lang(), p -> p.lang() ? 1 : 0,
            p -> p.lang() ? "có thuộc tính lang" : "thẻ <html> thiếu thuộc tính lang",
            new Hint("Khai báo ngôn ngữ của trang: <html lang=\"vi\">.", "Declare the page language: <html lang=\"vi\">.")),
        new PostureCheck<PagePosture>("accessibility.title", r.title(), p -> p.title() ? 1 : 0,
            p -> p.title() ? "có thẻ <title>" : "thiếu thẻ <title>",
            new Hint("Đặt thẻ <title> mô tả nội dung trang.", "Give the page a descriptive <title>.")),
        new PostureCheck<PagePosture>("accessibility.viewport", r.viewport(), p -> p.viewport() ? 1 : 0,
            p -> p.viewport() ? "có meta viewport" : "thiếu meta viewport",
            new Hint("Thêm <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"> để hiển thị tốt trên điện thoại.",
                "Add <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"> for phones.")),
        new PostureCheck<PagePosture>("accessibility.zoom", r.zoom(), p -> p.zoomBlocked() ? 0 : 1,
            p -> p.zoomBlocked() ? "meta viewport chặn phóng to" : "cho phép phóng to",
            new Hint("Cho phép phóng to: bỏ user-scalable=no và maximum-scale=1 trong thẻ viewport.",
                "Allow zooming: remove user-scalable=no and maximum-scale=1 from the viewport tag.")),
        new PostureCheck<PagePosture>("accessibility.alt", r.alt(), p -> count(p.imagesWithoutAlt(), r.altZeroAt()),
            p -> p.imagesWithoutAlt() + " ảnh thiếu alt",
            new Hint("Thêm thuộc tính alt mô tả cho mọi hình ảnh.", "Give every image a descriptive alt attribute.")),
        new PostureCheck<PagePosture>("accessibility.labels", r.labels(),
            p -> count(p.unlabeledFields(), r.labelsZeroAt()),
            p -> p.unlabeledFields() + " trường nhập liệu thiếu nhãn",
            new Hint("Gắn nhãn <label> cho mọi trường nhập liệu của biểu mẫu.", "Label every form field with a <label>.")),
        new PostureCheck<PagePosture>("accessibility.links", r.links(), p -> count(p.linksWithoutName(), r.linksZeroAt()),
            p -> p.linksWithoutName() + " liên kết không có tên",
            new Hint("Đặt tên dễ hiểu cho mọi liên kết (văn bản hoặc aria-label).",
                "Give every link an accessible name (text or aria-label).")),
        new PostureCheck<PagePosture>("accessibility.refresh", r.refresh(), p -> p.metaRefresh() ? 0 : 1,
            p -> p.metaRefresh() ? "có meta refresh tự tải lại trang" : "không có meta refresh",
            new Hint("Bỏ thẻ meta refresh tự động tải lại hoặc chuyển trang.", "Remove the auto-reloading meta refresh.")),
        new PostureCheck<PagePosture>("accessibility.privacy", r.privacy(), p -> p.privacyPolicyLink() ? 1 : 0,
            p -> p.privacyPolicyLink() ? "có liên kết chính sách bảo vệ dữ liệu cá nhân"
                : "không có liên kết chính sách bảo vệ dữ liệu cá nhân",
            new Hint("Đăng chính sách bảo vệ dữ liệu cá nhân và đặt liên kết tới nó trên trang.",
                "Publish a personal-data protection policy and link to it from the page.")));
  }

  /** What model v2 knows of one page: the static checks of its HTML and the browser's axe-core result. */
  record PageEvidence(PagePosture page, BrowserFigures browser) {
    static PageEvidence of(PagePosture page, BrowserFigures browser) {
      return page == null && (browser == null || !browser.axeMeasured()) ? null : new PageEvidence(page, browser);
    }

    boolean axe() {
      return browser != null && browser.axeMeasured();
    }
  }

  /** The static checks axe-core's WCAG 2.0/2.1 A and AA rules cover (its rule ids in the comments). */
  private static final java.util.Set<String> COVERED_BY_AXE = java.util.Set.of(
      "accessibility.lang", // html-has-lang, html-lang-valid
      "accessibility.title", // document-title
      "accessibility.zoom", // meta-viewport
      "accessibility.alt", // image-alt
      "accessibility.labels", // label
      "accessibility.links", // link-name
      "accessibility.refresh"); // meta-refresh

  /**
   * Model v2 (docs/SCORING.md): {@code accessibility.wcag} from axe-core where the browser measured the page,
   * violated rules weighted by impact; where it has not, the static checks axe covers stand in, said so in
   * the measurement. The viewport and the privacy-policy link stay static checks (axe checks neither).
   */
  static PostureChecks<PageEvidence> v2(PageRules r, BrowserRules b) {
    List<PostureCheck<PagePosture>> all = checks(r);
    List<PostureCheck<PagePosture>> covered = all.stream().filter(c -> COVERED_BY_AXE.contains(c.id())).toList();
    int weight = covered.stream().mapToInt(PostureCheck::weight).sum();
    java.util.List<PostureCheck<PageEvidence>> out = new java.util.ArrayList<>();
    out.add(new PostureCheck<>("accessibility.wcag", weight,
        e -> e.axe() ? axeShare(e.browser(), b) : staticShare(covered, e.page()),
        e -> e.axe() ? axeWords(e.browser(), b) : PerformanceCriteria.FALLBACK + "kiểm tra tĩnh HTML: "
            + staticWords(covered, e.page()),
        WCAG, e -> e.axe() || e.page() != null));
    for (PostureCheck<PagePosture> c : all) {
      if (!COVERED_BY_AXE.contains(c.id())) {
        out.add(new PostureCheck<>(c.id(), c.weight(), e -> c.share().applyAsDouble(e.page()),
            e -> e.page() == null ? "chưa tải được HTML" : c.describe().apply(e.page()), c.hint(), e -> e.page() != null));
      }
    }
    return new PostureChecks<>("accessibility", r.max(), out);
  }

  private static final Hint WCAG = new Hint(
      "Sửa các lỗi WCAG mà axe-core phát hiện, lỗi nghiêm trọng trước (danh sách và cách sửa ở trang của cổng).",
      "Fix the WCAG violations axe-core found, the most severe first (listed with fixes on the portal's page).");

  /** 1 without violations, 0 when the violated rules' impact weights reach {@code zeroAt}, linear between. */
  static double axeShare(BrowserFigures f, BrowserRules b) {
    int penalty = f.axeCritical() * b.critical() + f.axeSerious() * b.serious() + f.axeModerate() * b.moderate()
        + f.axeMinor() * b.minor();
    return Math.max(0, 1 - penalty / (double) b.zeroAt());
  }

  private static String axeWords(BrowserFigures f, BrowserRules b) {
    int rules = f.axeCritical() + f.axeSerious() + f.axeModerate() + f.axeMinor();
    if (rules == 0) {
      return "axe-core (" + f.method() + "): không vi phạm quy tắc WCAG A/AA nào";
    }
    return "axe-core (" + f.method() + "): " + rules + " quy tắc WCAG bị vi phạm (nghiêm trọng nhất "
        + f.axeCritical() + ", nặng " + f.axeSerious() + ", vừa " + f.axeModerate() + ", nhẹ " + f.axeMinor()
        + "; trọng số " + (f.axeCritical() * b.critical() + f.axeSerious() * b.serious() + f.axeModerate() * b.moderate()
        + f.axeMinor() * b.minor()) + "/" + b.zeroAt() + ")" + (f.axeRules().isEmpty() ? ""
        : ": " + String.join(", ", f.axeRules().subList(0, Math.min(5, f.axeRules().size()))));
  }

  /** The static checks' shares, weighted as in model v1. */
  private static double staticShare(List<PostureCheck<PagePosture>> covered, PagePosture p) {
    double sum = 0;
    int weights = 0;
    for (PostureCheck<PagePosture> c : covered) {
      sum += c.weight() * Math.max(0, Math.min(1, c.share().applyAsDouble(p)));
      weights += c.weight();
    }
    return weights == 0 ? 0 : sum / weights;
  }

  private static String staticWords(List<PostureCheck<PagePosture>> covered, PagePosture p) {
    List<String> failing = covered.stream().filter(c -> c.share().applyAsDouble(p) < 1)
        .map(c -> c.describe().apply(p)).toList();
    return failing.isEmpty() ? "đạt cả " + covered.size() + " kiểm tra" : String.join(", ", failing);
  }

  /** 1 with no offending element, 0 at {@code zeroAt} or more, linear between. */
  private static double count(int n, int zeroAt) {
    return Math.max(0, 1 - n / (double) zeroAt);
  }
}
