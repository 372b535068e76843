package vn.dvcwatch.grade;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.dvcwatch.config.YamlNode;
import vn.dvcwatch.grade.ScoringModel.Availability;
import vn.dvcwatch.grade.ScoringModel.Bands;
import vn.dvcwatch.grade.ScoringModel.BrowserRules;
import vn.dvcwatch.grade.ScoringModel.Caps;
import vn.dvcwatch.grade.ScoringModel.HeaderRules;
import vn.dvcwatch.grade.ScoringModel.PageRules;
import vn.dvcwatch.grade.ScoringModel.Performance;
import vn.dvcwatch.grade.ScoringModel.Point;
import vn.dvcwatch.grade.ScoringModel.Scale;
import vn.dvcwatch.grade.ScoringModel.TlsRules;

/**
 * Walks {@code scoring.yaml} into a {@link ScoringModel}. Every field is required (a missing weight
 * would silently change published scores), unknown fields are refused, and the pillar maxima must add
 * up to exactly 100 so that a score can never leave 0..100.
 */
final class ScoringModelReader {
  private static final String LETTERS = "ABCDEF";

  private ScoringModelReader() {}

  static ScoringModel read(YamlNode root) {
    root.only(Set.of("version", "bands", "evaluation", "hysteresis", "provisional", "availability", "performance", "security",
        "accessibility", "caps", "browser"));
    int version = required(root.get("version")).integer(0);
    if (version < 1 || version > ScoringModel.LATEST_VERSION) {
      throw root.get("version").fail("only versions 1 and " + ScoringModel.LATEST_VERSION + " are known");
    }
    BrowserRules browser = null;
    if (version == 1 && root.get("browser").present()) {
      throw root.get("browser").fail("version 1 does not score browser figures (use version 2)");
    } else if (version >= 2) {
      browser = browser(required(root.get("browser")));
    }
    Bands bands = bands(root.get("bands").only(Set.of("A", "B", "C", "D")));
    YamlNode every = required(root.get("evaluation").only(Set.of("every")).get("every"));
    Duration evaluateEvery = every.duration(null);
    if (evaluateEvery.compareTo(Duration.ofSeconds(1)) < 0 || evaluateEvery.compareTo(Duration.ofHours(1)) > 0) {
      throw every.fail("must be between 1s and 1h");
    }
    int confirmations = required(root.get("hysteresis").only(Set.of("confirmations")).get("confirmations"))
        .integer(2, 1, 20);
    int minProbes = required(root.get("provisional").only(Set.of("minProbes")).get("minProbes"))
        .integer(10, 0, 100_000);
    Availability availability = availability(root.get("availability").only(Set.of("max", "days", "curve")));
    Performance performance = performance(root.get("performance"));
    YamlNode security = root.get("security").only(Set.of("tls", "headers"));
    TlsRules tls = tls(security.get("tls"));
    HeaderRules headers = headers(security.get("headers"));
    PageRules page = page(root.get("accessibility"));
    YamlNode capsNode = root.get("caps").only(Set.of("noHttps", "invalidCertificate"));
    Caps caps = new Caps(num(capsNode.get("noHttps"), 0, 100), num(capsNode.get("invalidCertificate"), 0, 100));

    double total = availability.max() + performance.homeTtfb().max() + performance.homeTotal().max()
        + performance.eformTtfb().max() + performance.eformTotal().max() + performance.stability().max()
        + tls.max() + headers.max() + page.max() + (browser == null ? 0 : browser.cls().max());
    if (Math.abs(total - 100) > 1e-9) {
      throw root.fail("the maxima of all criteria add up to " + total + ", not 100");
    }
    return new ScoringModel(bands, evaluateEvery, confirmations, minProbes, availability, performance, tls, headers, page, caps,
        version, browser);
  }

  private static BrowserRules browser(YamlNode n) {
    n.only(Set.of("method", "cls", "axe"));
    String method = required(n.get("method")).string("");
    if (!Set.of("none", "devtools-4g-4x-cpu").contains(method)) {
      throw n.get("method").fail("must be none or devtools-4g-4x-cpu (a browser.throttling method)");
    }
    YamlNode cls = n.get("cls").only(Set.of("max", "full", "zero"));
    Scale clsScale = new Scale(num(cls.get("max"), 0, 100), num(cls.get("full"), 0, 10), num(cls.get("zero"), 0, 10));
    if (!(clsScale.full() < clsScale.zero())) {
      throw cls.fail("full must be below zero (a lower CLS is better)");
    }
    YamlNode axe = n.get("axe").only(Set.of("critical", "serious", "moderate", "minor", "zeroAt"));
    BrowserRules r = new BrowserRules(method, clsScale, weight(axe.get("critical")), weight(axe.get("serious")),
        weight(axe.get("moderate")), weight(axe.get("minor")), whole(axe.get("zeroAt"), 1, 10_000));
    if (!(r.critical() >= r.serious() && r.serious() >= r.moderate() && r.moderate() >= r.minor())) {
      throw axe.fail("impact weights must not rise from critical to minor");
    }
    return r;
  }

