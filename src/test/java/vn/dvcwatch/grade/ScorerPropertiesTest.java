package vn.dvcwatch.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.HeaderPosture;
import vn.dvcwatch.result.PagePosture;
import vn.dvcwatch.result.TlsPosture;

/** Properties of the scorer over random measurements (fixed seed, so a failure reproduces). */
class ScorerPropertiesTest {
  private static final Scorer SCORER = new Scorer(ScoringModel.defaults());
  private static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
  private static final List<String> CIPHERS = List.of("TLS_RSA_WITH_NULL_SHA", "TLS_RSA_EXPORT_WITH_RC4_40_MD5",
      "TLS_RSA_WITH_DES_CBC_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_RC4_128_SHA",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384");
  private static final int RUNS = 1000;

  private final Random random = new Random(20261124L);

  @Test
  void scoresStayWithin0And100AndRowsAddUpToTheScore() {
    for (int i = 0; i < RUNS; i++) {
      Measurements m = measurements();
      Scorecard card = SCORER.score(m);
      assertThat(card.score()).as(m::toString).isBetween(0.0, 100.0);
      assertThat(card.grade()).isEqualTo(SCORER.model().bands().band(card.score()));
      assertThat(ScorerTest.sumCenti(card)).as(m::toString).isEqualTo(Points.centi(card.score()));
      assertThat(card.breakdown()).allSatisfy(c -> {
        assertThat(c.measurement()).isNotBlank();
        if (c.id().equals(Scorer.SCALING)) {
          assertThat(c.points()).as("scaling up, never down").isGreaterThanOrEqualTo(0.0);
          return;
        }
        assertThat(c.points()).isBetween(0.0, c.max());
        // Not measured: no points and nothing to fix (nothing is known); measured: a hint unless full.
        assertThat(c.hintVi().isEmpty()).as(c::toString).isEqualTo(!c.measured() || c.points() == c.max());
        assertThat(c.measured() || c.points() == 0).as(c::toString).isTrue();
        assertThat(c.hintEn().isEmpty()).isEqualTo(c.hintVi().isEmpty());
      });
      assertThat(card.caps()).allSatisfy(c -> assertThat(c.points()).isLessThanOrEqualTo(0.0));
    }
  }

  /** The pages' English mode shows every measurement in English: no phrase may be missing from the table. */
  @Test
  void everyMeasurementAndCapHasItsEnglish() {
    java.util.regex.Pattern vietnamese = java.util.regex.Pattern.compile("[\\u00C0-\\u1EF9]");
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < RUNS; i++) {
      Scorecard card = SCORER.score(measurements());
      Stream.concat(card.breakdown().stream(), card.caps().stream()).forEach(c -> {
        String en = MeasurementEn.of(c.measurement());
        assertThat(vietnamese.matcher(en).find()).as(c.measurement() + " → " + en).isFalse();
        seen.add(c.id());
      });
    }
    assertThat(seen).as("the random portals reach every kind of row").contains("cap.no_https", "cap.invalid_certificate",
        Scorer.SCALING, "security.tls", "performance.stability", "accessibility.privacy");
    assertThat(MeasurementEn.of("99.95 % thời gian hoạt động (trang chủ và eForm, 30 ngày gần nhất)"))
        .isEqualTo("99.95 % uptime (homepage and eForm, last 30 days)");
    assertThat(MeasurementEn.of("trang chủ: không có Content-Security-Policy; eForm: có Content-Security-Policy"))
        .isEqualTo("homepage: no Content-Security-Policy; eForm: Content-Security-Policy present");
  }

  @Test
  void improvingAnySingleMeasurementNeverLowersTheScore() {
    List<BiFunction<Measurements, Random, Measurements>> improvements = improvements();
    for (int i = 0; i < RUNS; i++) {
      Measurements m = measurements();
      double before = SCORER.score(m).score();
      for (int k = 0; k < improvements.size(); k++) {
        int fix = k;
        Measurements better = improvements.get(k).apply(m, random);
        if (better != null) {
          assertThat(SCORER.score(better).score()).as(() -> "improvement " + fix + " of " + m + " → " + better)
              .isGreaterThanOrEqualTo(before);
        }
      }
    }
  }

  private Measurements measurements() {
    boolean eform = random.nextBoolean();
    return new Measurements("p", maybe(() -> 0.85 + 0.15 * random.nextDouble()), time(), time(), eform,
        eform ? time() : null, eform ? time() : null, maybe(random::nextDouble), random.nextInt(5) > 0,
        maybe(this::tls), eform ? maybe(this::tls) : null, maybe(this::headers), eform ? maybe(this::headers) : null,
        maybe(this::page), eform ? maybe(this::page) : null);
  }

