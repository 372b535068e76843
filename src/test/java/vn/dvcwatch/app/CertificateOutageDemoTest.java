package vn.dvcwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product against the simulated fleet: a portal whose certificate browsers refuse is DOWN with
 * cause {@code certificate} and a Vietnamese detail on the API, has an incident that counts as SLA
 * downtime, and pages once, with the certificate mail and no generic outage mail.
 */
class CertificateOutageDemoTest {
  static final String NATIONAL = "giamsat@cds.gov.vn";

  @Test
  void aRefusedCertificateIsDowntimeWithOneCertificateMail(@TempDir Path data) throws Exception {
    int smtpPort;
    try (ServerSocket s = new ServerSocket(0)) {
      smtpPort = s.getLocalPort();
    }
    GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    try (RunningDemo demo = new RunningDemo(data, 83, 22000, Map.of("DVC_ALERTS_ENABLED", "true",
        "DVC_ALERTS_SMTP_HOST", "127.0.0.1", "DVC_ALERTS_SMTP_PORT", Integer.toString(smtpPort),
        "DVC_ALERTS_SMTP_STARTTLS", "none", "DVC_ALERTS_NATIONALCOPY", NATIONAL))) {
      JsonObject down = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (down == null && System.nanoTime() < deadline) {
        Optional<JsonObject> found = new JsonArray(demo.get("/api/v1/portals").body()).stream()
            .map(JsonObject.class::cast)
            .filter(p -> "DOWN".equals(p.getString("status")) && "certificate".equals(p.getString("cause")))
            .findFirst();
        if (found.isPresent()) {
          down = found.get();
        } else {
          Thread.sleep(500);
        }
      }
      assertThat(down).as("a simulated portal with a refused certificate turns DOWN").isNotNull();
      assertThat(down.getString("detail")).startsWith("chứng chỉ");
      String id = down.getString("id");
      String name = down.getString("name");

      JsonObject portal = new JsonObject(demo.get("/api/v1/portals/" + id).body());
      assertThat(portal.getJsonObject("openIncident").getString("cause")).isEqualTo("certificate");
      JsonObject month = portal.getJsonArray("sla").getJsonObject(0);
      assertThat(month.getInteger("incidents")).isEqualTo(1);
      assertThat(month.getDouble("downtimeMinutes")).as("counted as downtime").isPositive();

      // Several evaluations pass (every 2 s): the expiry steps must not add a second mail.
      Thread.sleep(8000);
      List<String> subjects = new ArrayList<>();
      for (MimeMessage m : mail.getReceivedMessages()) {
        boolean national = java.util.Arrays.stream(m.getRecipients(Message.RecipientType.TO))
            .anyMatch(a -> a.toString().equalsIgnoreCase(NATIONAL));
        if (national && m.getSubject().contains(name)) {
          subjects.add(m.getSubject());
        }
      }
      assertThat(subjects).as("mails about " + name).singleElement().asString()
          .contains("trình duyệt chặn truy cập vì lỗi chứng chỉ");
    } finally {
      mail.stop();
    }
  }
}
