package vn.dvcwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.Cause;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.result.TlsPosture;

/** Noise control against the real outbox and SMTP server: flapping, maintenance, certificate steps, digest. */
class AlertNoiseTest extends AlertFixture {
  private static final String FLAPPING = "[dvc-watch] Cổng DVC Thành phố Hà Nội hoạt động chập chờn";

  @Test
  void flappingPortalGetsOneNoticeInsteadOfAStreamOfAlerts() throws Exception {
    start();
    for (int k = 0; k < 6; k++) { // down 5 minutes in every 10, for an hour
      Incident i = new Incident("flap-" + k, "ha-noi", T0.plus(Duration.ofMinutes(10L * k)), null, Cause.HTTP_5XX,
          Target.HOMEPAGE);
      open(i);
      close(i.close(i.start().plus(Duration.ofMinutes(5))));
    }
    mailbox.await(15);
    awaitQuiet();
    // Two ordinary outages, then the third opening within the hour is recognised as flapping.
    assertThat(mailbox.subjectsFor(CONTACT_1)).hasSize(5).endsWith(FLAPPING)
        .filteredOn(s -> s.equals(FLAPPING)).hasSize(1);
    assertThat(mailbox.subjectsFor(CONTACT_1).get(0)).contains("đang gián đoạn (lỗi máy chủ (5xx))");
    assertThat(mailbox.subjectsFor(NATIONAL)).isEqualTo(mailbox.subjectsFor(CONTACT_1));
    assertThat(alerts.history("ha-noi").await()).filteredOn(a -> "flapping".equals(a.suppressedReason())).hasSize(4);
  }

  @Test
  void flappingSurvivesARestart() throws Exception {
    start();
    for (int k = 0; k < 3; k++) {
      cycle("before-" + k);
    }
    alerts.stop().await();
    start(); // kill -9 and restart: the in-memory count is gone, the outbox is not
    for (int k = 0; k < 3; k++) {
      cycle("after-" + k);
    }
    mailbox.await(15);
    awaitQuiet();
    assertThat(mailbox.subjectsFor(CONTACT_1)).hasSize(5).endsWith(FLAPPING);
    assertThat(mailbox.messages()).hasSize(15);
  }

  private void cycle(String id) {
    Incident i = new Incident(id, "ha-noi", T0, null, Cause.CONNECT, Target.HOMEPAGE);
    open(i);
    close(i.close(T0.plusSeconds(120)));
  }

  @Test
  void flappingDeclaredByTheStatusEngineSilencesItsIncidents() throws Exception {
    start();
    Instant declared = Instant.now(); // the service's clock, which times the incidents' openings too
    alerts.onFlapping(HA_NOI, declared).await();
    alerts.onFlapping(HA_NOI, declared.plusSeconds(30)).await();
    for (int k = 0; k < 3; k++) {
      Incident i = new Incident("f-" + k, "ha-noi", T0.plus(Duration.ofMinutes(2L * k + 1)), null, Cause.RESET, Target.EFORM);
      open(i);
      close(i.close(i.start().plusSeconds(60)));
    }
    mailbox.await(3);
    awaitQuiet();
    assertThat(mailbox.messages()).hasSize(3);
    assertThat(mailbox.subjectsFor(CONTACT_2)).containsExactly(FLAPPING);
  }

