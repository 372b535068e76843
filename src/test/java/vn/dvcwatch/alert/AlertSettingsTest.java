package vn.dvcwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.config.ConfigException;
import vn.dvcwatch.config.YamlNode;

class AlertSettingsTest {
  private static AlertSettings parse(String yaml, Map<String, String> env) {
    return AlertSettings.fromYaml(YamlNode.parse("dvc-watch.yaml", yaml, env).get("alerts"));
  }

  @Test
  void readsEveryFieldAndEnvironmentOverrides() {
    AlertSettings s = parse("""
        alerts:
          enabled: true
          smtp:
            host: smtp.example.vn
            port: 587
            starttls: required
            username: dvc
            password: secret
            from: "dvc-watch <canhbao@example.vn>"
          nationalCopy: giamsat@cds.gov.vn
          publicUrl: https://dvc-watch.example.vn/
          optOut: [grade_drop]
          nationalOptOut: [cert_expiring, budget_burn]
          ratePerHour: 5
          digest: {enabled: true, time: "18:00"}
          retry: {base: 2s, max: 5m}
          flapping: {openings: 4, window: 30m}
        """, Map.of("DVC_ALERTS_SMTP_HOST", "relay.local"));
    assertThat(s.enabled()).isTrue();
    assertThat(s.smtp().host()).isEqualTo("relay.local");
    assertThat(s.smtp().port()).isEqualTo(587);
    assertThat(s.smtp().starttls()).isEqualTo(AlertSettings.StartTls.REQUIRED);
    assertThat(s.publicUrl()).isEqualTo("https://dvc-watch.example.vn");
    assertThat(s.optOut()).containsExactly(AlertKind.GRADE_DROP);
    assertThat(s.nationalOptOut()).containsExactlyInAnyOrder(AlertKind.CERT_EXPIRING, AlertKind.BUDGET_BURN);
    assertThat(s.digestTime()).isEqualTo(LocalTime.of(18, 0));
    assertThat(s.retryBase()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.flapOpenings()).isEqualTo(4);
    assertThat(s.toString()).doesNotContain("secret").doesNotContain("giamsat");
    assertThat(parse("alerts: {}\n", Map.of()).optOut()).isEqualTo(Set.of());
  }

  @Test
  void rejectionsNameFileLineAndField() {
    assertThatThrownBy(() -> parse("alerts:\n  smtp:\n    hots: x\n", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("dvc-watch.yaml").hasMessageContaining("3")
        .hasMessageContaining("alerts.smtp.hots");
    assertThatThrownBy(() -> parse("alerts:\n  optOut: [downn]\n", Map.of()))
        .hasMessageContaining("alerts.optOut[0]").hasMessageContaining("downn");
    assertThatThrownBy(() -> parse("alerts:\n  nationalCopy: nobody\n", Map.of())).hasMessageContaining("alerts.nationalCopy");
    assertThatThrownBy(() -> parse("alerts:\n  digest: {time: '25:00'}\n", Map.of())).hasMessageContaining("alerts.digest.time");
    assertThatThrownBy(() -> parse("alerts:\n  retry: {base: 0s}\n", Map.of())).hasMessageContaining("alerts.retry.base");
    assertThatThrownBy(() -> parse("alerts:\n  lease: 30s\n", Map.of())).hasMessageContaining("alerts.lease")
        .hasMessageContaining("sendTimeout");
  }
}
