package vn.dvcwatch.sim;

/**
 * How accessible a simulated portal's pages are (WCAG 2.0 checks of the 2023 evaluation, the 2024
 * personal-data criterion, mobile compatibility).
 *
 * @param zoomBlocked the viewport meta forbids zooming ({@code user-scalable=no}); only with a viewport
 * @param imagesWithoutAlt images without an {@code alt} attribute on each page
 * @param unlabeledFields eForm fields without a label
 * @param privacyLink a link to "Chính sách bảo vệ dữ liệu cá nhân" on the homepage
 */
public record PageFlags(boolean lang, boolean title, boolean viewport, boolean zoomBlocked, boolean privacyLink,
    int imagesWithoutAlt, int unlabeledFields) {}