  private <T> T maybe(java.util.function.Supplier<T> value) {
    return random.nextInt(6) == 0 ? null : value.get();
  }

  private Double time() {
    return maybe(() -> random.nextDouble() * 12_000);
  }

  private TlsPosture tls() {
    List<String> legacy = new ArrayList<>();
    if (random.nextInt(3) == 0) {
      legacy.add("TLSv1");
    }
    if (random.nextInt(3) == 0) {
      legacy.add("TLSv1.1");
    }
    boolean ec = random.nextBoolean();
    int bits = ec ? List.of(160, 224, 256, 384).get(random.nextInt(4)) : List.of(512, 1024, 2048, 3072, 4096).get(random.nextInt(5));
    return new TlsPosture(random.nextInt(6) > 0, null, random.nextInt(6) > 0, random.nextInt(400) - 20, null,
        PROTOCOLS.get(random.nextInt(4)), CIPHERS.get(random.nextInt(CIPHERS.size())), ec ? "EC" : "RSA", bits,
        "SHA256withRSA", legacy, random.nextBoolean());
  }

  private HeaderPosture headers() {
    int cookies = random.nextInt(4);
    Boolean redirect = random.nextInt(3) == 0 ? null : random.nextBoolean();
    return new HeaderPosture(redirect, random.nextBoolean(), random.nextInt(3) * 10_000_000L, random.nextBoolean(),
        random.nextBoolean(), random.nextBoolean(), random.nextBoolean(), random.nextBoolean(), random.nextBoolean(),
        cookies, random.nextInt(cookies + 1), random.nextInt(cookies + 1), random.nextInt(cookies + 1),
        random.nextBoolean());
  }

  private PagePosture page() {
    return new PagePosture(random.nextBoolean(), random.nextBoolean(), random.nextBoolean(), random.nextBoolean(),
        random.nextInt(15), random.nextInt(8), random.nextInt(15), random.nextBoolean(), random.nextBoolean());
  }

