package vn.dvcwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.Cause;
import vn.dvcwatch.result.CertificateProblem;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.Phases;
import vn.dvcwatch.status.PortalStatus;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.status.StatusEvent;
import vn.dvcwatch.status.StatusTracker;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.result.TlsPosture;

/**
 * A certificate failure episode pages its owner once: the certificate mail when the outage is confirmed,
 * neither a generic outage mail beside it nor the "expired" step of the expiry reminders. With
 * {@code probe.certificateFailure: degraded} there is no outage, and the expiry step is the one mail.
 */
class CertificateOutageAlertTest extends AlertFixture {
  static final Instant NOT_AFTER = T0.minus(Duration.ofDays(2));

  static ProbeResult probe(Outcome outcome, Instant at) {
    TlsPosture expired = new TlsPosture(true, null, true, -2, NOT_AFTER, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "EC",
        256, "SHA256withECDSA", List.of(), true);
    return new ProbeResult(HA_NOI.id(), Target.HOMEPAGE, HA_NOI.homepage().toString(), at, outcome, Cause.CERTIFICATE,
        200, new Phases(1.0, 1.0, 5.0, 20.0, 2.0, 30.0), 0, 5000, expired, null, null);
  }

  /** Probes and evaluations of one episode, as ProbePipeline and Evaluations hand them to alerts. */
  List<StatusEvent> episode(Outcome outcome) {
    StatusTracker tracker = new StatusTracker(3, 2, 0.5, Clock.systemUTC());
    List<StatusEvent> events = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ProbeResult r = probe(outcome, T0.plusSeconds(10L * i));
      for (StatusEvent e : tracker.record(r)) {
        events.add(e);
        if (e instanceof StatusEvent.IncidentOpened o) {
          pool.withTransaction(c -> alerts.onIncidentOpened(c, HA_NOI, o.incident(),
              CertificateProblem.describe(r.tls().refusals()))).await();
        }
      }
      alerts.onCertificate(HA_NOI, r, T0).await(); // every evaluation looks at the latest homepage result
    }
    return events;
  }

  @Test
  void aRefusedCertificateIsOneOutageWithOneCertificateMail() throws Exception {
    start();
    List<StatusEvent> events = episode(Outcome.DOWN);
    assertThat(events).filteredOn(StatusEvent.StatusChanged.class::isInstance)
        .map(e -> ((StatusEvent.StatusChanged) e).to() + " " + ((StatusEvent.StatusChanged) e).cause())
        .containsExactly(PortalStatus.DOWN + " certificate");
    assertThat(events).filteredOn(StatusEvent.IncidentOpened.class::isInstance).hasSize(1)
        .allSatisfy(e -> assertThat(((StatusEvent.IncidentOpened) e).incident().cause()).isEqualTo("certificate"));
    mailbox.await(1);
    awaitQuiet();
    assertThat(mailbox.subjectsFor(CONTACT_1)).containsExactly(
        "[dvc-watch] Cổng DVC Thành phố Hà Nội: trình duyệt chặn truy cập vì lỗi chứng chỉ");
    String body = Mailbox.part(mailbox.messages().get(0), "text/plain");
    assertThat(body).contains("chứng chỉ đã hết hạn").doesNotContain("expired");
  }

  @Test
  void withDegradedTheExpiryStepIsTheOneMail() throws Exception {
    start();
    List<StatusEvent> events = episode(Outcome.DEGRADED);
    assertThat(events).noneMatch(StatusEvent.IncidentOpened.class::isInstance);
    mailbox.await(1);
    awaitQuiet();
    assertThat(mailbox.subjectsFor(CONTACT_1))
        .containsExactly("[dvc-watch] Cổng DVC Thành phố Hà Nội: chứng chỉ TLS đã hết hạn");
  }
}
