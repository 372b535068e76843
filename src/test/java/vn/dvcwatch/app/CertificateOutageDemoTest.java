package vn.dvcwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dvcwatch.result.CertificateProblem;
import vn.dvcwatch.sim.CertPosture;
import vn.dvcwatch.sim.SimFleet;
import vn.dvcwatch.sim.SimMode;
import vn.dvcwatch.sim.SimPortal;
import vn.dvcwatch.testkit.Poll;

/**
 * The certificate table against the whole product and the simulated fleet: every certificate a browser
 * refuses (expired, not yet valid, untrusted, self-signed, another host name, SHA-1) makes its portal DOWN
 * with cause {@code certificate} and a Vietnamese detail naming that problem on the API, opens an incident
 * that counts as SLA downtime, and pages once, with the certificate mail: no generic outage mail, no
 * expiry step (the SLA's burn-rate alert and a grade drop, which any downtime brings, are other matters).
 * One refused portal also stops answering after the handshake (the timeout path): still the certificate,
 * still one certificate mail. A weak key is not refused: no certificate outage, no outage mail.
 */
class CertificateOutageDemoTest {
  static final String NATIONAL = "giamsat@cds.gov.vn";

  @Test
  void everyRefusedCertificateIsDowntimeWithOneCertificateMail(@TempDir Path data) throws Exception {
    int smtpPort = vn.dvcwatch.testkit.LowPorts.one();
    GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    // About a fifth of the demo fleet is DOWN for its certificate: the fleet-wide failure check (which holds
    // back every incident while it suspects the watchdog's own network) is set out of this test's way, so
    // that a loaded machine's slow portals cannot keep it from clearing.
    try (RunningDemo demo = new RunningDemo(data, 83, 26000, Map.of("DVC_ALERTS_ENABLED", "true",
        "DVC_ALERTS_SMTP_HOST", "127.0.0.1", "DVC_ALERTS_SMTP_PORT", Integer.toString(smtpPort),
        "DVC_ALERTS_SMTP_STARTTLS", "none", "DVC_ALERTS_NATIONALCOPY", NATIONAL,
        "DVC_PROBE_FLEETFAILURERATIO", "0.95"))) {
      SimFleet sim = demo.verticle.sim();
      List<SimPortal> https = sim.portals().stream().filter(p -> p.posture().https()).toList();
      // One portal per refused problem: dealt by the simulator, or a valid one switched to the two it does not deal.
      Map<String, SimPortal> table = new LinkedHashMap<>();
      table.put(CertificateProblem.EXPIRED, first(https, CertPosture.EXPIRED, 0));
      table.put(CertificateProblem.SELF_SIGNED, first(https, CertPosture.SELF_SIGNED, 0));
      table.put(CertificateProblem.HOSTNAME_MISMATCH, first(https, CertPosture.WRONG_HOST, 0));
      table.put(CertificateProblem.SHA1_SIGNATURE, first(https, CertPosture.SHA1_SIGNATURE, 0));
      SimPortal notYet = first(https, CertPosture.VALID, 0);
      SimPortal untrusted = first(https, CertPosture.VALID, 1);
      sim.setCertificate(notYet.id(), CertPosture.NOT_YET_VALID).await();
      sim.setCertificate(untrusted.id(), CertPosture.UNTRUSTED).await();
      table.put(CertificateProblem.NOT_YET_VALID, notYet);
      table.put(CertificateProblem.UNTRUSTED, untrusted);
      // The timeout path: the handshake shows the refused certificate, then the request is never answered.
      SimPortal silent = first(https, CertPosture.EXPIRED, 1);
      sim.setMode(silent.id(), SimMode.TIMEOUT).await();
      table.put(CertificateProblem.EXPIRED + " then timeout", silent);
      SimPortal weak = first(https, CertPosture.RSA_1024, 0);
      sim.setDelay(weak.id(), Duration.ofMillis(20)); // a slow portal may time out on a loaded machine: not this test's point

      for (Map.Entry<String, SimPortal> e : table.entrySet()) {
        String id = e.getValue().id();
        String problem = e.getKey().split(" ")[0];
        boolean down = Poll.until(() -> {
          JsonObject p = listed(demo, id);
          return "DOWN".equals(p.getString("status")) && "certificate".equals(p.getString("cause"))
              && portal(demo, id).getJsonObject("openIncident") != null;
        }, Duration.ofSeconds(120), Duration.ofMillis(500));
        assertThat(down).as(e.getKey() + ": " + id + " turns DOWN for its certificate, with an incident; now "
            + listed(demo, id).encode() + " " + portal(demo, id).getJsonObject("openIncident")).isTrue();
        JsonObject p = portal(demo, id);
        assertThat(p.getJsonObject("openIncident").getString("cause")).as(e.getKey()).isEqualTo("certificate");
        JsonObject listed = listed(demo, id);
        assertThat(listed.getString("detail")).as(e.getKey()).contains(CertificateProblem.words(problem))
            .doesNotContain(problem);
      }
      for (Map.Entry<String, SimPortal> e : table.entrySet()) {
        String id = e.getValue().id();
        // The month's downtime runs from the incident's start to now, rounded: right after the confirmation
        // (seconds on a loaded machine) it may still read 0.0, so wait for it to grow, bounded.
        Poll.await(e.getKey() + ": the SLA counts the certificate outage as downtime", () -> {
          JsonObject sla = portal(demo, id).getJsonArray("sla").getJsonObject(0);
          return sla.getInteger("incidents") == 1 && sla.getDouble("downtimeMinutes") > 0;
        }, Duration.ofSeconds(90), Duration.ofSeconds(1));
      }
      JsonObject weakNow = listed(demo, weak.id());
      assertThat(weakNow.getString("cause")).as("a weak key is not refused").isNotEqualTo("certificate");

      // Several evaluations pass (every 2 s): the expiry steps must not add a second mail.
      Thread.sleep(8000);
      for (Map.Entry<String, SimPortal> e : table.entrySet()) {
        assertThat(outageMails(mail, e.getValue().id())).as("mails to the owner of " + e.getKey())
            .singleElement().asString().contains("trình duyệt chặn truy cập vì lỗi chứng chỉ");
      }
      assertThat(outageMails(mail, weak.id())).as("mails to the owner of the weak-key portal")
          .noneMatch(s -> s.contains("chứng chỉ"));
    } finally {
      mail.stop();
    }
  }

