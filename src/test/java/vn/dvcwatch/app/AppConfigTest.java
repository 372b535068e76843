package vn.dvcwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.config.ConfigException;
import vn.dvcwatch.config.YamlNode;
import vn.dvcwatch.probe.CertificateFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppConfigTest {
  static final Path DIR = Path.of("src/test/resources/config");

  @Test
  void theShippedConfigLoadsAndEqualsTheDefaults() {
    AppConfig shipped = AppConfig.load(Path.of("conf/dvc-watch.yaml"), Map.of());
    AppConfig defaults = AppConfig.defaults(Map.of());
    assertThat(shipped).isEqualTo(defaults);
    assertThat(shipped.http().port()).isEqualTo(8080);
    assertThat(shipped.probe().interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(shipped.probe().confirmDown()).isEqualTo(3);
    assertThat(shipped.db().embedded()).isTrue();
    assertThat(shipped.admin().enabled()).as("no default credentials").isFalse();
  }

  @Test
  void environmentVariablesOverrideTheFileByPath() {
    AppConfig c = AppConfig.load(Path.of("conf/dvc-watch.yaml"), Map.of(
        "DVC_HTTP_PORT", "9191",
        "DVC_ALERTS_SMTP_HOST", "smtp.example.vn",
        "DVC_DB_URL", "postgresql://db:5432/dvc",
        "DVC_PROBE_INTERVAL", "1m"));
    assertThat(c.http().port()).isEqualTo(9191);
    assertThat(c.alerts().smtp().host()).isEqualTo("smtp.example.vn");
    assertThat(c.db().url()).isEqualTo("postgresql://db:5432/dvc");
    assertThat(c.db().embedded()).isFalse();
    assertThat(c.probe().interval()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void theAlertBackoffIsSettableAndChecked() {
    AppConfig c = AppConfig.defaults(Map.of("DVC_ALERTS_RETRY_MAX", "60s"));
    assertThat(c.alerts().retryMax()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.alerts().retryBase()).isEqualTo(Duration.ofSeconds(5));
    assertThat(AppConfig.defaults(Map.of()).alerts().retryMax()).isEqualTo(Duration.ofMinutes(10));
    assertThatThrownBy(() -> AppConfig.defaults(Map.of("DVC_ALERTS_RETRY_BASE", "2m", "DVC_ALERTS_RETRY_MAX", "1m")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("alerts.retry.max")
        .hasMessageContaining("at least retry.base");
  }

  @Test
  void aRefusedCertificateIsDownUnlessTheOperatorChoosesDegraded() {
    assertThat(AppConfig.defaults(Map.of()).probe().certificateFailure()).isEqualTo(CertificateFailure.DOWN);
    assertThat(AppConfig.defaults(Map.of("DVC_PROBE_CERTIFICATEFAILURE", "degraded")).probe().certificateFailure())
        .isEqualTo(CertificateFailure.DEGRADED);
    assertThatThrownBy(() -> AppConfig.from(YamlNode.parse("dvc-watch.yaml", "probe:\n  certificateFailure: ignore\n"),
        Path.of("."))).isInstanceOf(ConfigException.class).hasMessageContaining("probe.certificateFailure")
        .hasMessageContaining("known: down, degraded");
  }

  @Test
  void slowBeginsWhereTheScoreGivesNoMorePerformancePoints() {
    vn.dvcwatch.probe.ProbeConfig p = AppConfig.defaults(Map.of()).probe();
    vn.dvcwatch.grade.ScoringModel m = vn.dvcwatch.grade.ScoringModel.defaults();
    assertThat(p.slowTtfb().toMillis()).isEqualTo((long) m.performance().homeTtfb().zero());
    assertThat(p.slowThreshold().toMillis()).isEqualTo((long) m.performance().homeTotal().zero());
  }

  @Test
  void environmentOverridesThatNoSettingReadsAreNamed() {
    Map<String, String> env = Map.of("DVC_ALERTS_RETRY_MAXX", "1m", "DVC_HTTP_PORT", "9000", "DVC_DB_URL",
        "postgresql://db:5432/dvc", "DVC_DB_PASSWORD", "x", "DVC_ADMIN_TOKEN", "0123456789abcdef0123456789abcdef",
        "DVC_REGISTRY_FILE", "conf/portals.yaml", "DVC_LOG_FORMAT", "json", "DVC_ALERTS_SMTP_STARTTLS", "none",
        "PATH", "/usr/bin");
    YamlNode root = YamlNode.parse("dvc-watch.yaml", "{}", env);
    AppConfig.from(root, Path.of("."));
    assertThat(root.unreadOverrides()).containsExactly("DVC_ALERTS_RETRY_MAXX");
  }

  @Test
  void aBadEnvironmentValueIsNamedToo() {
    assertThatThrownBy(() -> AppConfig.defaults(Map.of("DVC_HTTP_PORT", "eighty")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http.port").hasMessageContaining("eighty");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "invalid-unknown-field.yaml                 | 3 | http.prot               | unknown field",
      "invalid-unknown-section.yaml               | 2 | htp                     | unknown field",
      "invalid-bad-port.yaml                      | 2 | http.port               | out of range",
      "invalid-bad-duration.yaml                  | 2 | probe.interval          | not a duration",
      "invalid-deadline-longer-than-interval.yaml | 3 | probe.deadline          | must not be longer than probe.interval",
      "invalid-bad-db-url.yaml                    | 2 | db.url                  | expected postgresql://",
      "invalid-bad-email.yaml                     | 2 | alerts.nationalCopy     | not an email address",
      "invalid-short-token.yaml                   | 2 | admin.token             | too short",
      "invalid-syntax.yaml                        | 3 | (syntax)                | invalid YAML",
      "invalid-bad-starttls.yaml                  | 3 | alerts.smtp.starttls    | expected none, optional or required",
  })
  void rejectsEachBadConfigNamingFileLineAndField(String file, int line, String field, String problem) {
    Path p = DIR.resolve(file);
    assertThatThrownBy(() -> AppConfig.load(p, Map.of()))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> {
          ConfigException c = (ConfigException) e;
          assertThat(c.getMessage()).startsWith(p + ":" + line + ": " + field + ": ").contains(problem);
        });
  }

  @Test
  void durationsReadAsPeopleWriteThem() {
    assertThat(YamlNode.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(YamlNode.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(YamlNode.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(YamlNode.parseDuration("35d")).isEqualTo(Duration.ofDays(35));
    assertThat(YamlNode.parseDuration("1.5h")).isEqualTo(Duration.ofMinutes(90));
  }
}
