package vn.dvcwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dvcwatch.registry.Vietnam;

/**
 * What issue 19 calls done: the demo, playing a scenario, shows the current month's report with the scenario's
 * outage (Thành phố Hải Phòng refuses connections from 20 s on, as in conf/scenarios/demo.yaml but not undone, so a
 * loaded machine cannot miss it), and its PDF and CSV download; the PDF's text, extracted with PDFBox, has the
 * Vietnamese names intact.
 */
class ReportDemoTest {
  private static final String TOKEN = "report-demo-admin-token";

  @Test
  void theCurrentMonthsReportShowsTheScenariosOutageAsHtmlPdfAndCsv(@TempDir Path data) throws Exception {
    try (RunningDemo demo = new RunningDemo(data, 83, 0, Map.of("DVC_ADMIN_TOKEN", TOKEN),
        Path.of("src/test/resources/scenarios/report-demo.yaml"))) {
      String month = YearMonth.now(Vietnam.ZONE).toString();
      HttpClient http = HttpClient.newHttpClient();
      // The outage starts 20 s after the fleet and is confirmed after three failed probes: within a minute on a quiet
      // machine; on a loaded one the first probes may time out, and the watchdog then suspects its own network and
      // decides nothing until most of the fleet answers again.
      vn.dvcwatch.testkit.Poll.await("Hải Phòng's scenario outage is in the month's report",
          () -> text(get(http, demo, "/reports/" + month + "/hai-phong")).contains("<td>connect (homepage)</td>"),
          Duration.ofSeconds(240), Duration.ofSeconds(2));

      HttpResponse<byte[]> national = get(http, demo, "/reports/" + month);
      assertThat(national.statusCode()).isEqualTo(200);
      assertThat(text(national)).contains("Tháng chưa kết thúc", "Thành phố Hải Phòng", "Phương pháp tính",
          "/reports/" + month + "/owner/van-phong-uy-ban-nhan-dan-thanh-pho-hai-phong");

      HttpResponse<byte[]> page = get(http, demo, "/reports/" + month + "/hai-phong");
      assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
      // The incident table has the outage: refused connections are cause "connect".
      assertThat(text(page)).contains("<h2>Sự cố</h2>", "<td>connect (homepage)</td>")
          .doesNotContain("Không có sự cố trong tháng.");

      HttpResponse<byte[]> pdf = get(http, demo, "/reports/" + month + "/hai-phong?format=pdf");
      assertThat(pdf.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
      try (PDDocument doc = Loader.loadPDF(pdf.body())) {
        assertThat(new PDFTextStripper().getText(doc)).contains("Thành phố Hải Phòng", "Văn phòng Ủy ban nhân dân thành phố"
            + " Hải Phòng", "· connect ·", "Phương pháp tính");
      }

      HttpResponse<byte[]> csv = get(http, demo, "/reports/" + month + "?format=csv");
      assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
      String haiPhong = text(csv).lines().filter(l -> l.startsWith(month + ",hai-phong,")).findFirst().orElseThrow();
      // Column 12 is the month's incident count.
      assertThat(Integer.parseInt(haiPhong.split(",")[11])).isGreaterThanOrEqualTo(1);
      assertThat(text(csv).lines().count()).isEqualTo(84);

      HttpResponse<byte[]> owner = get(http, demo, "/reports/" + month + "/owner/van-phong-uy-ban-nhan-dan-thanh-pho-hai-phong");
      assertThat(owner.statusCode()).isEqualTo(200);
      assertThat(text(owner)).contains("Tổng cộng (1 cổng)", "<td>connect (homepage)</td>");

      // An acknowledgement (admin API) is shown on the portal page's data and in the report's incident table.
      HttpResponse<String> ack = http.send(HttpRequest.newBuilder(URI.create(demo.base() + "/api/v1/admin/acknowledgements"))
          .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"portal\": \"hai-phong\", \"by\": \"Trực ban Hải Phòng\"}"))
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ack.statusCode()).as(ack.body()).isEqualTo(201);
      io.vertx.core.json.JsonObject incident = new io.vertx.core.json.JsonObject(demo.get("/api/v1/portals/hai-phong").body())
          .getJsonArray("incidents").getJsonObject(0);
      assertThat(incident.getString("ackBy")).isEqualTo("Trực ban Hải Phòng");
      assertThat(text(get(http, demo, "/reports/" + month + "/hai-phong"))).contains("<td>Trực ban Hải Phòng (");
    }
  }

  private static HttpResponse<byte[]> get(HttpClient http, RunningDemo demo, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(demo.base() + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }
}
