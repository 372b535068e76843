package vn.dvcwatch.web;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * What a portal's status means to a reader, the same on every page and badge: every status the API can
 * return has a word in both languages, a colour and a shape (colour alone fails WCAG 1.4.1 on phones). A
 * certificate a browser refuses is a DOWN with cause {@code certificate}, shown as its own state.
 */
enum StatusWords {
  UP("✓", "Hoạt động", "Up", null),
  DEGRADED("◆", "Chậm", "Slow", null),
  DOWN("✕", "Ngừng", "Down", null),
  CERT("⚠", "Lỗi chứng chỉ", "Certificate error", "Không truy cập an toàn"),
  FLAPPING("↯", "Chập chờn", "Flapping", null),
  PARTIAL("◐", "Lỗi cục bộ", "Partly down", null),
  UNKNOWN("?", "Chưa rõ", "Unknown", null);

  /** Problems in the order a reader wants them: unreachable first, then unstable, then slow. */
  static final List<StatusWords> PROBLEMS = List.of(DOWN, CERT, FLAPPING, PARTIAL, DEGRADED);

  final String shape;
  private final String vi;
  private final String en;
  private final String publicVi;

  StatusWords(String shape, String vi, String en, String publicVi) {
    this.shape = shape;
    this.vi = vi;
    this.en = en;
    this.publicVi = publicVi;
  }

  static StatusWords of(JsonObject portal) {
    String s = portal.getString("status");
    if ("DOWN".equals(s) && "certificate".equals(portal.getString("cause"))) {
      return CERT;
    }
    if (s == null) {
      return UNKNOWN;
    }
    try {
      StatusWords w = valueOf(s);
      return w == CERT ? UNKNOWN : w;
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }

  boolean problem() {
    return PROBLEMS.contains(this);
  }

  /** The word on the board, badges and the widget. */
  String word(Lang lang) {
    return lang == Lang.EN ? en : vi;
  }

  /** The word for citizens on /status: a certificate failure means the portal is not safe to open. */
  String publicWord(Lang lang) {
    if (this == CERT) {
      return lang == Lang.EN ? "Not safe to open" : publicVi;
    }
    return word(lang);
  }

  String css() {
    return "st-" + name().toLowerCase(Locale.ROOT);
  }

  /** The status as markup: shape (hidden from screen readers, which read the word) and word. */
  String html(String word) {
    return "<span class=\"status " + css() + "\"><span class=\"icon\" aria-hidden=\"true\">" + shape
        + "</span><span class=\"label\">" + Html.esc(word) + "</span></span>";
  }
}
