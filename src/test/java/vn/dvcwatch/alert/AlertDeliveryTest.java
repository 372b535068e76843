package vn.dvcwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.Cause;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.testkit.Poll;

/** Delivery through the outbox against a real SMTP server: exactly once, in order, across outages and restarts. */
class AlertDeliveryTest extends AlertFixture {
  private static final String DOWN = "[dvc-watch] Cổng DVC Thành phố Hà Nội đang gián đoạn (không kết nối được)";
  private static final String RECOVERED = "[dvc-watch] Cổng DVC Thành phố Hà Nội đã hoạt động trở lại sau 1 giờ 5 phút";

  @Test
  void outageSendsOneDownAndOneRecoveredToContactsAndNationalCopy() throws Exception {
    start();
    Incident i = new Incident("inc-1", "ha-noi", T0, null, Cause.CONNECT, Target.HOMEPAGE);
    open(i);
    open(i); // the status pipeline replaying the same incident after a restart
    close(i.close(T0.plus(Duration.ofMinutes(65))));
    close(i.close(T0.plus(Duration.ofMinutes(65))));

    mailbox.await(6);
    awaitQuiet();
    assertThat(mailbox.messages()).hasSize(6);
    for (String to : List.of(CONTACT_1, CONTACT_2, NATIONAL)) {
      assertThat(mailbox.subjectsFor(to)).as(to).containsExactly(DOWN, RECOVERED);
    }
    MimeMessage down = mailbox.messages().stream().filter(m -> subject(m).equals(DOWN)).findFirst().orElseThrow();
    String text = Mailbox.part(down, "text/plain");
    assertThat(text).contains("Nguyên nhân: không kết nối được", "Trang bị lỗi: trang chủ",
        "Bắt đầu từ: 14:05 ngày 24/11/2026 (giờ Việt Nam)", "http://localhost:8080/portals/ha-noi");
    assertThat(Mailbox.part(down, "text/html")).contains("<a href=\"http://localhost:8080/portals/ha-noi\">",
        "không kết nối được");
    assertThat(down.getHeader("Message-ID")).containsExactly(Outbox.messageId("down:inc-1"));
    MimeMessage up = mailbox.messages().stream().filter(m -> subject(m).equals(RECOVERED)).findFirst().orElseThrow();
    assertThat(Mailbox.part(up, "text/plain")).contains("Thời gian gián đoạn: 1 giờ 5 phút", "Đến: 15:10 ngày 24/11/2026");
  }

  @Test
  void smtpOutageDelaysButLosesNothingAndKeepsOrder() throws Exception {
    mailbox.stop();
    start();
    for (int n = 1; n <= 5; n++) {
      enqueue("test:" + n, "Cảnh báo số " + n, List.of(CONTACT_1, NATIONAL));
    }
    // every first-in-line row has failed at least twice: the sender is backing off
    Poll.await("two failed attempts for each recipient", () -> count("SELECT count(*) FROM alert_outbox WHERE attempts < 2"
        + " AND id IN (SELECT min(id) FROM alert_outbox GROUP BY recipient)") == 0, Duration.ofSeconds(10));
    assertThat(undelivered()).isEqualTo(10);

    var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    alerts.bindMetrics(registry);
    assertThat(registry.get("dvc_alert_send_failures").functionCounter().count()).isGreaterThanOrEqualTo(4);
    assertThat(registry.get("dvc_alert_outbox_backlog").gauge().value()).isEqualTo(10);

    mailbox.start();
    mailbox.await(10);
    awaitQuiet();
    assertThat(registry.get("dvc_alerts_delivered").functionCounter().count()).isEqualTo(10);
    List<String> expected = List.of("Cảnh báo số 1", "Cảnh báo số 2", "Cảnh báo số 3", "Cảnh báo số 4", "Cảnh báo số 5");
    assertThat(mailbox.subjectsFor(CONTACT_1)).containsExactlyElementsOf(expected);
    assertThat(mailbox.subjectsFor(NATIONAL)).containsExactlyElementsOf(expected);
    assertThat(mailbox.messages()).hasSize(10);
    List<AlertDelivery> rows = alerts.adminHistory(null, 100).await();
    assertThat(rows).allSatisfy(r -> assertThat(r.state()).isEqualTo("sent"));
    assertThat(rows).anySatisfy(r -> assertThat(r.attempts()).isGreaterThan(1));
  }

  @Test
  void aServerBackFromAnOutageGetsTheBackloggedAlertsWithinSecondsNotAfterTheBackoff() throws Exception {
    mailbox.stop();
    // Retries a minute apart: without the reachability watch, nothing would go out for a minute.
    start(settings().withTiming(Duration.ofMillis(50), Duration.ofMinutes(1), Duration.ofMinutes(10),
        Duration.ofMillis(800)), MaintenanceCalendar.NONE, Clock.systemUTC());
    for (int n = 1; n <= 3; n++) {
      enqueue("reach:" + n, "Cảnh báo số " + n, List.of(CONTACT_1, NATIONAL));
    }
    // the first row of each recipient has failed once, and that is recorded: it now waits out a minute
    Poll.await("first attempts failed and recorded", () -> count("SELECT count(*) FROM alert_outbox WHERE attempts >= 1"
        + " AND state = 'pending' AND next_attempt_at > now()") == 2, Duration.ofSeconds(10));
    long backAt = System.nanoTime();
    mailbox.start();
    mailbox.await(6);
    double seconds = (System.nanoTime() - backAt) / 1e9;
    assertThat(mailbox.messages()).hasSize(6);
    assertThat(seconds).as("seconds from the server's return to the last mail").isLessThan(
        OutboxSender.REACH_EVERY.toSeconds() + 5);
    assertThat(mailbox.subjectsFor(NATIONAL)).containsExactly("Cảnh báo số 1", "Cảnh báo số 2", "Cảnh báo số 3");
  }

