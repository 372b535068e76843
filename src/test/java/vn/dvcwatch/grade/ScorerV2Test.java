package vn.dvcwatch.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dvcwatch.grade.Postures.clean;
import static vn.dvcwatch.grade.Postures.cleanPage;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.dvcwatch.result.PagePosture;

/**
 * Table-driven: model v2's browser criteria (docs/SCORING.md), every expected figure computed by hand in the
 * comment beside it. Page load 4 + 4 points (full ≤ 2.5 s, zero ≥ 10 s), CLS 2 (full ≤ 0.1, zero ≥ 0.25),
 * accessibility.wcag 11 (axe: critical 10, serious 7, moderate 3, minor 1 per violated rule, zero at 30).
 */
class ScorerV2Test {
  private static final Scorer V2 = new Scorer(ScoringModel.defaults());
  private static final Instant AT = Instant.parse("2026-12-04T07:00:00Z");

  static BrowserFigures b(Double lcp, Double load, Double cls, int critical, int serious, int moderate, int minor) {
    return new BrowserFigures("none", AT, lcp, load, cls, true, critical, serious, moderate, minor, List.of());
  }

  /** A page the browser loaded without axe running on it (its counts mean nothing). */
  static BrowserFigures noAxe(Double lcp, Double load, Double cls) {
    return new BrowserFigures("none", AT, lcp, load, cls, false, 0, 0, 0, 0, List.of());
  }

  static Measurements m(BrowserFigures home, BrowserFigures eform) {
    return clean("p").withBrowser(home, eform);
  }

  /** clean("p") with other probe totals (home 900 ms, eForm 1400 ms by default) and no eForm when asked. */
  static Measurements totals(double home, Double eform, BrowserFigures hb, BrowserFigures eb) {
    Measurements c = clean("p");
    return new Measurements("p", 1.0, 80.0, home, eform != null, eform == null ? null : 120.0, eform, 1.0, true,
        c.homeTls(), c.eformTls(), c.homeHeaders(), c.eformHeaders(), c.homePage(), c.eformPage(), hb, eb);
  }

  static Measurements pages(PagePosture home, PagePosture eform, BrowserFigures hb, BrowserFigures eb) {
    Measurements c = clean("p");
    return new Measurements("p", 1.0, 80.0, 900.0, true, 120.0, 1400.0, 1.0, true, c.homeTls(), c.eformTls(),
        c.homeHeaders(), c.eformHeaders(), home, eform, hb, eb);
  }

  static PagePosture altMissing(int n) {
    return new PagePosture(true, true, true, false, n, 0, 0, false, true);
  }

