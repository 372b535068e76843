package vn.dvcwatch.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.dvcwatch.config.ConfigException;

class ScoringModelTest {
  private static final Path CONF = Path.of("conf/scoring.yaml");

  @Test
  void theShippedFileAndTheClasspathCopyAreIdentical() throws IOException {
    try (InputStream in = ScoringModel.class.getResourceAsStream(ScoringModel.RESOURCE)) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(Files.readString(CONF));
    }
  }

  @Test
  void defaultsCarryTheSpecNumbers() {
    ScoringModel m = ScoringModel.load(CONF);
    assertThat(m.version()).isEqualTo(2);
    assertThat(m.performance().homeTotal()).isEqualTo(new ScoringModel.Scale(4, 2500, 10000));
    assertThat(m.browser()).isEqualTo(new ScoringModel.BrowserRules("none", new ScoringModel.Scale(2, 0.1, 0.25),
        10, 7, 3, 1, 30));
    assertThat(ScoringModel.defaults().bands()).isEqualTo(m.bands());
  }

  @Test
  void modelOneIsKeptAsItShipped() {
    ScoringModel m = ScoringModel.v1();
    assertThat(m.version()).isEqualTo(1);
    assertThat(m.browser()).isNull();
    assertThat(m.bands()).isEqualTo(new ScoringModel.Bands(90, 80, 65, 50));
    assertThat(m.caps()).isEqualTo(new ScoringModel.Caps(49, 64));
    assertThat(m.availability().points(99.95)).isEqualTo(30);
    assertThat(m.availability().points(99.5)).isEqualTo(27);
    assertThat(m.availability().points(97.0)).isEqualTo(15);
    assertThat(m.availability().points(85)).isZero();
    assertThat(m.performance().homeTtfb()).isEqualTo(new ScoringModel.Scale(5, 200, 1800));
    assertThat(m.performance().homeTotal()).isEqualTo(new ScoringModel.Scale(5, 2500, 10000));
    assertThat(m.confirmations()).isEqualTo(2);
    assertThat(m.evaluateEvery()).isEqualTo(java.time.Duration.ofSeconds(30));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown field | 'hysteresis: {confirmations: 2}' | 'hysteresis: {confirmations: 2, extra: 1}' | hysteresis.extra | unknown field",
      "bands not descending | 'bands: {A: 90, B: 80, C: 65, D: 50}' | 'bands: {A: 90, B: 95, C: 65, D: 50}' | bands | descending",
      "maxima not 100 | 'homeTtfb: {max: 5,' | 'homeTtfb: {max: 6,' | (root) | not 100",
      "curve going up | '- {uptime: 98.0, points: 18}' | '- {uptime: 98.0, points: 28}' | availability.curve[3] | never up",
      "time scale inverted | 'eformTotal: {max: 4, fullMs: 2500, zeroMs: 10000}' | 'eformTotal: {max: 4, fullMs: 2500, zeroMs: 1000}' | performance.eformTotal.zeroMs | above fullMs",
      "unknown version | 'version: 2' | 'version: 3' | version | only versions 1 and 2",
      "v2 without browser | 'method: none' | '' | browser.method | is required",
      "unknown method | 'method: none' | 'method: fast' | browser.method | devtools-4g-4x-cpu",
      "CLS scale inverted | 'cls: {max: 2, full: 0.1, zero: 0.25}' | 'cls: {max: 2, full: 0.3, zero: 0.25}' | browser.cls | below zero",
      "impact weights rising | 'minor: 1,' | 'minor: 9,' | browser.axe | must not rise",
      "cls maxima not 100 | 'cls: {max: 2,' | 'cls: {max: 3,' | (root) | not 100",
      "bad letter | 'legacyProtocols: B' | 'legacyProtocols: Q' | security.tls.caps.legacyProtocols | not a letter",
      "weights not 1 | 'weights: {protocol: 0.3,' | 'weights: {protocol: 0.4,' | security.tls.weights | add up to 1",
      "not a number | 'noHttps: 49' | 'noHttps: forty' | caps.noHttps | not a number",
      "cadence too short | 'evaluation: {every: 30s}' | 'evaluation: {every: 100ms}' | evaluation.every | between 1s and 1h",
      "missing field | 'invalidCertificate: 64' | '' | caps.invalidCertificate | is required",
      "negative penalty | 'mixedContent: {present: 20}' | 'mixedContent: {present: -20}' | security.headers.mixedContent.present | out of range",
  })
  void rejectsABadEditNamingLineAndField(String name, String from, String to, String field, String problem,
      @TempDir Path dir) throws IOException {
    String text = Files.readString(CONF);
    assertThat(text).contains(from);
    Path file = dir.resolve("scoring.yaml");
    Files.writeString(file, text.replace(from, to));
    assertThatThrownBy(() -> ScoringModel.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(field)
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((ConfigException) e).line()).isPositive());
  }

  @Test
  void aMissingFileIsAConfigError(@TempDir Path dir) {
    assertThatThrownBy(() -> ScoringModel.load(dir.resolve("nope.yaml")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("no such file");
  }
}