  @Test
  void maintenanceWindowSilencesOutagesButNotCertificateDeadlines() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean window = new java.util.concurrent.atomic.AtomicBoolean(true);
    start(settings(), (portal, at) -> window.get() && portal.equals("ha-noi"), Clock.systemUTC());
    Incident i = new Incident("maint-1", "ha-noi", T0, null, Cause.CONNECT, Target.HOMEPAGE);
    open(i);
    window.set(false);
    open(i); // replayed after the window: the first decision about this cause stands
    close(i.close(T0.plusSeconds(900)));
    window.set(true);
    alerts.onGradeDrop(HA_NOI, "B", "C", 72.5, List.of("Khả dụng: 27 → 18"), T0).await();
    alerts.onCertificate(HA_NOI, tls(5, T0.plus(Duration.ofDays(5))), T0).await();
    mailbox.await(3);
    awaitQuiet();
    assertThat(mailbox.subjectsFor(CONTACT_1)).containsExactly("[dvc-watch] Cổng DVC Thành phố Hà Nội: chứng chỉ TLS còn 5 ngày");
    assertThat(alerts.history("ha-noi").await())
        .extracting(AlertSummary::kind, AlertSummary::state, AlertSummary::suppressedReason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AlertKind.CERT_EXPIRING, "sent", null),
            org.assertj.core.groups.Tuple.tuple(AlertKind.GRADE_DROP, "suppressed", "maintenance"),
            org.assertj.core.groups.Tuple.tuple(AlertKind.DOWN, "suppressed", "maintenance"));
  }

  @Test
  void certificateStepsFireOnceEachAcrossRestarts() throws Exception {
    start();
    Instant notAfter = T0.plus(Duration.ofDays(40));
    for (int days : new int[] {40, 29, 29, 13, 6, 0, -1}) {
      alerts.onCertificate(HA_NOI, tls(days, notAfter), T0).await();
    }
    alerts.stop().await();
    start(); // a restart forgets the in-memory cache; the outbox's keys still hold
    alerts.onCertificate(HA_NOI, tls(29, notAfter), T0).await();
    alerts.onCertificate(HA_NOI, tls(-1, notAfter), T0).await();
    mailbox.await(15);
    awaitQuiet();
    String p = "[dvc-watch] Cổng DVC Thành phố Hà Nội: chứng chỉ TLS ";
    assertThat(mailbox.subjectsFor(CONTACT_1)).containsExactly(p + "còn 29 ngày", p + "còn 13 ngày", p + "còn 6 ngày",
        p + "còn dưới 1 ngày", p + "đã hết hạn");
    assertThat(mailbox.messages()).hasSize(15);

    alerts.onCertificate(HA_NOI, tls(29, notAfter.plus(Duration.ofDays(90))), T0).await(); // the renewed certificate
    mailbox.await(18);
    awaitQuiet();
    assertThat(mailbox.messages()).hasSize(18);
  }

  @Test
  void watchdogNetworkProblemGoesToTheNationalAddressOnlyAndHoldsBackDownAlerts() throws Exception {
    start();
    alerts.onWatchdogNetwork(true, 80, 83, T0).await();
    alerts.onWatchdogNetwork(true, 81, 83, T0.plusSeconds(30)).await();
    alerts.stop().await();
    start(); // restarted in the middle of the problem: no second "problem" notice, DOWN still held back
    alerts.onWatchdogNetwork(true, 81, 83, T0.plusSeconds(35)).await();
    open(new Incident("net-1", "ha-noi", T0.plusSeconds(40), null, Cause.CONNECT, Target.HOMEPAGE));
    alerts.onWatchdogNetwork(false, 0, 83, T0.plusSeconds(600)).await();
    mailbox.await(2);
    awaitQuiet();
    assertThat(mailbox.messages()).hasSize(2);
    assertThat(mailbox.subjectsFor(NATIONAL)).containsExactly(
        "[dvc-watch] Máy giám sát nghi mất kết nối mạng (80/83 cổng lỗi cùng lúc)",
        "[dvc-watch] Máy giám sát đã có kết nối mạng trở lại");
  }

  @Test
  void dailyDigestSummarisesTheDayOnceForTheNationalAddress() throws Exception {
    MovableClock clock = new MovableClock();
    clock.now = Instant.parse("2026-11-23T10:00:00Z");
    start(settings().withDigest(true, LocalTime.of(7, 30)), (portal, at) -> false, clock);
    alerts.onGradeDrop(HA_NOI, "A", "B", 88, List.of("Hiệu năng: 25 → 19"), clock.now).await();
    alerts.onBudgetBurn(HA_NOI, BudgetBurn.fast(15.2, 16, 0.4), clock.now).await();
    clock.now = Instant.parse("2026-11-24T00:29:00Z"); // 07:29 in Hà Nội: not yet
    assertThat(alerts.digestIfDue().await()).isFalse();
    clock.now = Instant.parse("2026-11-24T01:00:00Z");
    assertThat(alerts.digestIfDue().await()).isTrue();
    assertThat(alerts.digestIfDue().await()).isFalse();
    mailbox.await(5);
    awaitQuiet();
    List<String> national = mailbox.subjectsFor(NATIONAL);
    assertThat(national).hasSize(3).last().isEqualTo("[dvc-watch] Tóm tắt cảnh báo ngày 24/11/2026 (2 cảnh báo)");
    assertThat(mailbox.subjectsFor(CONTACT_1)).hasSize(2).noneMatch(s -> s.contains("Tóm tắt"));
    String digest = Mailbox.part(mailbox.messages().stream().filter(m -> {
      try {
        return m.getSubject().contains("Tóm tắt");
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).findFirst().orElseThrow(), "text/plain");
    assertThat(digest).contains("17:00 ngày 23/11/2026 (giờ Việt Nam): Cổng DVC Thành phố Hà Nội hạ hạng A → B",
        "tiêu hao ngân sách lỗi nhanh (15,2× trong 1 giờ)");
  }

  @Test
  void publicHistoryNeverShowsAddresses() throws Exception {
    start();
    Incident i = new Incident("hist-1", "ha-noi", T0, null, Cause.TLS, Target.HOMEPAGE);
    open(i);
    mailbox.await(3);
    awaitQuiet();
    List<AlertSummary> pub = alerts.history("ha-noi").await();
    assertThat(pub).hasSize(1);
    assertThat(pub.get(0).state()).isEqualTo("sent");
    assertThat(pub.get(0).toJson().encode()).doesNotContain("@").contains("lỗi TLS");
    assertThat(alerts.adminHistory("ha-noi", 10).await()).extracting(AlertDelivery::recipient)
        .containsExactlyInAnyOrder(CONTACT_1, CONTACT_2, NATIONAL);
  }

  private static TlsPosture tls(int daysLeft, Instant notAfter) {
    return new TlsPosture(daysLeft >= 0, daysLeft >= 0 ? null : "expired", true, daysLeft, notAfter, "TLSv1.3",
        "TLS_AES_128_GCM_SHA256", "EC", 256, "SHA256withECDSA", List.of(), true);
  }
}