  private static YamlNode required(YamlNode n) {
    if (!n.present()) {
      throw n.fail("is required");
    }
    return n;
  }

  private static double num(YamlNode n, double min, double max) {
    return required(n).number(0, min, max);
  }

  private static int whole(YamlNode n, int min, int max) {
    return required(n).integer(0, min, max);
  }

  private static Bands bands(YamlNode n) {
    Bands b = new Bands(num(n.get("A"), 0, 100), num(n.get("B"), 0, 100), num(n.get("C"), 0, 100),
        num(n.get("D"), 0, 100));
    if (!(b.a() > b.b() && b.b() > b.c() && b.c() > b.d())) {
      throw n.fail("bands must be strictly descending: A > B > C > D");
    }
    return b;
  }

  private static Availability availability(YamlNode n) {
    double max = num(n.get("max"), 0, 100);
    int days = whole(n.get("days"), 1, UptimeHours.HOURS / 24);
    List<Point> curve = new ArrayList<>();
    List<YamlNode> items = required(n.get("curve")).items();
    for (YamlNode item : items) {
      item.only(Set.of("uptime", "points"));
      Point p = new Point(num(item.get("uptime"), 0, 100), num(item.get("points"), 0, max));
      if (!curve.isEmpty()) {
        Point prev = curve.get(curve.size() - 1);
        if (!(p.x() < prev.x()) || p.y() > prev.y()) {
          throw item.fail("curve points must go down in uptime and never up in points");
        }
      }
      curve.add(p);
    }
    if (curve.size() < 2) {
      throw n.get("curve").fail("needs at least two points");
    }
    if (curve.get(0).y() != max) {
      throw items.get(0).get("points").fail("the best point must give the maximum " + max);
    }
    return new Availability(max, days, List.copyOf(curve));
  }

