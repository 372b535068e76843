package vn.dvcwatch.probe;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;
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
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  // Selectors parsed once (jsoup's evaluators are thread-safe): parsing them again for every page, and the
  // image-alt one for every link with a regex compiled each time, was about a tenth of the watchdog's CPU
  // samples in a JFR profile of a small P1-like run (200 simulated portals, 80 probes/s).
  private static final Evaluator VIEWPORT = Selector.evaluatorOf("meta[name=viewport]");
  private static final Evaluator HTML_LANG = Selector.evaluatorOf("html[lang]");
  private static final Evaluator IMG_NO_ALT = Selector.evaluatorOf("img:not([alt])");
  private static final Evaluator LINKS = Selector.evaluatorOf("a[href]");
  private static final Evaluator REFRESH = Selector.evaluatorOf("meta[http-equiv~=(?i)^refresh$]");
  private static final Evaluator INSECURE = Selector.evaluatorOf(
      "script[src^=http:], link[rel~=(?i)stylesheet][href^=http:], img[src^=http:], iframe[src^=http:],"
          + " audio[src^=http:], video[src^=http:], source[src^=http:], form[action^=http:]");
  private static final Evaluator LABELS = Selector.evaluatorOf("label[for]");
  private static final Evaluator FIELDS = Selector.evaluatorOf("input, select, textarea");
  private static final Evaluator LABEL = Selector.evaluatorOf("label");
  private static final Evaluator IMG_WITH_ALT = Selector.evaluatorOf("img[alt~=\\S]");

  private PageInspector() {}

  static Findings inspect(String html, String baseUri, boolean https) {
    Document doc = Jsoup.parse(html, baseUri);
    var links = doc.select(LINKS);
    Element viewport = doc.selectFirst(VIEWPORT);
    String vp = viewport == null ? "" : viewport.attr("content").toLowerCase(Locale.ROOT).replace(" ", "");
    var scale = MAX_SCALE.matcher(vp);
    boolean zoomBlocked = vp.contains("user-scalable=no") || vp.contains("user-scalable=0")
        || (scale.find() && parse(scale.group(1)) < 2.0);
    PagePosture page = new PagePosture(
        !doc.select(HTML_LANG).attr("lang").isBlank(),
        !doc.title().isBlank(),
        viewport != null && !vp.isBlank(),
        zoomBlocked,
        doc.select(IMG_NO_ALT).size(),
        unlabeledFields(doc),
        (int) links.stream().filter(a -> !named(a)).count(),
        !doc.select(REFRESH).isEmpty(),
        links.stream().anyMatch(PageInspector::privacy));
    boolean mixed = https && !doc.select(INSECURE).isEmpty();
    return new Findings(page, mixed);
  }

  private static int unlabeledFields(Document doc) {
    Set<String> labelled = new HashSet<>();
    for (Element label : doc.select(LABELS)) {
      labelled.add(label.attr("for"));
    }
    int n = 0;
    for (Element field : doc.select(FIELDS)) {
      if (field.tagName().equals("input") && UNLABELED_OK.contains(field.attr("type").toLowerCase(Locale.ROOT))) {
        continue;
      }
      boolean ok = (field.hasAttr("id") && labelled.contains(field.id()))
          || field.closest(LABEL) != null
          || !field.attr("aria-label").isBlank() || !field.attr("aria-labelledby").isBlank()
          || !field.attr("title").isBlank();
      n += ok ? 0 : 1;
    }
    return n;
  }

  private static boolean named(Element a) {
    return !a.text().isBlank() || !a.attr("aria-label").isBlank() || !a.attr("title").isBlank()
        || !a.attr("aria-labelledby").isBlank() || a.selectFirst(IMG_WITH_ALT) != null;
  }

  private static boolean privacy(Element a) {
    return PRIVACY.matcher(fold(a.text() + " " + a.attr("href"))).find();
  }

  /** Lower case without diacritics, so "Chính sách bảo mật" and "chinh-sach-bao-mat" both match. */
  static String fold(String s) {
    String d = Normalizer.normalize(s.toLowerCase(Locale.ROOT).replace('đ', 'd'), Normalizer.Form.NFD);
    return MARKS.matcher(d).replaceAll("");
  }

  private static double parse(String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return 10;
    }
  }
}