  /** Each returns a copy of the measurements with one thing better, or null when it cannot get better. */
  private static List<BiFunction<Measurements, Random, Measurements>> improvements() {
    List<BiFunction<Measurements, Random, Measurements>> out = new ArrayList<>();
    out.add((m, r) -> new Measurements(m.portalId(), up(m.uptime(), r), m.homeTtfbP75Ms(), m.homeTotalP75Ms(),
        m.eformConfigured(), m.eformTtfbP75Ms(), m.eformTotalP75Ms(), m.withinAShare(), m.https(), m.homeTls(),
        m.eformTls(), m.homeHeaders(), m.eformHeaders(), m.homePage(), m.eformPage()));
    out.add((m, r) -> new Measurements(m.portalId(), m.uptime(), faster(m.homeTtfbP75Ms(), r), m.homeTotalP75Ms(),
        m.eformConfigured(), m.eformTtfbP75Ms(), m.eformTotalP75Ms(), m.withinAShare(), m.https(), m.homeTls(),
        m.eformTls(), m.homeHeaders(), m.eformHeaders(), m.homePage(), m.eformPage()));
    out.add((m, r) -> new Measurements(m.portalId(), m.uptime(), m.homeTtfbP75Ms(), faster(m.homeTotalP75Ms(), r),
        m.eformConfigured(), m.eformTtfbP75Ms(), m.eformTotalP75Ms(), m.withinAShare(), m.https(), m.homeTls(),
        m.eformTls(), m.homeHeaders(), m.eformHeaders(), m.homePage(), m.eformPage()));
    out.add((m, r) -> !m.eformConfigured() ? null : new Measurements(m.portalId(), m.uptime(), m.homeTtfbP75Ms(),
        m.homeTotalP75Ms(), true, faster(m.eformTtfbP75Ms(), r), m.eformTotalP75Ms(), m.withinAShare(), m.https(),
        m.homeTls(), m.eformTls(), m.homeHeaders(), m.eformHeaders(), m.homePage(), m.eformPage()));
    out.add((m, r) -> !m.eformConfigured() ? null : new Measurements(m.portalId(), m.uptime(), m.homeTtfbP75Ms(),
        m.homeTotalP75Ms(), true, m.eformTtfbP75Ms(), faster(m.eformTotalP75Ms(), r), m.withinAShare(), m.https(),
        m.homeTls(), m.eformTls(), m.homeHeaders(), m.eformHeaders(), m.homePage(), m.eformPage()));
    out.add((m, r) -> m.withinAShare() == null ? null : new Measurements(m.portalId(), m.uptime(), m.homeTtfbP75Ms(),
        m.homeTotalP75Ms(), m.eformConfigured(), m.eformTtfbP75Ms(), m.eformTotalP75Ms(),
        m.withinAShare() + (1 - m.withinAShare()) * r.nextDouble(), m.https(), m.homeTls(), m.eformTls(),
        m.homeHeaders(), m.eformHeaders(), m.homePage(), m.eformPage()));
    out.add((m, r) -> m.https() ? null : new Measurements(m.portalId(), m.uptime(), m.homeTtfbP75Ms(),
        m.homeTotalP75Ms(), m.eformConfigured(), m.eformTtfbP75Ms(), m.eformTotalP75Ms(), m.withinAShare(), true,
        m.homeTls(), m.eformTls(), m.homeHeaders(), m.eformHeaders(), m.homePage(), m.eformPage()));
    for (int i = 0; i < TLS_FIXES; i++) {
      int fix = i;
      out.add((m, r) -> {
        TlsPosture better = betterTls(m.homeTls(), fix);
        return better == null ? null : new Measurements(m.portalId(), m.uptime(), m.homeTtfbP75Ms(),
            m.homeTotalP75Ms(), m.eformConfigured(), m.eformTtfbP75Ms(), m.eformTotalP75Ms(), m.withinAShare(),
            m.https(), better, m.eformTls(), m.homeHeaders(), m.eformHeaders(), m.homePage(), m.eformPage());
      });
    }
    for (int i = 0; i < HEADER_FIXES; i++) {
      int fix = i;
      out.add((m, r) -> m.eformHeaders() == null ? null : new Measurements(m.portalId(), m.uptime(), m.homeTtfbP75Ms(),
          m.homeTotalP75Ms(), m.eformConfigured(), m.eformTtfbP75Ms(), m.eformTotalP75Ms(), m.withinAShare(), m.https(),
          m.homeTls(), m.eformTls(), m.homeHeaders(), betterHeaders(m.eformHeaders(), fix), m.homePage(), m.eformPage()));
    }
    for (int i = 0; i < PAGE_FIXES; i++) {
      int fix = i;
      out.add((m, r) -> m.homePage() == null ? null : new Measurements(m.portalId(), m.uptime(), m.homeTtfbP75Ms(),
          m.homeTotalP75Ms(), m.eformConfigured(), m.eformTtfbP75Ms(), m.eformTotalP75Ms(), m.withinAShare(), m.https(),
          m.homeTls(), m.eformTls(), m.homeHeaders(), m.eformHeaders(), betterPage(m.homePage(), fix), m.eformPage()));
    }
    return out;
  }

  private static Double up(Double u, Random r) {
    return u == null ? r.nextDouble() : u + (1 - u) * r.nextDouble();
  }

  private static Double faster(Double ms, Random r) {
    return ms == null ? r.nextDouble() * 12_000 : ms * r.nextDouble();
  }

  private static final int TLS_FIXES = 8;

  private static TlsPosture betterTls(TlsPosture t, int fix) {
    if (t == null) {
      return null; // a first handshake is a new measurement, not a better one
    }
    List<String> legacy = t.legacyProtocols();
    int protocol = PROTOCOLS.indexOf(t.protocol());
    int cipher = CIPHERS.indexOf(t.cipher());
    return switch (fix) {
      case 0 -> new TlsPosture(true, null, t.hostnameMatch(), t.daysLeft(), null, t.protocol(), t.cipher(), t.keyType(),
          t.keyBits(), t.signatureAlgorithm(), legacy, t.forwardSecrecy());
      case 1 -> new TlsPosture(t.trusted(), null, true, t.daysLeft(), null, t.protocol(), t.cipher(), t.keyType(),
          t.keyBits(), t.signatureAlgorithm(), legacy, t.forwardSecrecy());
      case 2 -> new TlsPosture(t.trusted(), null, t.hostnameMatch(), t.daysLeft() + 30, null, t.protocol(), t.cipher(),
          t.keyType(), t.keyBits(), t.signatureAlgorithm(), legacy, t.forwardSecrecy());
      case 3 -> protocol == PROTOCOLS.size() - 1 ? null : new TlsPosture(t.trusted(), null, t.hostnameMatch(),
          t.daysLeft(), null, PROTOCOLS.get(protocol + 1), t.cipher(), t.keyType(), t.keyBits(), t.signatureAlgorithm(),
          legacy, t.forwardSecrecy());
      case 4 -> legacy.isEmpty() ? null : new TlsPosture(t.trusted(), null, t.hostnameMatch(), t.daysLeft(), null,
          t.protocol(), t.cipher(), t.keyType(), t.keyBits(), t.signatureAlgorithm(), legacy.subList(1, legacy.size()),
          t.forwardSecrecy());
      case 5 -> new TlsPosture(t.trusted(), null, t.hostnameMatch(), t.daysLeft(), null, t.protocol(), t.cipher(),
          t.keyType(), t.keyBits(), t.signatureAlgorithm(), legacy, true);
      case 6 -> new TlsPosture(t.trusted(), null, t.hostnameMatch(), t.daysLeft(), null, t.protocol(), t.cipher(),
          t.keyType(), t.keyBits() * 2, t.signatureAlgorithm(), legacy, t.forwardSecrecy());
      default -> cipher == CIPHERS.size() - 1 ? null : new TlsPosture(t.trusted(), null, t.hostnameMatch(),
          t.daysLeft(), null, t.protocol(), CIPHERS.get(cipher + 1), t.keyType(), t.keyBits(), t.signatureAlgorithm(),
          legacy, t.forwardSecrecy());
    };
  }