  @Test
  void onlyAServerThatDidNotAnswerCountsAsAway() {
    assertThat(OutboxSender.noAnswer(new java.net.ConnectException("Connection refused: /127.0.0.1:25"))).isTrue();
    assertThat(OutboxSender.noAnswer(new RuntimeException("wrapped", new java.net.ConnectException("refused")))).isTrue();
    assertThat(OutboxSender.noAnswer(new IllegalStateException("530 5.7.0 Authentication required"))).isFalse();
    assertThat(OutboxSender.noAnswer(new java.util.concurrent.TimeoutException("Timeout"))).isFalse();
  }

  @Test
  void alertCommittedBeforeACrashIsDeliveredOnceAfterRestart() throws Exception {
    // The first process: writes two alerts, claims the first for sending, and dies before any SMTP.
    Vertx first = Vertx.vertx();
    Pool firstPool = TestDatabase.pool(first);
    AlertSettings s = settings();
    AlertService dying = new AlertService(firstPool, s, MaintenanceCalendar.NONE, Clock.systemUTC());
    Incident a = new Incident("inc-a", "ha-noi", T0, null, Cause.DNS, Target.HOMEPAGE);
    firstPool.withTransaction(c -> dying.onIncidentOpened(c, HA_NOI, a)).await();
    assertThat(dying.outbox().claim(50, s.lease(), s.ratePerHour(), java.util.List.of("email")).await()).hasSize(3);
    firstPool.withTransaction(c -> dying.onIncidentClosed(c, HA_NOI, a.close(T0.plusSeconds(600)))).await();
    first.close().await();

    start(); // the restarted watchdog, same database
    mailbox.await(6);
    awaitQuiet();
    assertThat(mailbox.messages()).hasSize(6);
    for (String to : List.of(CONTACT_1, CONTACT_2, NATIONAL)) {
      assertThat(mailbox.subjectsFor(to)).as(to).hasSize(2);
      assertThat(mailbox.subjectsFor(to).get(0)).contains("lỗi phân giải tên miền");
      assertThat(mailbox.subjectsFor(to).get(1)).contains("sau 10 phút");
    }
  }

  @Test
  void resendAfterCrashBetweenSmtpAcceptAndMarkKeepsTheMessageId() throws Exception {
    start();
    enqueue("test:dup", "Một cảnh báo", List.of(CONTACT_1));
    mailbox.await(1);
    awaitQuiet();
    // What the database looks like if the process died after the server said 250 but before the mark.
    pool.query("UPDATE alert_outbox SET state = 'sending', sent_at = NULL, lease_until = now() - interval '1 second'")
        .execute().await();
    mailbox.await(2);
    awaitQuiet();
    List<MimeMessage> got = mailbox.messages();
    assertThat(got).hasSize(2); // at least once: documented in docs/ALERTS.md
    assertThat(got.get(0).getHeader("Message-ID")).containsExactly(got.get(1).getHeader("Message-ID"));
  }

  @Test
  void rolledBackStateChangeLeavesNoAlert() throws Exception {
    start();
    Incident i = new Incident("inc-rb", "ha-noi", T0, null, Cause.TIMEOUT, Target.EFORM);
    Future<Void> tx = pool.withTransaction(c -> alerts.onIncidentOpened(c, HA_NOI, i)
        .compose(x -> Future.<Void>failedFuture("incident insert failed")));
    assertThat(tx.toCompletionStage().toCompletableFuture().handle((ok, err) -> err).get()).isNotNull();
    awaitSenderPasses(2);
    assertThat(alerts.adminHistory(null, 10).await()).isEmpty();
    assertThat(mailbox.messages()).isEmpty();
  }

  @Test
  void perRecipientRateLimitDelaysTheExcessWithoutDroppingIt() throws Exception {
    start(settings().withRouting(null, Set.of(), Set.of(), 2), MaintenanceCalendar.NONE, Clock.systemUTC());
    for (int n = 1; n <= 3; n++) {
      enqueue("rate:" + n, "Cảnh báo " + n, List.of(CONTACT_1));
    }
    mailbox.await(2);
    awaitSenderPasses(2);
    assertThat(mailbox.subjectsFor(CONTACT_1)).containsExactly("Cảnh báo 1", "Cảnh báo 2");
    assertThat(undelivered()).isEqualTo(1);
    assertThat(alerts.backlog()).isEqualTo(1);
  }

  private void enqueue(String key, String subject, List<String> to) {
    Alert a = new Alert(key, AlertKind.GRADE_DROP, "ha-noi", to, subject, subject + "\n", "<p>" + subject + "</p>",
        Instant.now());
    alerts.outbox().enqueue(pool, a).await();
  }

  private long count(String sql) {
    return pool.query(sql).execute().await().iterator().next().getLong(0);
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
