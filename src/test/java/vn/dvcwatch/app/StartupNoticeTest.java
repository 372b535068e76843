package vn.dvcwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** SMTP settings with alerts off: one line says that nothing is mailed and how to turn alerts on. */
class StartupNoticeTest {

  @Test
  void smtpGivenButAlertsOffSaysHowToTurnThemOn() {
    AppConfig cfg = AppConfig.defaults(Map.of("DVC_ALERTS_SMTP_HOST", "mail.example.gov.vn", "DVC_ALERTS_SMTP_PORT", "587"));
    assertThat(WatchdogVerticle.alertsOffNotice(cfg)).hasValueSatisfying(m -> assertThat(m)
        .contains("alerts are off").contains("mail.example.gov.vn:587")
        .contains("alerts.enabled: true").contains("DVC_ALERTS_ENABLED=true"));
  }

  @Test
  void nothingToSayWithDefaultsOrWithAlertsOn() {
    assertThat(WatchdogVerticle.alertsOffNotice(AppConfig.defaults(Map.of()))).isEmpty();
    assertThat(WatchdogVerticle.alertsOffNotice(AppConfig.defaults(Map.of("DVC_ALERTS_SMTP_HOST", "mail.example.gov.vn",
        "DVC_ALERTS_ENABLED", "true")))).isEmpty();
  }
}
