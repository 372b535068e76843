package vn.dvcwatch.web;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * A shields-style grade badge ({@code /badge/{id}.svg}) that portal teams put on their own sites.
 * Plain attributes only (no style element), so it renders under any CSP and in any {@code <img>}.
 */
final class Badge {
  private static final String LABEL = "DVC";

  private Badge() {}

  /**
   * The badge of a ranked portal: grade and score coloured by band; a problem state in words (a badge is
   * text, so the state never rests on colour alone), red when the portal cannot be used.
   */
  static String of(JsonObject portal, Lang lang) {
    String grade = portal.getString("grade");
    Number score = portal.getNumber("score");
    StatusWords status = StatusWords.of(portal);
    String word = status.word(lang).toLowerCase(Locale.forLanguageTag(lang.code));
    String value;
    String colour;
    if (status == StatusWords.DOWN || status == StatusWords.CERT || status == StatusWords.FLAPPING
        || status == StatusWords.PARTIAL) {
      value = (grade == null ? "" : grade + " · ") + word;
      colour = status == StatusWords.FLAPPING ? "#6b21a8" : status == StatusWords.PARTIAL ? "#9a3412" : "#b71c1c";
    } else if (grade == null) {
      value = lang == Lang.EN ? "not graded yet" : "chưa xếp loại";
      colour = "#616161";
    } else {
      value = grade + (score == null ? "" : " · " + Math.round(score.doubleValue()));
      colour = colour(grade);
    }
    return render(LABEL + " " + portal.getString("id"), value, colour);
  }

  static String unknown(String id) {
    return render(LABEL, "unknown portal", "#616161");
  }

  static String colour(String grade) {
    return switch (grade.toUpperCase(Locale.ROOT)) {
      case "A" -> "#1b7f3b";
      case "B" -> "#4d7c0f";
      case "C" -> "#9a6700";
      case "D" -> "#c2410c";
      default -> "#b71c1c";
    };
  }

  private static String render(String label, String value, String colour) {
    int lw = width(label);
    int vw = width(value);
    int w = lw + vw;
    String title = Html.esc(label + ": " + value);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"20\" role=\"img\" aria-label=\""
        + title + "\"><title>" + title + "</title>"
        + "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/>"
        + "<stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>"
        + "<clipPath id=\"r\"><rect width=\"" + w + "\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>"
        + "<g clip-path=\"url(#r)\"><rect width=\"" + lw + "\" height=\"20\" fill=\"#333\"/>"
        + "<rect x=\"" + lw + "\" width=\"" + vw + "\" height=\"20\" fill=\"" + colour + "\"/>"
        + "<rect width=\"" + w + "\" height=\"20\" fill=\"url(#s)\"/></g>"
        + "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" font-size=\"11\">"
        + "<text x=\"" + lw / 2.0 + "\" y=\"14\">" + Html.esc(label) + "</text>"
        + "<text x=\"" + (lw + vw / 2.0) + "\" y=\"14\">" + Html.esc(value) + "</text></g></svg>";
  }

  /** Verdana 11 px averages about 7 px a character; 10 px of padding each side. */
  private static int width(String text) {
    return text.codePointCount(0, text.length()) * 7 + 10;
  }
}
