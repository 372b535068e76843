package vn.dvcwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.Cause;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.result.Target;

/**
 * Alert mails arrive marked as automatic (RFC 3834 {@code Auto-Submitted}: no out-of-office replies) and
 * with one {@code List-Id} per portal (RFC 2919), as received by a real SMTP server.
 */
class AlertMailHeadersTest extends AlertFixture {

  @Test
  void aPortalsAlertIsAutoSubmittedAndListedUnderThePortal() throws Exception {
    start();
    open(new Incident("inc-h", "ha-noi", T0, null, Cause.CONNECT, Target.HOMEPAGE));
    mailbox.await(3);
    awaitQuiet();
    assertThat(mailbox.messages()).hasSize(3);
    for (MimeMessage m : mailbox.messages()) {
      assertThat(m.getHeader("Auto-Submitted")).containsExactly("auto-generated");
      assertThat(m.getHeader("List-Id")).containsExactly("<ha-noi.alerts.dvc-watch.dvc-watch.test>");
    }
  }

  @Test
  void aFleetWideAlertIsListedUnderTheFleet() throws Exception {
    start();
    alerts.outbox().enqueue(pool, new Alert("fleet-h", AlertKind.GRADE_DROP, null, List.of(NATIONAL), "[dvc-watch] toàn hệ thống",
        "toàn hệ thống\n", "<p>toàn hệ thống</p>", Instant.now())).await();
    mailbox.await(1);
    MimeMessage m = mailbox.messages().get(0);
    assertThat(m.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    assertThat(m.getHeader("List-Id")).containsExactly("<fleet.alerts.dvc-watch.dvc-watch.test>");
  }

  @Test
  void theListIdTakesTheDomainOfAnyFormOfSender() {
    assertThat(OutboxSender.listId("bo-y-te", "canhbao@Example.gov.vn")).isEqualTo("<bo-y-te.alerts.dvc-watch.example.gov.vn>");
    assertThat(OutboxSender.listId("Hai Phong", "\"Giám sát\" <gs@cds.gov.vn>"))
        .isEqualTo("<hai-phong.alerts.dvc-watch.cds.gov.vn>");
    assertThat(OutboxSender.listId(null, null)).isEqualTo("<fleet.alerts.dvc-watch.localhost>");
  }
}
