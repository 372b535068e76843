package vn.dvcwatch.grade;

import java.util.List;
import vn.dvcwatch.grade.ScoringModel.HeaderRules;
import vn.dvcwatch.result.HeaderPosture;

/**
 * HTTP headers, 15 points, after Mozilla HTTP Observatory: each check's penalty is Observatory's
 * modifier (CSP −25, HSTS −20, X-Frame-Options −20, redirection −20, X-Content-Type-Options −5, …).
 * Penalties are subtracted from the sum of all maxima and scaled to 15, so every check is its own
 * scorecard row and there is no floor at 0 (see docs/SCORING.md for where this differs).
 */
final class HeaderChecks {
  private HeaderChecks() {}

  static PostureChecks<HeaderPosture> of(HeaderRules r) {
    int csp = Math.max(r.cspMissing(), r.cspUnsafeInline());
    int hsts = Math.max(r.hstsMissing(), r.hstsShort());
    int cookies = r.cookieNotSecure() + r.cookieNotHttpOnly() + r.cookieNoSameSite();
    return new PostureChecks<>("security", r.max(), List.of(
        new PostureCheck<HeaderPosture>("security.headers.csp", csp,
            h -> 1 - penalty(h.csp() ? (h.cspUnsafeInline() ? r.cspUnsafeInline() : 0) : r.cspMissing(), csp),
            h -> !h.csp() ? "không có Content-Security-Policy"
                : h.cspUnsafeInline() ? "CSP cho phép 'unsafe-inline'" : "có Content-Security-Policy",
            new Hint("Thêm tiêu đề Content-Security-Policy và không dùng 'unsafe-inline'.",
                "Add a Content-Security-Policy header without 'unsafe-inline'.")),
        new PostureCheck<HeaderPosture>("security.headers.hsts", hsts,
            h -> 1 - penalty(h.hsts() ? 0 : h.hstsMaxAgeSeconds() > 0 ? r.hstsShort() : r.hstsMissing(), hsts),
            h -> h.hsts() ? "HSTS max-age " + h.hstsMaxAgeSeconds() / 86_400 + " ngày"
                : h.hstsMaxAgeSeconds() > 0 ? "HSTS max-age chỉ " + h.hstsMaxAgeSeconds() / 86_400 + " ngày (< 180)"
                : "không có Strict-Transport-Security",
            new Hint("Thêm tiêu đề Strict-Transport-Security với max-age ít nhất 15552000 (180 ngày).",
                "Send Strict-Transport-Security with max-age of at least 15552000 (180 days).")),
        new PostureCheck<HeaderPosture>("security.headers.frame", r.frameMissing(),
            h -> h.xFrameOptions() ? 1 : 0,
            h -> h.xFrameOptions() ? "có X-Frame-Options hoặc frame-ancestors"
                : "không có X-Frame-Options hay CSP frame-ancestors",
            new Hint("Thêm X-Frame-Options: DENY hoặc CSP frame-ancestors để chống clickjacking.",
                "Add X-Frame-Options: DENY or a CSP frame-ancestors directive against clickjacking.")),
        new PostureCheck<HeaderPosture>("security.headers.redirect", r.redirectMissing(),
            h -> Boolean.FALSE.equals(h.httpsRedirect()) ? 0 : 1,
            h -> h.httpsRedirect() == null ? "chưa kiểm tra chuyển hướng từ http://"
                : h.httpsRedirect() ? "http:// chuyển sang https://" : "http:// không chuyển sang https://",
            new Hint("Chuyển hướng mọi truy cập http:// sang https:// (mã 301).",
                "Redirect every http:// request to https:// (301)."), h -> h.httpsRedirect() != null),
        new PostureCheck<HeaderPosture>("security.headers.nosniff", r.nosniffMissing(),
            h -> h.xContentTypeOptions() ? 1 : 0,
            h -> h.xContentTypeOptions() ? "có X-Content-Type-Options: nosniff" : "không có X-Content-Type-Options",
            new Hint("Thêm tiêu đề X-Content-Type-Options: nosniff.", "Add X-Content-Type-Options: nosniff.")),
        new PostureCheck<HeaderPosture>("security.headers.referrer", r.referrerMissing(),
            h -> h.referrerPolicy() ? 1 : 0,
            h -> h.referrerPolicy() ? "có Referrer-Policy" : "không có Referrer-Policy",
            new Hint("Thêm tiêu đề Referrer-Policy, ví dụ strict-origin-when-cross-origin.",
                "Add a Referrer-Policy header, e.g. strict-origin-when-cross-origin.")),
        new PostureCheck<HeaderPosture>("security.headers.cookies", cookies,
            h -> 1 - penalty((h.cookiesWithoutSecure() > 0 ? r.cookieNotSecure() : 0)
                + (h.cookiesWithoutHttpOnly() > 0 ? r.cookieNotHttpOnly() : 0)
                + (h.cookiesWithoutSameSite() > 0 ? r.cookieNoSameSite() : 0), cookies),
            h -> h.cookies() == 0 ? "không đặt cookie"
                : h.cookies() + " cookie: " + h.cookiesWithoutSecure() + " thiếu Secure, " + h.cookiesWithoutHttpOnly()
                    + " thiếu HttpOnly, " + h.cookiesWithoutSameSite() + " thiếu SameSite",
            new Hint("Đặt cờ Secure, HttpOnly và SameSite cho mọi cookie.",
                "Set the Secure, HttpOnly and SameSite flags on every cookie.")),
        new PostureCheck<HeaderPosture>("security.headers.mixed", r.mixedContent(),
            h -> h.mixedContent() ? 0 : 1,
            h -> h.mixedContent() ? "trang HTTPS tải tài nguyên qua http://" : "không có nội dung hỗn hợp",
            new Hint("Tải mọi tài nguyên (ảnh, script, CSS) qua https://.",
                "Load every resource (images, scripts, CSS) over https://.")),
        new PostureCheck<HeaderPosture>("security.headers.server", r.serverVersion(),
            h -> h.serverVersionLeak() ? 0 : 1,
            h -> h.serverVersionLeak() ? "Server hoặc X-Powered-By lộ phiên bản phần mềm" : "không lộ phiên bản phần mềm",
            new Hint("Ẩn phiên bản phần mềm trong tiêu đề Server và X-Powered-By.",
                "Hide software versions in the Server and X-Powered-By headers."))));
  }

  private static double penalty(int points, int outOf) {
    return outOf == 0 ? 0 : points / (double) outOf;
  }
}
