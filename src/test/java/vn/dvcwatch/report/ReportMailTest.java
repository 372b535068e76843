package vn.dvcwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Vertx;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.alert.AlertService;
import vn.dvcwatch.alert.AlertSettings;
import vn.dvcwatch.alert.MaintenanceCalendar;
import vn.dvcwatch.store.DbSettings;
import vn.dvcwatch.store.Store;

/** The monthly report mail: due on the first working morning, queued once, delivered once across a restart. */
class ReportMailTest {
  private static final String NATIONAL = "dieuhanh@national.example.invalid";
  // 1 October 2026 is a Thursday: the mails are due at 08:00 Vietnam time, 01:00 UTC.
  private static final Instant MORNING = Instant.parse("2026-10-01T01:00:00Z");

  @Test
  void firstWorkingMorningSkipsTheWeekend() {
    assertThat(ReportMailer.firstWorkingMorning(YearMonth.of(2026, 10))).isEqualTo(MORNING);
    // 1 August 2026 is a Saturday: Monday the 3rd.
    assertThat(ReportMailer.firstWorkingMorning(YearMonth.of(2026, 8))).isEqualTo(Instant.parse("2026-08-03T01:00:00Z"));
    // 1 November 2026 is a Sunday: Monday the 2nd.
    assertThat(ReportMailer.firstWorkingMorning(YearMonth.of(2026, 11))).isEqualTo(Instant.parse("2026-11-02T01:00:00Z"));
  }

  @Test
  void reportMailGoesOutOnceAcrossARestartAndAnSmtpOutage() throws Exception {
    int smtpPort = vn.dvcwatch.testkit.LowPorts.one(); // the mail server starts on it only later
    AlertSettings settings = AlertSettings.defaults()
        .withSmtp(new AlertSettings.Smtp("127.0.0.1", smtpPort, AlertSettings.StartTls.NONE, false, null, null,
            "dvc-watch <dvc-watch@localhost>"))
        .withRouting(NATIONAL, Set.of(), Set.of(), 100)
        .withTiming(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(30));
    Path dir = KnownMonth.dataDir();

    // The first process: queues the mails while the SMTP server is away, then stops.
    Vertx first = Vertx.vertx();
    Store store = Store.start(first, DbSettings.embeddedDefaults(), dir).await();
    KnownMonth.seed(store);
    ReportMailer mailer = mailer(store, settings);
    assertThat(mailer.due(MORNING.minusSeconds(60)).await()).isZero();
    assertThat(mailer.due(MORNING).await()).isEqualTo(3);
    assertThat(mailer.due(MORNING.plusSeconds(60)).await()).isZero();
    AlertService alerts = new AlertService(store.pool(), settings, MaintenanceCalendar.NONE, Clock.systemUTC());
    alerts.start(first).await();
    Thread.sleep(500); // the sender tries and fails: nobody listens on the SMTP port
    alerts.stop().await();
    store.close().await();
    first.close().await();

    // The restarted process: the minute check finds the mails queued; the sender delivers them, once.
    GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Vertx second = Vertx.vertx();
    try {
      Store again = Store.start(second, DbSettings.embeddedDefaults(), dir).await();
      assertThat(mailer(again, settings).due(MORNING.plusSeconds(3600)).await()).isZero();
      AlertService restarted = new AlertService(again.pool(), settings, MaintenanceCalendar.NONE, Clock.systemUTC());
      restarted.start(second).await();
      assertThat(smtp.waitForIncomingEmail(15_000, 4)).isTrue();
      Thread.sleep(1000);
      MimeMessage[] got = smtp.getReceivedMessages();
      assertThat(got).hasSize(4);
      List<String> lines = new ArrayList<>();
      for (MimeMessage m : got) {
        lines.add(m.getRecipients(Message.RecipientType.TO)[0] + " " + m.getSubject());
      }
      // One report per owner: Hà Nội's two portals' contacts each get the one owner report covering both.
      assertThat(lines).containsExactlyInAnyOrder(
          KnownMonth.HA_NOI_CONTACT + " [dvc-watch] Báo cáo tháng 09/2026 — dịch vụ công trực tuyến: UBND Thành phố Hà Nội",
          KnownMonth.MOT_CUA_CONTACT + " [dvc-watch] Báo cáo tháng 09/2026 — dịch vụ công trực tuyến: UBND Thành phố Hà Nội",
          KnownMonth.KHCN_CONTACT + " [dvc-watch] Báo cáo tháng 09/2026 — dịch vụ công trực tuyến: Bộ Khoa học và Công nghệ",
          NATIONAL + " [dvc-watch] Báo cáo tháng 09/2026 — dịch vụ công trực tuyến");
      String owner = null;
      for (MimeMessage m : got) {
        if (m.getRecipients(Message.RecipientType.TO)[0].toString().equals(KnownMonth.MOT_CUA_CONTACT)) {
          owner = com.icegreen.greenmail.util.GreenMailUtil.getBody(m);
        }
      }
      assertThat(owner).contains("/reports/2026-09/owner/ubnd-thanh-pho-ha-noi");
      var keys = again.pool().query("SELECT alert_key, count(*) FROM alert_outbox GROUP BY alert_key ORDER BY alert_key")
          .execute().await();
      List<String> perKey = new ArrayList<>();
      keys.forEach(r -> perKey.add(r.getString(0) + "=" + r.getLong(1)));
      assertThat(perKey).containsExactly("report:2026-09:national=1", "report:2026-09:owner:bo-khoa-hoc-va-cong-nghe=1",
          "report:2026-09:owner:ubnd-thanh-pho-ha-noi=2");
      restarted.stop().await();
      again.close().await();
    } finally {
      second.close().await();
      smtp.stop();
    }
  }

  @Test
  void aFreshInstallationDoesNotMailReportsOfAMonthItDidNotMonitor() {
    AlertSettings settings = AlertSettings.defaults().withRouting(NATIONAL, Set.of(), Set.of(), 100);
    Vertx vertx = Vertx.vertx();
    try {
      Store store = Store.start(vertx, DbSettings.embeddedDefaults(), KnownMonth.dataDir()).await();
      ReportMailer mailer = mailer(store, settings);
      assertThat(mailer.due(MORNING).await()).isZero();
      assertThat(mailer.due(MORNING.plusSeconds(60)).await()).isZero();
      var rows = store.pool().query("SELECT alert_key, state, suppressed_reason FROM alert_outbox").execute().await();
      assertThat(rows.size()).isEqualTo(1); // the month is settled once, with the reason, and not looked at again
      var r = rows.iterator().next();
      assertThat(List.of(r.getString(0), r.getString(1), r.getString(2)))
          .containsExactly("report:2026-09:national", "suppressed", "no_data");
      store.close().await();
    } finally {
      vertx.close().await();
    }
  }

  private static ReportMailer mailer(Store store, AlertSettings settings) {
    ReportService reports = new ReportService(store, () -> "2023", () -> KnownMonth.FLEET);
    return new ReportMailer(store.pool(), reports, settings, () -> KnownMonth.FLEET, Clock.fixed(MORNING, ZoneOffset.UTC));
  }
}
