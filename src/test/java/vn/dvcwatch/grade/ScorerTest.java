package vn.dvcwatch.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dvcwatch.grade.Postures.clean;
import static vn.dvcwatch.grade.Postures.cleanHeaders;
import static vn.dvcwatch.grade.Postures.cleanPage;
import static vn.dvcwatch.grade.Postures.cleanTls;
import static vn.dvcwatch.grade.Postures.tls;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.dvcwatch.result.HeaderPosture;
import vn.dvcwatch.result.PagePosture;
import vn.dvcwatch.result.TlsPosture;

/** Table-driven: every criterion and cap of docs/SCORING.md with the default model. */
class ScorerTest {
  private static final Scorer SCORER = new Scorer(ScoringModel.v1());

  static Measurements with(UnaryOperator<Measurements> change) {
    return change.apply(clean("p"));
  }

  static Measurements uptime(Double u) {
    Measurements m = clean("p");
    return new Measurements("p", u, m.homeTtfbP75Ms(), m.homeTotalP75Ms(), true, m.eformTtfbP75Ms(),
        m.eformTotalP75Ms(), m.withinAShare(), true, m.homeTls(), m.eformTls(), m.homeHeaders(), m.eformHeaders(),
        m.homePage(), m.eformPage());
  }

  static Measurements timings(Double hTtfb, Double hTotal, boolean eform, Double eTtfb, Double eTotal, Double within) {
    Measurements m = clean("p");
    return new Measurements("p", 1.0, hTtfb, hTotal, eform, eTtfb, eTotal, within, true, m.homeTls(), m.eformTls(),
        m.homeHeaders(), m.eformHeaders(), m.homePage(), m.eformPage());
  }

  static Measurements postures(boolean https, TlsPosture home, TlsPosture eform, HeaderPosture hh, HeaderPosture eh,
      PagePosture hp, PagePosture ep) {
    return new Measurements("p", 1.0, 80.0, 900.0, true, 120.0, 1400.0, 1.0, https, home, eform, hh, eh, hp, ep);
  }

  static Measurements headers(HeaderPosture h) {
    return postures(true, cleanTls(), cleanTls(), h, cleanHeaders(), cleanPage(), cleanPage());
  }

  static Measurements page(PagePosture p) {
    return postures(true, cleanTls(), cleanTls(), cleanHeaders(), cleanHeaders(), p, cleanPage());
  }

  static Measurements tlsBoth(TlsPosture t) {
    return postures(true, t, t, cleanHeaders(), cleanHeaders(), cleanPage(), cleanPage());
  }

  static HeaderPosture h(Boolean redirect, boolean hsts, long maxAge, boolean csp, boolean unsafeInline, boolean xfo,
      boolean nosniff, boolean referrer, boolean leak, int cookies, int noSecure, int noHttpOnly, int noSameSite,
      boolean mixed) {
    return new HeaderPosture(redirect, hsts, maxAge, csp, unsafeInline, xfo, nosniff, referrer, leak, cookies, noSecure,
        noHttpOnly, noSameSite, mixed);
  }

  static PagePosture p(boolean lang, boolean title, boolean viewport, boolean zoomBlocked, int alt, int labels,
      int links, boolean refresh, boolean privacy) {
    return new PagePosture(lang, title, viewport, zoomBlocked, alt, labels, links, refresh, privacy);
  }