  private static final int HEADER_FIXES = 11;

  private static HeaderPosture betterHeaders(HeaderPosture h, int fix) {
    if (h == null) {
      return null; // a first measurement of a page is new, not better
    }
    return switch (fix) {
      case 0 -> new HeaderPosture(true, h.hsts(), h.hstsMaxAgeSeconds(), h.csp(), h.cspUnsafeInline(), h.xFrameOptions(),
          h.xContentTypeOptions(), h.referrerPolicy(), h.serverVersionLeak(), h.cookies(), h.cookiesWithoutSecure(),
          h.cookiesWithoutHttpOnly(), h.cookiesWithoutSameSite(), h.mixedContent());
      case 1 -> new HeaderPosture(h.httpsRedirect(), true, 31_536_000, h.csp(), h.cspUnsafeInline(), h.xFrameOptions(),
          h.xContentTypeOptions(), h.referrerPolicy(), h.serverVersionLeak(), h.cookies(), h.cookiesWithoutSecure(),
          h.cookiesWithoutHttpOnly(), h.cookiesWithoutSameSite(), h.mixedContent());
      case 2 -> new HeaderPosture(h.httpsRedirect(), h.hsts(), h.hstsMaxAgeSeconds(), true, h.cspUnsafeInline(),
          h.xFrameOptions(), h.xContentTypeOptions(), h.referrerPolicy(), h.serverVersionLeak(), h.cookies(),
          h.cookiesWithoutSecure(), h.cookiesWithoutHttpOnly(), h.cookiesWithoutSameSite(), h.mixedContent());
      case 3 -> new HeaderPosture(h.httpsRedirect(), h.hsts(), h.hstsMaxAgeSeconds(), h.csp(), false, h.xFrameOptions(),
          h.xContentTypeOptions(), h.referrerPolicy(), h.serverVersionLeak(), h.cookies(), h.cookiesWithoutSecure(),
          h.cookiesWithoutHttpOnly(), h.cookiesWithoutSameSite(), h.mixedContent());
      case 4 -> new HeaderPosture(h.httpsRedirect(), h.hsts(), h.hstsMaxAgeSeconds(), h.csp(), h.cspUnsafeInline(), true,
          h.xContentTypeOptions(), h.referrerPolicy(), h.serverVersionLeak(), h.cookies(), h.cookiesWithoutSecure(),
          h.cookiesWithoutHttpOnly(), h.cookiesWithoutSameSite(), h.mixedContent());
      case 5 -> new HeaderPosture(h.httpsRedirect(), h.hsts(), h.hstsMaxAgeSeconds(), h.csp(), h.cspUnsafeInline(),
          h.xFrameOptions(), true, h.referrerPolicy(), h.serverVersionLeak(), h.cookies(), h.cookiesWithoutSecure(),
          h.cookiesWithoutHttpOnly(), h.cookiesWithoutSameSite(), h.mixedContent());
      case 6 -> new HeaderPosture(h.httpsRedirect(), h.hsts(), h.hstsMaxAgeSeconds(), h.csp(), h.cspUnsafeInline(),
          h.xFrameOptions(), h.xContentTypeOptions(), true, h.serverVersionLeak(), h.cookies(), h.cookiesWithoutSecure(),
          h.cookiesWithoutHttpOnly(), h.cookiesWithoutSameSite(), h.mixedContent());
      case 7 -> new HeaderPosture(h.httpsRedirect(), h.hsts(), h.hstsMaxAgeSeconds(), h.csp(), h.cspUnsafeInline(),
          h.xFrameOptions(), h.xContentTypeOptions(), h.referrerPolicy(), false, h.cookies(), h.cookiesWithoutSecure(),
          h.cookiesWithoutHttpOnly(), h.cookiesWithoutSameSite(), h.mixedContent());
      case 8 -> new HeaderPosture(h.httpsRedirect(), h.hsts(), h.hstsMaxAgeSeconds(), h.csp(), h.cspUnsafeInline(),
          h.xFrameOptions(), h.xContentTypeOptions(), h.referrerPolicy(), h.serverVersionLeak(), h.cookies(), 0,
          h.cookiesWithoutHttpOnly(), h.cookiesWithoutSameSite(), h.mixedContent());
      case 9 -> new HeaderPosture(h.httpsRedirect(), h.hsts(), h.hstsMaxAgeSeconds(), h.csp(), h.cspUnsafeInline(),
          h.xFrameOptions(), h.xContentTypeOptions(), h.referrerPolicy(), h.serverVersionLeak(), h.cookies(),
          h.cookiesWithoutSecure(), 0, 0, h.mixedContent());
      default -> new HeaderPosture(h.httpsRedirect(), h.hsts(), h.hstsMaxAgeSeconds(), h.csp(), h.cspUnsafeInline(),
          h.xFrameOptions(), h.xContentTypeOptions(), h.referrerPolicy(), h.serverVersionLeak(), h.cookies(),
          h.cookiesWithoutSecure(), h.cookiesWithoutHttpOnly(), h.cookiesWithoutSameSite(), false);
    };
  }

