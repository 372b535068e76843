package vn.dvcwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
    return probe(CertificateProblem.EXPIRED, outcome, Cause.CERTIFICATE, at);
  }

  /** A homepage result whose certificate has {@code problem}, as the prober gives it. */
  static ProbeResult probe(String problem, Outcome outcome, String cause, Instant at) {
    boolean expired = CertificateProblem.EXPIRED.equals(problem);
    TlsPosture tls = new TlsPosture(!problem.equals(CertificateProblem.UNTRUSTED)
        && !problem.equals(CertificateProblem.SELF_SIGNED), null, !problem.equals(CertificateProblem.HOSTNAME_MISMATCH),
        expired ? -2 : 60, expired ? NOT_AFTER : T0.plus(Duration.ofDays(60)), "TLSv1.3", "TLS_AES_128_GCM_SHA256",
        problem.equals(CertificateProblem.WEAK_KEY) ? "RSA" : "EC", problem.equals(CertificateProblem.WEAK_KEY) ? 1024 : 256,
        "SHA256withECDSA", List.of(), true, List.of(problem));
    return new ProbeResult(HA_NOI.id(), Target.HOMEPAGE, HA_NOI.homepage().toString(), at, outcome, cause,
        200, new Phases(1.0, 1.0, 5.0, 20.0, 2.0, 30.0), 0, 5000, tls, null, null);
  }

  /** A homepage probe that timed out before the handshake finished: no certificate to show. */
  static ProbeResult handshakeTimeout(Instant at) {
    return new ProbeResult(HA_NOI.id(), Target.HOMEPAGE, HA_NOI.homepage().toString(), at, Outcome.DOWN, Cause.TIMEOUT,
        null, new Phases(1.0, 1.0, null, null, null, 10_000.0), 0, 0, null, null, null);
  }

  /** Probes and evaluations of one episode, as ProbePipeline and Evaluations hand them to alerts. */
  List<StatusEvent> episode(Outcome outcome) {
    List<ProbeResult> probes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      probes.add(probe(outcome, T0.plusSeconds(10L * i)));
    }
    return episode(probes);
  }

  List<StatusEvent> episode(List<ProbeResult> probes) {
    StatusTracker tracker = new StatusTracker(3, 2, 0.5, Clock.systemUTC());
    List<StatusEvent> events = new ArrayList<>();
    String lastRefusal = null; // ProbePipeline's detail: the refused certificate the homepage last presented
    for (ProbeResult r : probes) {
      if (r.tls() != null) {
        lastRefusal = CertificateProblem.describe(r.tls().refusals());
      }
      for (StatusEvent e : tracker.record(r)) {
        events.add(e);
        if (e instanceof StatusEvent.IncidentOpened o) {
          String detail = Cause.CERTIFICATE.equals(o.incident().cause()) ? lastRefusal : null;
          pool.withTransaction(c -> alerts.onIncidentOpened(c, HA_NOI, o.incident(), detail)).await();
        }
      }
      alerts.onCertificate(HA_NOI, r, T0).await(); // every evaluation looks at the latest homepage result
    }
    return events;
  }

  /**
   * The certificate table, each episode confirmed through timeouts: a refused certificate, then the retries
   * time out (after the handshake, which the prober judges as the certificate, or before it, with no
   * certificate at all). The owner is paged once, with the certificate alert naming the problem in
   * Vietnamese; never a generic outage mail. A weak key is not a refusal (browsers open the page; the
   * score caps it): no outage, no mail.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {CertificateProblem.EXPIRED, CertificateProblem.NOT_YET_VALID, CertificateProblem.UNTRUSTED,
      CertificateProblem.SELF_SIGNED, CertificateProblem.HOSTNAME_MISMATCH, CertificateProblem.SHA1_SIGNATURE,
      CertificateProblem.WEAK_KEY})
  void aCertificateOutageConfirmedThroughTimeoutsPagesOnceWithTheCertificateAlert(String problem) throws Exception {
    start();
    List<ProbeResult> probes = new ArrayList<>();
    if (!CertificateProblem.refused(problem)) {
      for (int i = 0; i < 8; i++) {
        probes.add(probe(problem, Outcome.UP, null, T0.plusSeconds(10L * i)));
      }
      assertThat(episode(probes)).noneMatch(StatusEvent.IncidentOpened.class::isInstance);
      awaitQuiet();
      assertThat(mailbox.messages()).isEmpty();
      return;
    }
    // The timeout after the handshake: the prober judges it as the certificate (Verdict).
    probes.add(probe(problem, Outcome.DOWN, Cause.CERTIFICATE, T0));
    probes.add(probe(problem, Outcome.DOWN, Cause.CERTIFICATE, T0.plusSeconds(10)));
    probes.add(handshakeTimeout(T0.plusSeconds(20))); // the confirming retry got no handshake
    for (int i = 3; i < 8; i++) {
      probes.add(i % 2 == 0 ? handshakeTimeout(T0.plusSeconds(10L * i))
          : probe(problem, Outcome.DOWN, Cause.CERTIFICATE, T0.plusSeconds(10L * i)));
    }
    List<StatusEvent> events = episode(probes);
    assertThat(events).filteredOn(StatusEvent.IncidentOpened.class::isInstance).singleElement()
        .satisfies(e -> assertThat(((StatusEvent.IncidentOpened) e).incident().cause()).isEqualTo(Cause.CERTIFICATE));
    mailbox.await(1);
    awaitQuiet();
    assertThat(mailbox.subjectsFor(CONTACT_1)).containsExactly(
        "[dvc-watch] Cổng DVC Thành phố Hà Nội: trình duyệt chặn truy cập vì lỗi chứng chỉ");
    String body = Mailbox.part(mailbox.messages().get(0), "text/plain");
    assertThat(body).contains(CertificateProblem.words(problem)).doesNotContain(problem);
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