  static Stream<Arguments> criteria() {
    return Stream.of(
        // availability: the curve of docs/SCORING.md, linear between
        Arguments.of("uptime 100 %", uptime(1.0), "availability.uptime", 30.0, 30.0),
        Arguments.of("uptime 99.9 %", uptime(0.999), "availability.uptime", 30.0, 30.0),
        Arguments.of("uptime 99.7 %", uptime(0.997), "availability.uptime", 28.5, 30.0),
        Arguments.of("uptime 99 %", uptime(0.99), "availability.uptime", 24.0, 30.0),
        Arguments.of("uptime 98.5 %", uptime(0.985), "availability.uptime", 21.0, 30.0),
        Arguments.of("uptime 95 %", uptime(0.95), "availability.uptime", 9.0, 30.0),
        Arguments.of("uptime 92 %", uptime(0.92), "availability.uptime", 3.6, 30.0),
        Arguments.of("uptime 90 %", uptime(0.90), "availability.uptime", 0.0, 30.0),
        Arguments.of("uptime 50 %", uptime(0.5), "availability.uptime", 0.0, 30.0),
        Arguments.of("never probed", uptime(null), "availability.uptime", 0.0, 30.0),
        // performance
        Arguments.of("home TTFB 100 ms", timings(100.0, 900.0, true, 100.0, 900.0, 1.0), "performance.home.ttfb", 5.0, 5.0),
        Arguments.of("home TTFB 200 ms", timings(200.0, 900.0, true, 100.0, 900.0, 1.0), "performance.home.ttfb", 5.0, 5.0),
        Arguments.of("home TTFB 1000 ms", timings(1000.0, 1900.0, true, 100.0, 900.0, 1.0), "performance.home.ttfb", 2.5, 5.0),
        Arguments.of("home TTFB 1800 ms", timings(1800.0, 1900.0, true, 100.0, 900.0, 1.0), "performance.home.ttfb", 0.0, 5.0),
        Arguments.of("home TTFB none", timings(null, null, true, 100.0, 900.0, 1.0), "performance.home.ttfb", 0.0, 5.0),
        Arguments.of("home total 2.5 s", timings(100.0, 2500.0, true, 100.0, 900.0, 1.0), "performance.home.total", 5.0, 5.0),
        Arguments.of("home total 6.25 s", timings(100.0, 6250.0, true, 100.0, 900.0, 1.0), "performance.home.total", 2.5, 5.0),
        Arguments.of("home total 12 s", timings(100.0, 12000.0, true, 100.0, 900.0, 1.0), "performance.home.total", 0.0, 5.0),
        Arguments.of("eForm TTFB 600 ms", timings(100.0, 900.0, true, 600.0, 900.0, 1.0), "performance.eform.ttfb", 3.75, 5.0),
        Arguments.of("eForm total 8125 ms", timings(100.0, 900.0, true, 100.0, 8125.0, 1.0), "performance.eform.total", 1.25, 5.0),
        Arguments.of("eForm down", timings(100.0, 900.0, true, null, null, 1.0), "performance.eform.total", 0.0, 5.0),
        Arguments.of("no eForm: homepage stands in", timings(1000.0, 900.0, false, null, null, 1.0), "performance.eform.ttfb", 2.5, 5.0),
        Arguments.of("stability 100 %", timings(100.0, 900.0, true, 100.0, 900.0, 1.0), "performance.stability", 5.0, 5.0),
        Arguments.of("stability 95 %", timings(100.0, 900.0, true, 100.0, 900.0, 0.95), "performance.stability", 5.0, 5.0),
        Arguments.of("stability 72.5 %", timings(100.0, 900.0, true, 100.0, 900.0, 0.725), "performance.stability", 2.5, 5.0),
        Arguments.of("stability 50 %", timings(100.0, 900.0, true, 100.0, 900.0, 0.5), "performance.stability", 0.0, 5.0),
        Arguments.of("stability one-shot, eForm slow", timings(100.0, 900.0, true, 300.0, 900.0, null), "performance.stability", 0.0, 5.0),
        Arguments.of("stability one-shot, both fast", timings(100.0, 900.0, true, 150.0, 900.0, null), "performance.stability", 5.0, 5.0),
        // TLS, SSL-Labs style
        Arguments.of("TLS 1.3 ECDSA AES-256", tlsBoth(cleanTls()), "security.tls", 15.0, 15.0),
        Arguments.of("TLS 1.2 RSA 2048 AES-128 FS (89, A)",
            tlsBoth(tls("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "RSA", 2048, List.of(), true)), "security.tls", 15.0, 15.0),
        Arguments.of("TLS 1.0 still accepted → B",
            tlsBoth(tls("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "RSA", 2048, List.of("TLSv1"), true)), "security.tls", 11.25, 15.0),
        Arguments.of("TLS 1.1 negotiated → B",
            tlsBoth(tls("TLSv1.1", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "RSA", 2048, List.of("TLSv1.1"), true)), "security.tls", 11.25, 15.0),
        Arguments.of("no forward secrecy → B",
            tlsBoth(tls("TLSv1.2", "TLS_RSA_WITH_AES_256_GCM_SHA384", "RSA", 2048, List.of(), false)), "security.tls", 11.25, 15.0),
        Arguments.of("RSA 1024 → B",
            tlsBoth(tls("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "RSA", 1024, List.of(), true)), "security.tls", 11.25, 15.0),
        Arguments.of("3DES → C",
            tlsBoth(tls("TLSv1.2", "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", "RSA", 2048, List.of(), true)), "security.tls", 7.5, 15.0),
        Arguments.of("untrusted → 0", tlsBoth(new TlsPosture(false, "PKIX path building failed", true, 200, null,
            "TLSv1.3", "TLS_AES_256_GCM_SHA384", "EC", 256, "SHA256withECDSA", List.of(), true)), "security.tls", 0.0, 15.0),
        Arguments.of("wrong host → 0", tlsBoth(new TlsPosture(true, null, false, 200, null,
            "TLSv1.3", "TLS_AES_256_GCM_SHA384", "EC", 256, "SHA256withECDSA", List.of(), true)), "security.tls", 0.0, 15.0),
        Arguments.of("expired → 0", tlsBoth(Postures.expiredTls()), "security.tls", 0.0, 15.0),
        Arguments.of("weaker eForm counts",
            postures(true, cleanTls(), tls("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "RSA", 2048, List.of("TLSv1.1"), true),
                cleanHeaders(), cleanHeaders(), cleanPage(), cleanPage()), "security.tls", 11.25, 15.0),
        Arguments.of("no HTTPS → 0", postures(false, null, null, cleanHeaders(), cleanHeaders(), cleanPage(), cleanPage()), "security.tls", 0.0, 15.0),
        Arguments.of("HTTPS but no handshake yet", postures(true, null, null, cleanHeaders(), cleanHeaders(), cleanPage(), cleanPage()), "security.tls", 0.0, 15.0),
        // headers, Observatory modifiers × 0.1 (one page of two → half)
        Arguments.of("CSP missing on one page", headers(h(true, true, 31_536_000, false, false, true, true, true, false, 0, 0, 0, 0, false)), "security.headers.csp", 1.25, 2.5),
        Arguments.of("CSP unsafe-inline", headers(h(true, true, 31_536_000, true, true, true, true, true, false, 0, 0, 0, 0, false)), "security.headers.csp", 1.5, 2.5),
        Arguments.of("HSTS short", headers(h(true, false, 86_400, true, false, true, true, true, false, 0, 0, 0, 0, false)), "security.headers.hsts", 1.5, 2.0),
        Arguments.of("HSTS missing", headers(h(true, false, 0, true, false, true, true, true, false, 0, 0, 0, 0, false)), "security.headers.hsts", 1.0, 2.0),
        Arguments.of("X-Frame-Options missing", headers(h(true, true, 31_536_000, true, false, false, true, true, false, 0, 0, 0, 0, false)), "security.headers.frame", 1.0, 2.0),
        Arguments.of("no https redirect", headers(h(false, true, 31_536_000, true, false, true, true, true, false, 0, 0, 0, 0, false)), "security.headers.redirect", 1.0, 2.0),
        Arguments.of("redirect not tested", headers(h(null, true, 31_536_000, true, false, true, true, true, false, 0, 0, 0, 0, false)), "security.headers.redirect", 2.0, 2.0),
        Arguments.of("nosniff missing", headers(h(true, true, 31_536_000, true, false, true, false, true, false, 0, 0, 0, 0, false)), "security.headers.nosniff", 0.25, 0.5),
        Arguments.of("Referrer-Policy missing", headers(h(true, true, 31_536_000, true, false, true, true, false, false, 0, 0, 0, 0, false)), "security.headers.referrer", 0.25, 0.5),
        Arguments.of("cookie without Secure", headers(h(true, true, 31_536_000, true, false, true, true, true, false, 2, 1, 0, 0, false)), "security.headers.cookies", 2.0, 3.0),
        Arguments.of("cookie without any flag", headers(h(true, true, 31_536_000, true, false, true, true, true, false, 2, 2, 2, 2, false)), "security.headers.cookies", 1.5, 3.0),
        Arguments.of("mixed content", headers(h(true, true, 31_536_000, true, false, true, true, true, false, 0, 0, 0, 0, true)), "security.headers.mixed", 1.0, 2.0),
        Arguments.of("server version leak", headers(h(true, true, 31_536_000, true, false, true, true, true, true, 0, 0, 0, 0, false)), "security.headers.server", 0.25, 0.5),
        Arguments.of("headers never measured", postures(true, cleanTls(), cleanTls(), null, null, cleanPage(), cleanPage()), "security.headers.csp", 0.0, 2.5),
        // page checks, weights by impact (one page of two → half)
        Arguments.of("no lang", page(p(false, true, true, false, 0, 0, 0, false, true)), "accessibility.lang", 1.0, 2.0),
        Arguments.of("no title", page(p(true, false, true, false, 0, 0, 0, false, true)), "accessibility.title", 0.5, 1.0),
        Arguments.of("no viewport", page(p(true, true, false, false, 0, 0, 0, false, true)), "accessibility.viewport", 1.0, 2.0),
        Arguments.of("zoom blocked", page(p(true, true, true, true, 0, 0, 0, false, true)), "accessibility.zoom", 1.0, 2.0),
        Arguments.of("5 images without alt", page(p(true, true, true, false, 5, 0, 0, false, true)), "accessibility.alt", 1.5, 2.0),
        Arguments.of("10 images without alt", page(p(true, true, true, false, 10, 0, 0, false, true)), "accessibility.alt", 1.0, 2.0),
        Arguments.of("5 unlabeled fields", page(p(true, true, true, false, 0, 5, 0, false, true)), "accessibility.labels", 1.0, 2.0),
        Arguments.of("5 unnamed links", page(p(true, true, true, false, 0, 0, 5, false, true)), "accessibility.links", 0.75, 1.0),
        Arguments.of("meta refresh", page(p(true, true, true, false, 0, 0, 0, true, true)), "accessibility.refresh", 0.5, 1.0),
        Arguments.of("no privacy policy link", page(p(true, true, true, false, 0, 0, 0, false, false)), "accessibility.privacy", 1.0, 2.0),
        Arguments.of("page never fetched", postures(true, cleanTls(), cleanTls(), cleanHeaders(), cleanHeaders(), null, null), "accessibility.privacy", 0.0, 2.0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("criteria")
  void criterion(String name, Measurements m, String id, double points, double max) {
    Scorecard card = SCORER.score(m);
    Criterion c = row(card, id);
    assertThat(c.points()).as(c.measurement()).isEqualTo(points);
    assertThat(c.max()).isEqualTo(max);
    assertThat(c.measurement()).isNotBlank();
    if (points < max) {
      assertThat(c.hintVi()).isNotBlank();
      assertThat(c.hintEn()).isNotBlank();
    } else {
      assertThat(c.hintVi()).isEmpty();
    }
    assertThat(sumCenti(card)).isEqualTo(Points.centi(card.score()));
  }

  static Stream<Arguments> caps() {
    TlsPosture expired = Postures.expiredTls();
    return Stream.of(
        Arguments.of("clean: no cap", clean("p"), List.of(), 100.0, "A"),
        Arguments.of("no HTTPS → 49", postures(false, null, null, cleanHeaders(), cleanHeaders(), cleanPage(), cleanPage()),
            List.of(-36.0), 49.0, "E"),
        Arguments.of("expired certificate → 64", tlsBoth(expired), List.of(-21.0), 64.0, "D"),
        Arguments.of("expired eForm certificate → 64", postures(true, cleanTls(), expired, cleanHeaders(), cleanHeaders(),
            cleanPage(), cleanPage()), List.of(-21.0), 64.0, "D"),
        Arguments.of("no HTTPS and a bad eForm certificate: the stricter first",
            postures(false, null, expired, cleanHeaders(), cleanHeaders(), cleanPage(), cleanPage()), List.of(-36.0, 0.0),
            49.0, "E"),
        Arguments.of("cap that does not bite", new Measurements("p", 0.5, null, null, true, null, null, 0.0, false, null, null,
            null, null, null, null), List.of(0.0), 0.0, "E"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("caps")
  void cap(String name, Measurements m, List<Double> capPoints, double score, String grade) {
    Scorecard card = SCORER.score(m);
    assertThat(card.caps()).extracting(Criterion::points).containsExactlyElementsOf(capPoints);
    assertThat(card.score()).isEqualTo(score);
    assertThat(card.grade()).isEqualTo(grade);
    assertThat(sumCenti(card)).isEqualTo(Points.centi(card.score()));
  }

  @Test
  void aCleanFastPortalScoresFullMarksWithAHintlessCard() {
    Scorecard card = SCORER.score(clean("ha-noi"));
    assertThat(card.portalId()).isEqualTo("ha-noi");
    assertThat(card.score()).isEqualTo(100.0);
    assertThat(card.breakdown()).allSatisfy(c -> assertThat(c.points()).isEqualTo(c.max()));
    assertThat(card.breakdown()).extracting(Criterion::pillar).containsOnly("availability", "performance", "security",
        "accessibility");
    assertThat(card.breakdown().stream().mapToLong(c -> Points.centi(c.max())).sum()).isEqualTo(10_000);
  }

  static long sumCenti(Scorecard card) {
    return Stream.concat(card.breakdown().stream(), card.caps().stream()).mapToLong(c -> Points.centi(c.points())).sum();
  }

  static Criterion row(Scorecard card, String id) {
    return card.breakdown().stream().filter(c -> c.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + id));
  }

  @Test
  void anUnmeasuredCriterionEarnsNothingAndTheMeasuredOnesAreScaledInTheirOwnRow() {
    HeaderPosture untested = h(null, true, 31_536_000, true, false, true, true, true, false, 0, 0, 0, 0, false);
    Scorecard card = SCORER.score(postures(true, cleanTls(), cleanTls(), untested, untested, cleanPage(), cleanPage()));
    Criterion redirect = card.breakdown().stream().filter(c -> c.id().equals("security.headers.redirect")).findFirst()
        .orElseThrow();
    assertThat(redirect.measured()).isFalse();
    assertThat(redirect.points()).isZero();
    assertThat(redirect.max()).isEqualTo(2.0);
    assertThat(redirect.measurement()).startsWith("chưa đo được: ");
    assertThat(redirect.hintVi()).isEmpty();
    Criterion scaling = card.breakdown().get(card.breakdown().size() - 1);
    assertThat(scaling.id()).isEqualTo(Scorer.SCALING);
    assertThat(scaling.max()).isZero();
    // 98 of the 98 measured points, scaled to the whole 100: the row adds the 2.
    assertThat(scaling.points()).isEqualTo(2.0);
    assertThat(scaling.measurement()).isEqualTo("2.0 điểm chưa đo được; 98.0/98.0 điểm đã đo quy về thang 100.0");
    assertThat(card.breakdown().stream().mapToDouble(Criterion::points).sum()).isCloseTo(card.score(),
        org.assertj.core.data.Offset.offset(1e-9));
    assertThat(card.score()).isEqualTo(100.0);

    // Weak elsewhere: the scaling is proportional, never a free 2 points.
    HeaderPosture weak = h(null, false, 0, true, false, true, true, true, false, 0, 0, 0, 0, false);
    Scorecard worse = SCORER.score(postures(true, cleanTls(), cleanTls(), weak, weak, cleanPage(), cleanPage()));
    double raw = worse.breakdown().stream().filter(c -> !c.id().equals(Scorer.SCALING)).mapToDouble(Criterion::points).sum();
    assertThat(worse.score()).isCloseTo(raw * 100 / 98, org.assertj.core.data.Offset.offset(0.01));
  }
}
