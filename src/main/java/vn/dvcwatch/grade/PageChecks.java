package vn.dvcwatch.grade;

import java.util.List;
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
    return new PostureChecks<>("accessibility", r.max(), List.of(
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
                "Publish a personal-data protection policy and link to it from the page."))));
  }

  /** 1 with no offending element, 0 at {@code zeroAt} or more, linear between. */
  private static double count(int n, int zeroAt) {
    return Math.max(0, 1 - n / (double) zeroAt);
  }
}
