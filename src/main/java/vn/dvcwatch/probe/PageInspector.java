package vn.dvcwatch.probe;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import vn.dvcwatch.result.PagePosture;

/**
 * Static checks of a fetched page (docs/PROBING.md), no browser: what a screen-reader user, a phone user and the
 * 2024 data-protection criterion need to find in the HTML itself.
 */
final class PageInspector {
  /** The page findings plus mixed content, which belongs to the header posture. */
  record Findings(PagePosture page, boolean mixedContent) {}

  private static final Pattern PRIVACY = Pattern.compile(
      "chinh sach bao mat|quyen rieng tu|bao ve du lieu ca nhan|du lieu ca nhan|privacy|"
          + "chinh-sach-bao-mat|quyen-rieng-tu|bao-ve-du-lieu|du-lieu-ca-nhan");
  private static final Pattern MAX_SCALE = Pattern.compile("maximum-scale\\s*=\\s*([0-9.]+)");
  private static final Set<String> UNLABELED_OK = Set.of("hidden", "submit", "button", "image", "reset");

  private PageInspector() {}

  static Findings inspect(String html, String baseUri, boolean https) {
    Document doc = Jsoup.parse(html, baseUri);
    Element viewport = doc.selectFirst("meta[name=viewport]");
    String vp = viewport == null ? "" : viewport.attr("content").toLowerCase(Locale.ROOT).replace(" ", "");
    var scale = MAX_SCALE.matcher(vp);
    boolean zoomBlocked = vp.contains("user-scalable=no") || vp.contains("user-scalable=0")
        || (scale.find() && parse(scale.group(1)) < 2.0);
    PagePosture page = new PagePosture(
        !doc.select("html[lang]").attr("lang").isBlank(),
        !doc.title().isBlank(),
        viewport != null && !vp.isBlank(),
        zoomBlocked,
        doc.select("img:not([alt])").size(),
        unlabeledFields(doc),
        (int) doc.select("a[href]").stream().filter(a -> !named(a)).count(),
        !doc.select("meta[http-equiv~=(?i)^refresh$]").isEmpty(),
        doc.select("a[href]").stream().anyMatch(PageInspector::privacy));
    boolean mixed = https && !doc.select(
        "script[src^=http:], link[rel~=(?i)stylesheet][href^=http:], img[src^=http:], iframe[src^=http:],"
            + " audio[src^=http:], video[src^=http:], source[src^=http:], form[action^=http:]").isEmpty();
    return new Findings(page, mixed);
  }

  private static int unlabeledFields(Document doc) {
    Set<String> labelled = new HashSet<>();
    for (Element label : doc.select("label[for]")) {
      labelled.add(label.attr("for"));
    }
    int n = 0;
    for (Element field : doc.select("input, select, textarea")) {
      if (field.tagName().equals("input") && UNLABELED_OK.contains(field.attr("type").toLowerCase(Locale.ROOT))) {
        continue;
      }
      boolean ok = (field.hasAttr("id") && labelled.contains(field.id()))
          || field.closest("label") != null
          || !field.attr("aria-label").isBlank() || !field.attr("aria-labelledby").isBlank()
          || !field.attr("title").isBlank();
      n += ok ? 0 : 1;
    }
    return n;
  }

  private static boolean named(Element a) {
    return !a.text().isBlank() || !a.attr("aria-label").isBlank() || !a.attr("title").isBlank()
        || !a.attr("aria-labelledby").isBlank() || !a.select("img[alt~=\\S]").isEmpty();
  }

  private static boolean privacy(Element a) {
    return PRIVACY.matcher(fold(a.text() + " " + a.attr("href"))).find();
  }

  /** Lower case without diacritics, so "Chính sách bảo mật" and "chinh-sach-bao-mat" both match. */
  static String fold(String s) {
    String d = Normalizer.normalize(s.toLowerCase(Locale.ROOT).replace('đ', 'd'), Normalizer.Form.NFD);
    return d.replaceAll("\\p{M}+", "");
  }

  private static double parse(String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return 10;
    }
  }
}