  static SimPortal first(List<SimPortal> https, CertPosture cert, int skip) {
    return https.stream().filter(p -> p.posture().cert() == cert).skip(skip).findFirst()
        .orElseThrow(() -> new AssertionError("no simulated portal with " + cert));
  }

  static JsonObject portal(RunningDemo demo, String id) throws Exception {
    return new JsonObject(demo.get("/api/v1/portals/" + id).body());
  }

  static JsonObject listed(RunningDemo demo, String id) throws Exception {
    return new JsonArray(demo.get("/api/v1/portals").body()).stream().map(JsonObject.class::cast)
        .filter(p -> id.equals(p.getString("id"))).findFirst().orElseThrow();
  }

  /**
   * The mails to one portal's own contact (each simulated portal has one: {@code cntt.<id>@sim.dvc.test}), except
   * the error-budget burn alert (about the SLA: it follows any downtime, a 5xx outage too) and a grade drop (a
   * portal switched to a refused certificate loses grade). The national copies of every portal's mails would
   * meet the per-recipient hourly limit here, and wait.
   */
  static List<String> outageMails(GreenMail mail, String portalId) throws Exception {
    String owner = "cntt." + portalId + "@sim.dvc.test";
    List<String> subjects = new ArrayList<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      boolean toOwner = java.util.Arrays.stream(m.getRecipients(Message.RecipientType.TO))
          .anyMatch(a -> a.toString().equalsIgnoreCase(owner));
      String subject = m.getSubject();
      if (toOwner && !subject.contains("tiêu hao ngân sách lỗi") && !subject.contains(" hạ hạng ")) {
        subjects.add(subject);
      }
    }
    return subjects;
  }
}