  private static Performance performance(YamlNode n) {
    n.only(Set.of("window", "percentile", "homeTtfb", "homeTotal", "eformTtfb", "eformTotal", "stability"));
    Duration window = required(n.get("window")).duration(null);
    if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(Duration.ofDays(1)) > 0) {
      throw n.get("window").fail("must be between 1m and 1d");
    }
    int percentile = whole(n.get("percentile"), 1, 99);
    YamlNode s = n.get("stability").only(Set.of("max", "ttfbMs", "totalMs", "fullShare", "zeroShare"));
    double full = num(s.get("fullShare"), 0, 1);
    double zero = num(s.get("zeroShare"), 0, 1);
    if (!(zero < full)) {
      throw s.get("zeroShare").fail("must be below fullShare");
    }
    Scale stability = new Scale(num(s.get("max"), 0, 100), full, zero);
    return new Performance(window, percentile, timeScale(n.get("homeTtfb")), timeScale(n.get("homeTotal")),
        timeScale(n.get("eformTtfb")), timeScale(n.get("eformTotal")), num(s.get("ttfbMs"), 1, 600_000),
        num(s.get("totalMs"), 1, 600_000), stability);
  }

  private static Scale timeScale(YamlNode n) {
    n.only(Set.of("max", "fullMs", "zeroMs"));
    Scale scale = new Scale(num(n.get("max"), 0, 100), num(n.get("fullMs"), 0, 600_000),
        num(n.get("zeroMs"), 0, 600_000));
    if (!(scale.full() < scale.zero())) {
      throw n.get("zeroMs").fail("must be above fullMs");
    }
    return scale;
  }

  private static TlsRules tls(YamlNode n) {
    n.only(Set.of("max", "weights", "letters", "caps"));
    YamlNode w = n.get("weights").only(Set.of("protocol", "keyExchange", "cipher"));
    double protocol = num(w.get("protocol"), 0, 1);
    double key = num(w.get("keyExchange"), 0, 1);
    double cipher = num(w.get("cipher"), 0, 1);
    if (Math.abs(protocol + key + cipher - 1) > 1e-9) {
      throw w.fail("protocol + keyExchange + cipher must add up to 1");
    }
    YamlNode l = n.get("letters").only(Set.of("A", "B", "C", "D", "E", "F"));
    Map<Character, Double> share = new HashMap<>();
    double previous = 1;
    for (char c : LETTERS.toCharArray()) {
      YamlNode item = l.get(String.valueOf(c));
      double v = num(item, 0, 1);
      if (v > previous) {
        throw item.fail("a worse letter cannot give a larger share");
      }
      share.put(c, v);
      previous = v;
    }
    if (share.get('A') != 1.0) {
      throw l.get("A").fail("A must give the full share 1.0");
    }
    YamlNode caps = n.get("caps").only(Set.of("legacyProtocols", "noForwardSecrecy", "weakKey", "weakCipher"));
    return new TlsRules(num(n.get("max"), 0, 100), protocol, key, cipher, Map.copyOf(share),
        letter(caps.get("legacyProtocols")), letter(caps.get("noForwardSecrecy")), letter(caps.get("weakKey")),
        letter(caps.get("weakCipher")));
  }

  private static char letter(YamlNode n) {
    String v = required(n).requiredString();
    if (v.length() != 1 || LETTERS.indexOf(v.charAt(0)) < 0) {
      throw n.fail("not a letter A..F: \"" + v + "\"");
    }
    return v.charAt(0);
  }

  private static HeaderRules headers(YamlNode n) {
    n.only(Set.of("max", "csp", "hsts", "frameOptions", "httpsRedirect", "contentTypeOptions", "referrerPolicy",
        "cookies", "mixedContent", "serverVersion"));
    YamlNode csp = n.get("csp").only(Set.of("missing", "unsafeInline"));
    YamlNode hsts = n.get("hsts").only(Set.of("missing", "short"));
    YamlNode cookies = n.get("cookies").only(Set.of("notSecure", "notHttpOnly", "noSameSite"));
    HeaderRules rules = new HeaderRules(num(n.get("max"), 0, 100),
        penalty(csp.get("missing")), penalty(csp.get("unsafeInline")),
        penalty(hsts.get("missing")), penalty(hsts.get("short")),
        single(n.get("frameOptions"), "missing"), single(n.get("httpsRedirect"), "missing"),
        single(n.get("contentTypeOptions"), "missing"), single(n.get("referrerPolicy"), "missing"),
        penalty(cookies.get("notSecure")), penalty(cookies.get("notHttpOnly")), penalty(cookies.get("noSameSite")),
        single(n.get("mixedContent"), "present"), single(n.get("serverVersion"), "revealed"));
    if (rules.cspMissing() + rules.cspUnsafeInline() + rules.hstsMissing() + rules.hstsShort() + rules.frameMissing()
        + rules.redirectMissing() + rules.nosniffMissing() + rules.referrerMissing() + rules.cookieNotSecure()
        + rules.cookieNotHttpOnly() + rules.cookieNoSameSite() + rules.mixedContent() + rules.serverVersion() == 0) {
      throw n.fail("at least one header check needs a penalty");
    }
    return rules;
  }

  private static int penalty(YamlNode n) {
    return whole(n, 0, 100);
  }

  private static int single(YamlNode n, String key) {
    return penalty(n.only(Set.of(key)).get(key));
  }

  private static PageRules page(YamlNode n) {
    n.only(Set.of("max", "lang", "title", "viewport", "zoom", "imagesAlt", "fieldLabels", "linkNames", "metaRefresh",
        "privacyPolicy"));
    YamlNode alt = n.get("imagesAlt").only(Set.of("weight", "zeroAt"));
    YamlNode labels = n.get("fieldLabels").only(Set.of("weight", "zeroAt"));
    YamlNode links = n.get("linkNames").only(Set.of("weight", "zeroAt"));
    PageRules rules = new PageRules(num(n.get("max"), 0, 100), weight(n.get("lang")), weight(n.get("title")),
        weight(n.get("viewport")), weight(n.get("zoom")),
        weight(alt.get("weight")), whole(alt.get("zeroAt"), 1, 10_000),
        weight(labels.get("weight")), whole(labels.get("zeroAt"), 1, 10_000),
        weight(links.get("weight")), whole(links.get("zeroAt"), 1, 10_000),
        weight(n.get("metaRefresh")), weight(n.get("privacyPolicy")));
    if (rules.lang() + rules.title() + rules.viewport() + rules.zoom() + rules.alt() + rules.labels() + rules.links()
        + rules.refresh() + rules.privacy() == 0) {
      throw n.fail("at least one page check needs a weight");
    }
    return rules;
  }

  private static int weight(YamlNode n) {
    return whole(n, 0, 100);
  }
}