  static Stream<Arguments> criteria() {
    BrowserFigures good = b(1500.0, 1800.0, 0.02, 0, 0, 0, 0);
    return Stream.of(
        // page load: the later of LCP and the load event
        Arguments.of("LCP 1.8 s, load 2.1 s", m(b(1800.0, 2100.0, 0.0, 0, 0, 0, 0), good), "performance.home.load",
            4.0, 4.0, "LCP 1800 ms"), // 2.1 s ≤ 2.5 s: full
        Arguments.of("LCP 4 s after a 3 s load", m(b(4000.0, 3000.0, 0.0, 0, 0, 0, 0), good), "performance.home.load",
            3.2, 4.0, "→ 4000 ms"), // 4 × (10000 − 4000) / 7500 = 3.20
        Arguments.of("no LCP, load 5.5 s", m(b(null, 5500.0, 0.0, 0, 0, 0, 0), good), "performance.home.load",
            2.4, 4.0, "LCP —"), // 4 × 4500 / 7500 = 2.40
        Arguments.of("LCP 12 s", m(b(12000.0, 2000.0, 0.0, 0, 0, 0, 0), good), "performance.home.load",
            0.0, 4.0, "12000 ms"),
        Arguments.of("not measured: the HTML download stands in", totals(6250.0, 1400.0, null, good),
            "performance.home.load", 2.0, 4.0, "dự phòng"), // 4 × 3750 / 7500 = 2.00
        Arguments.of("eForm measured, homepage falling back", totals(900.0, 1400.0, null, b(8125.0, 900.0, 0.0, 0, 0, 0, 0)),
            "performance.eform.load", 1.0, 4.0, "trình duyệt (none)"), // 4 × 1875 / 7500 = 1.00
        Arguments.of("no eForm: the homepage's load stands in", totals(900.0, null, b(4000.0, 1000.0, 0.0, 0, 0, 0, 0), null),
            "performance.eform.load", 3.2, 4.0, "không có trang eForm"),
        // visual stability: the mean of the pages' CLS points
        Arguments.of("CLS 0.05 and 0.175", m(b(1000.0, 1000.0, 0.05, 0, 0, 0, 0), b(1000.0, 1000.0, 0.175, 0, 0, 0, 0)),
            "performance.cls", 1.5, 2.0, "eForm CLS 0.175"), // (2 + 2 × 0.075 / 0.15) / 2 = 1.50
        Arguments.of("CLS 0.177 on the homepage only", m(b(1000.0, 1000.0, 0.177, 0, 0, 0, 0), null),
            "performance.cls", 0.97, 2.0, "trang chủ CLS 0.177"), // 2 × 0.073 / 0.15 = 0.973
        Arguments.of("CLS 0.3", m(b(1000.0, 1000.0, 0.3, 0, 0, 0, 0), good), "performance.cls", 1.0, 2.0, ""), // (0 + 2) / 2
        // accessibility.wcag from axe, or the static checks as a marked fallback
        Arguments.of("no violations", m(good, good), "accessibility.wcag", 11.0, 11.0, "không vi phạm"),
        Arguments.of("one critical and one serious rule on the homepage", m(b(1000.0, 1000.0, 0.0, 1, 1, 0, 0), good),
            "accessibility.wcag", 7.88, 11.0, "trọng số 17/30"), // ((1 − 17/30) + 1) / 2 × 11 = 7.883
        Arguments.of("three critical rules; two moderate and a minor", m(b(1000.0, 1000.0, 0.0, 3, 0, 0, 0),
            b(1000.0, 1000.0, 0.0, 0, 0, 2, 1)), "accessibility.wcag", 4.22, 11.0, "nghiêm trọng nhất 3"),
            // (0 + (1 − 7/30)) / 2 × 11 = 4.217
        Arguments.of("no browser: the static checks, marked", pages(altMissing(4), cleanPage(), null, null),
            "accessibility.wcag", 10.6, 11.0, "dự phòng"),
            // homepage (2 + 1 + 2 + 2 × 0.6 + 2 + 1 + 1) / 11 = 10.2 / 11, eForm 1 → 21.2 / 22 × 11 = 10.60
        Arguments.of("axe on the homepage, static on the eForm", pages(cleanPage(), altMissing(10),
            b(1000.0, 1000.0, 0.0, 0, 1, 0, 0), null), "accessibility.wcag", 8.72, 11.0, "axe-core (none)"),
            // homepage 1 − 7/30 = 0.7667, eForm (11 − 2) / 11 = 0.8182 → mean 0.7924 × 11 = 8.717
        Arguments.of("axe did not run: the static checks stand in", pages(altMissing(5), cleanPage(),
            noAxe(1000.0, 1000.0, 0.0), null), "accessibility.wcag", 10.5, 11.0, "dự phòng"),
            // homepage (11 − 2 × 0.5) / 11 = 10 / 11, eForm 1 → 21 / 22 × 11 = 10.50
        Arguments.of("viewport stays a static check", pages(new PagePosture(true, true, false, false, 0, 0, 0, false, true),
            cleanPage(), good, good), "accessibility.viewport", 1.0, 2.0, "thiếu meta viewport")); // (0 + 1) / 2 × 2
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("criteria")
  void criterion(String name, Measurements m, String id, double points, double max, String said) {
    Scorecard card = V2.score(m);
    Criterion c = ScorerTest.row(card, id);
    assertThat(c.points()).as(c.measurement()).isEqualTo(points);
    assertThat(c.max()).isEqualTo(max);
    assertThat(c.measurement()).contains(said);
    assertThat(card.modelVersion()).isEqualTo(2);
  }

  @Test
  void aPortalMeasuredByTheBrowserAddsUpByHand() {
    // Homepage: LCP 3.1 s after a 2 s load, CLS 0.177, one serious and two moderate axe rules; eForm: fast and clean.
    Scorecard card = V2.score(m(b(3100.0, 2000.0, 0.177, 0, 1, 2, 0), b(1500.0, 1800.0, 0.02, 0, 0, 0, 0)));
    assertThat(ScorerTest.row(card, "performance.home.load").points()).isEqualTo(3.68); // 4 × 6900 / 7500
    assertThat(ScorerTest.row(card, "performance.eform.load").points()).isEqualTo(4.0);
    assertThat(ScorerTest.row(card, "performance.cls").points()).isEqualTo(1.49); // (0.9733 + 2) / 2
    assertThat(ScorerTest.row(card, "accessibility.wcag").points()).isEqualTo(8.62); // ((1 − 13/30) + 1) / 2 × 11
    // 30 + 5 + 3.68 + 5 + 4 + 5 + 1.49 + 30 + 8.62 + 2 + 2
    assertThat(card.score()).isEqualTo(96.79);
    assertThat(card.grade()).isEqualTo("A");
    assertThat(card.breakdown()).noneMatch(c -> c.id().equals(Scorer.SCALING));
  }

  @Test
  void withoutTheBrowserTheFallbacksCountAndOnlyVisualStabilityIsScaled() {
    Scorecard card = V2.score(clean("p"));
    // 900 ms and 1400 ms HTML downloads: full load points; the static checks: full WCAG points; CLS unmeasured.
    assertThat(ScorerTest.row(card, "performance.home.load").measurement()).contains("dự phòng");
    assertThat(ScorerTest.row(card, "accessibility.wcag").measurement()).contains("dự phòng");
    Criterion cls = ScorerTest.row(card, "performance.cls");
    assertThat(cls.measured()).isFalse();
    assertThat(cls.points()).isZero();
    // 98 of 98 measured points, scaled to 100: the scaling row is the 2.00 the unmeasured CLS could not earn.
    assertThat(ScorerTest.row(card, Scorer.SCALING).points()).isEqualTo(2.0);
    assertThat(card.score()).isEqualTo(100.0);
    assertThat(card.breakdown()).extracting(Criterion::id).doesNotContain("performance.home.total",
        "accessibility.alt", "accessibility.lang");
  }

  @Test
  void modelOneScoresAsItAlwaysDidAndIgnoresTheBrowser() {
    Scorecard card = new Scorer(ScoringModel.v1()).score(m(b(12000.0, 12000.0, 0.9, 5, 5, 5, 5), null));
    assertThat(card.modelVersion()).isEqualTo(1);
    assertThat(card.score()).isEqualTo(100.0);
    assertThat(card.breakdown()).extracting(Criterion::id).contains("performance.home.total", "accessibility.alt")
        .doesNotContain("performance.cls", "accessibility.wcag");
  }
}
