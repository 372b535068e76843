package vn.dvcwatch.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.HeaderPosture;
import vn.dvcwatch.result.PagePosture;
import vn.dvcwatch.result.TlsPosture;

/** The worked example of docs/SCORING.md, row by row, so the document cannot drift from the code. */
class WorkedExampleTest {
  @Test
  void theDocumentedExampleScores82Point17() {
    TlsPosture tls = new TlsPosture(true, null, true, 120, Instant.parse("2027-03-24T00:00:00Z"), "TLSv1.2",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "RSA", 2048, "SHA256withRSA", List.of("TLSv1"), true);
    HeaderPosture headers = new HeaderPosture(true, true, 31_536_000, false, false, true, false, false, true, 2, 0, 1,
        0, false);
    PagePosture home = new PagePosture(true, true, true, false, 4, 0, 2, false, false);
    PagePosture eform = new PagePosture(true, true, true, false, 0, 3, 0, false, false);
    Measurements m = new Measurements("vi-du", 0.997, 350.0, 3100.0, true, 620.0, 4200.0, 0.80, true, tls, tls,
        headers, headers, home, eform);

    Scorecard card = new Scorer(ScoringModel.v1()).score(m);

    Map<String, Double> expected = new LinkedHashMap<>();
    expected.put("availability.uptime", 28.5);
    expected.put("performance.home.ttfb", 4.53);
    expected.put("performance.home.total", 4.6);
    expected.put("performance.eform.ttfb", 3.69);
    expected.put("performance.eform.total", 3.87);
    expected.put("performance.stability", 3.33);
    expected.put("security.tls", 11.25);
    expected.put("security.headers.csp", 0.0);
    expected.put("security.headers.hsts", 2.0);
    expected.put("security.headers.frame", 2.0);
    expected.put("security.headers.redirect", 2.0);
    expected.put("security.headers.nosniff", 0.0);
    expected.put("security.headers.referrer", 0.0);
    expected.put("security.headers.cookies", 2.5);
    expected.put("security.headers.mixed", 2.0);
    expected.put("security.headers.server", 0.0);
    expected.put("accessibility.lang", 2.0);
    expected.put("accessibility.title", 1.0);
    expected.put("accessibility.viewport", 2.0);
    expected.put("accessibility.zoom", 2.0);
    expected.put("accessibility.alt", 1.6);
    expected.put("accessibility.labels", 1.4);
    expected.put("accessibility.links", 0.9);
    expected.put("accessibility.refresh", 1.0);
    expected.put("accessibility.privacy", 0.0);
    Map<String, Double> actual = new LinkedHashMap<>();
    card.breakdown().forEach(c -> actual.put(c.id(), c.points()));
    assertThat(actual).containsExactlyEntriesOf(expected);
    assertThat(card.caps()).isEmpty();
    assertThat(card.score()).isEqualTo(82.17);
    assertThat(card.grade()).isEqualTo("B");
    assertThat(ScorerTest.row(card, "security.tls").measurement()).contains("TLSv1.2", "TLSv1", "88/100", "hạng B");
    assertThat(ScorerTest.row(card, "security.tls").hintVi()).contains("Tắt TLS 1.0");

    TlsPosture expired = new TlsPosture(true, null, true, -1, tls.notAfter(), tls.protocol(), tls.cipher(),
        tls.keyType(), tls.keyBits(), tls.signatureAlgorithm(), tls.legacyProtocols(), true);
    Scorecard capped = new Scorer(ScoringModel.v1()).score(new Measurements("vi-du", 0.997, 350.0, 3100.0, true,
        620.0, 4200.0, 0.80, true, expired, expired, headers, headers, home, eform));
    assertThat(ScorerTest.row(capped, "security.tls").points()).isZero();
    assertThat(capped.caps()).extracting(Criterion::id, Criterion::points)
        .containsExactly(tuple("cap.invalid_certificate", -6.92));
    assertThat(capped.score()).isEqualTo(64.0);
    assertThat(capped.grade()).isEqualTo("D");
  }
}