  private static final int PAGE_FIXES = 9;

  private static PagePosture betterPage(PagePosture p, int fix) {
    if (p == null) {
      return null;
    }
    return switch (fix) {
      case 0 -> new PagePosture(true, p.title(), p.viewport(), p.zoomBlocked(), p.imagesWithoutAlt(), p.unlabeledFields(),
          p.linksWithoutName(), p.metaRefresh(), p.privacyPolicyLink());
      case 1 -> new PagePosture(p.lang(), true, p.viewport(), p.zoomBlocked(), p.imagesWithoutAlt(), p.unlabeledFields(),
          p.linksWithoutName(), p.metaRefresh(), p.privacyPolicyLink());
      case 2 -> new PagePosture(p.lang(), p.title(), true, p.zoomBlocked(), p.imagesWithoutAlt(), p.unlabeledFields(),
          p.linksWithoutName(), p.metaRefresh(), p.privacyPolicyLink());
      case 3 -> new PagePosture(p.lang(), p.title(), p.viewport(), false, p.imagesWithoutAlt(), p.unlabeledFields(),
          p.linksWithoutName(), p.metaRefresh(), p.privacyPolicyLink());
      case 4 -> new PagePosture(p.lang(), p.title(), p.viewport(), p.zoomBlocked(), p.imagesWithoutAlt() / 2,
          p.unlabeledFields(), p.linksWithoutName(), p.metaRefresh(), p.privacyPolicyLink());
      case 5 -> new PagePosture(p.lang(), p.title(), p.viewport(), p.zoomBlocked(), p.imagesWithoutAlt(),
          p.unlabeledFields() / 2, p.linksWithoutName(), p.metaRefresh(), p.privacyPolicyLink());
      case 6 -> new PagePosture(p.lang(), p.title(), p.viewport(), p.zoomBlocked(), p.imagesWithoutAlt(),
          p.unlabeledFields(), p.linksWithoutName() / 2, p.metaRefresh(), p.privacyPolicyLink());
      case 7 -> new PagePosture(p.lang(), p.title(), p.viewport(), p.zoomBlocked(), p.imagesWithoutAlt(),
          p.unlabeledFields(), p.linksWithoutName(), false, p.privacyPolicyLink());
      default -> new PagePosture(p.lang(), p.title(), p.viewport(), p.zoomBlocked(), p.imagesWithoutAlt(),
          p.unlabeledFields(), p.linksWithoutName(), p.metaRefresh(), true);
    };
  }

  @Test
  void everyImprovementIsExercised() {
    assertThat(Stream.of(TLS_FIXES, HEADER_FIXES, PAGE_FIXES).mapToInt(Integer::intValue).sum()).isEqualTo(28);
  }
}
