package vn.dvcwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.registry.PortalKind;
import vn.dvcwatch.store.DbSettings;
import vn.dvcwatch.store.Store;

/** A closed month with known incidents, maintenance and a grade change, in a real embedded PostgreSQL. */
class MonthlyReportTest {
  private static final Instant NOW = Instant.parse("2026-10-05T03:00:00Z");
  private static Vertx vertx;
  private static Store store;
  private static final AtomicReference<List<Portal>> FLEET = new AtomicReference<>(KnownMonth.FLEET);
  private static final AtomicReference<String> FLEET_NAME = new AtomicReference<>("2023");
  private static ReportService reports;
  private static JsonObject data;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    store = Store.start(vertx, DbSettings.embeddedDefaults(), KnownMonth.dataDir()).await();
    KnownMonth.seed(store);
    reports = new ReportService(store, FLEET_NAME::get, FLEET::get);
    data = reports.month(KnownMonth.MONTH, NOW).await();
  }

  @AfterAll
  static void stop() {
    store.close().await();
    vertx.close().await();
  }

  // Month: 30 days = 43 200 min. Hà Nội: maintenance 30 min; down 60 + (90 − 30) = 120 min;
  // uptime = 1 − 120 / 43 170; budget = 0.5 % × 43 170 = 215.85 min, used 120 / 215.85.
  // Khoa học và Công nghệ: first probed on the 15th at 00:00 UTC, never down: eligible from then to the month's end
  // (30 September 17:00 UTC) = 15 days 17 hours = 22 620 min; budget 1 % of it = 226.2 min.
  // Hà Nội's one-stop system: observed all month (43 200 min), 45 min down; budget 1 % = 432 min, used 45 / 432.
  static Stream<Arguments> figures() {
    return Stream.of(
        Arguments.of("ha-noi", 1 - 120.0 / 43_170, 120.0, 30.0, 43_170.0, 215.85, 120.0 / 215.85, 2, "A", 1, "C", 2),
        Arguments.of("bo-khcn", 1.0, 0.0, 0.0, 22_620.0, 226.2, 0.0, 0, "A", 2, "A", 1),
        Arguments.of("ha-noi-mot-cua", 1 - 45.0 / 43_200, 45.0, 0.0, 43_200.0, 432.0, 45.0 / 432, 1, null, null, null, null));
  }

  @ParameterizedTest
  @MethodSource("figures")
  void figuresMatchTheHandComputation(String id, double uptime, double downMin, double maintMin, double eligibleMin,
      double budgetMin, double budgetUsed, int incidents, String gradeStart, Integer rankStart, String gradeEnd,
      Integer rankEnd) {
    JsonObject p = portal(data, id);
    assertThat(p.getDouble("uptime")).isCloseTo(uptime, within(1e-9));
    assertThat(p.getDouble("downtimeMin")).isCloseTo(downMin, within(1e-6));
    assertThat(p.getDouble("maintenanceMin")).isCloseTo(maintMin, within(1e-6));
    assertThat(p.getDouble("eligibleMin")).isCloseTo(eligibleMin, within(1e-6));
    assertThat(p.getDouble("budgetMin")).isCloseTo(budgetMin, within(1e-6));
    assertThat(p.getDouble("budgetUsed")).isCloseTo(budgetUsed, within(1e-6));
    assertThat(p.getJsonArray("incidents")).hasSize(incidents);
    JsonObject g = p.getJsonObject("grade");
    assertThat(java.util.Arrays.asList(g.getString("start"), g.getInteger("startRank"), g.getString("end"),
        g.getInteger("endRank"))).containsExactly(gradeStart, rankStart, gradeEnd, rankEnd);
  }

  // The owners' totals, time-weighted over their portals. UBND Thành phố Hà Nội (its portal and its one-stop system):
  // down 120 + 45 = 165 of 43 170 + 43 200 = 86 370 eligible min: uptime 1 − 165 / 86 370 = 99.809 %; target
  // (0.995 × 43 170 + 0.99 × 43 200) / 86 370 = 99.250 %; budget 215.85 + 432 = 647.85 min, used 165 / 647.85 =
  // 25.469 %; 3 incidents, 30 min maintenance. Bộ Khoa học và Công nghệ: its one portal's figures.
  static Stream<Arguments> owners() {
    return Stream.of(
        Arguments.of("ubnd-thanh-pho-ha-noi", "UBND Thành phố Hà Nội", List.of("ha-noi", "ha-noi-mot-cua"),
            1 - 165.0 / 86_370, (0.995 * 43_170 + 0.99 * 43_200) / 86_370, 165.0 / 647.85, 165.0, 30.0, 3,
            "99,809 %", "99,250 %", "25,469 %"),
        Arguments.of("bo-khoa-hoc-va-cong-nghe", "Bộ Khoa học và Công nghệ", List.of("bo-khcn"), 1.0, 0.99, 0.0, 0.0, 0.0,
            0, "100,000 %", "99,000 %", "0,000 %"));
  }

  @ParameterizedTest
  @MethodSource("owners")
  void ownerTotalsMatchTheHandComputation(String slug, String name, List<String> portals, double uptime, double target,
      double budgetUsed, double downMin, double maintMin, int incidents, String uptimeText, String targetText,
      String budgetText) throws Exception {
    Owners.Owner o = Owners.find(data, slug);
    assertThat(o.name()).isEqualTo(name);
    assertThat(Owners.find(data, name).slug()).isEqualTo(slug);
    assertThat(o.portals().stream().map(p -> ((JsonObject) p).getString("id")).toList()).isEqualTo(portals);
    JsonObject t = o.total();
    assertThat(t.getDouble("uptime")).isCloseTo(uptime, within(1e-9));
    assertThat(t.getDouble("target")).isCloseTo(target, within(1e-9));
    assertThat(t.getDouble("budgetUsed")).isCloseTo(budgetUsed, within(1e-9));
    assertThat(t.getDouble("downtimeMin")).isCloseTo(downMin, within(1e-6));
    assertThat(t.getDouble("maintenanceMin")).isCloseTo(maintMin, within(1e-6));
    assertThat(t.getInteger("incidents")).isEqualTo(incidents);
    // The page shows the same figures, each portal's details, and how the total was added up.
    String html = new String(Rendered.owner(data, slug, "html", null).bytes(), StandardCharsets.UTF_8);
    assertThat(html).contains(name, "Tổng cộng (" + portals.size() + " cổng)", uptimeText, targetText, budgetText,
        "Dòng tổng cộng của cơ quan chủ quản").doesNotContain(KnownMonth.HA_NOI_CONTACT, KnownMonth.MOT_CUA_CONTACT);
    for (String id : portals) {
      assertThat(html).contains(portal(data, id).getString("name"));
    }
    try (PDDocument doc = Loader.loadPDF(Rendered.owner(data, slug, "pdf", null).bytes())) {
      String text = new PDFTextStripper().getText(doc);
      assertThat(text).contains(name, "Tổng cộng (" + portals.size() + " cổng): " + uptimeText + " / " + targetText);
      for (String id : portals) {
        assertThat(text).contains(portal(data, id).getString("name"));
      }
    }
    String[] csv = new String(Rendered.owner(data, slug, "csv", null).bytes(), StandardCharsets.UTF_8).split("\r\n");
    assertThat(csv).hasSize(1 + portals.size());
    assertThat(csv[0]).isEqualTo(String.join(",", ReportCsv.HEADER));
  }

  @Test
  void ownerSlugsFoldVietnameseAndStayDistinct() {
    assertThat(Owners.slug("Văn phòng Ủy ban nhân dân tỉnh Đồng Tháp")).isEqualTo("van-phong-uy-ban-nhan-dan-tinh-dong-thap");
    assertThat(Owners.slug("Bộ Khoa học và Công nghệ")).isEqualTo("bo-khoa-hoc-va-cong-nghe");
    JsonObject two = new JsonObject().put("portals", new JsonArray()
        .add(new JsonObject().put("owner", "Bộ Y tế").put("incidents", new JsonArray()))
        .add(new JsonObject().put("owner", "Bo Y te").put("incidents", new JsonArray())));
    assertThat(Owners.of(two).stream().map(Owners.Owner::slug).toList()).containsExactly("bo-y-te", "bo-y-te-2");
    assertThat(Owners.find(data, "no-such-owner")).isNull();
    assertThat(Rendered.owner(data, "no-such-owner", "html", null)).isNull();
  }

  @Test
  void theReportStatesItsAccountingMethodWithTheVantageRule() {
    String vi = new String(Rendered.of(data, null, "html", null).bytes(), StandardCharsets.UTF_8);
    assertThat(vi).contains("time-weighted", "không tính là gián đoạn", "đa số điểm đo", "(PARTIAL) không mở sự cố",
        "loại khỏi cả thời gian gián đoạn", "/api/v1/portals/{id}/history");
    String en = new String(Rendered.of(data, "ha-noi", "html", "en").bytes(), StandardCharsets.UTF_8);
    assertThat(en).contains("DEGRADED is not down", "a majority of the vantages", "(PARTIAL) opens no incident and is not down time");
    // The national page links each owner's report.
    assertThat(vi).contains("<a href=\"/reports/2026-09/owner/ubnd-thanh-pho-ha-noi\">UBND Thành phố Hà Nội</a> (99,809 %)");
  }

  @Test
  void incidentsMaintenanceAndDriftAreListed() {
    JsonObject p = portal(data, "ha-noi");
    JsonArray inc = p.getJsonArray("incidents");
    assertThat(inc.getJsonObject(0).getString("id")).isEqualTo("inc-1");
    assertThat(inc.getJsonObject(0).getString("ackBy")).isEqualTo("Nguyễn Văn An");
    assertThat(inc.getJsonObject(0).getDouble("minutes")).isEqualTo(60.0);
    assertThat(inc.getJsonObject(0).getString("ackAt")).isEqualTo("2026-09-10T01:10:00Z");
    assertThat(inc.getJsonObject(1).getString("ackBy")).isEqualTo("Trực ban (liên kết trong email)");
    assertThat(inc.getJsonObject(1).getString("cause")).isEqualTo("http_5xx");
    assertThat(p.getJsonArray("maintenance")).hasSize(1);
    assertThat(p.getJsonArray("maintenance").getJsonObject(0).getString("reason")).isEqualTo("Nâng cấp máy chủ");
    String html = new String(Rendered.of(data, "ha-noi", "html", null).bytes(), StandardCharsets.UTF_8);
    assertThat(html).contains("Thành phố Hà Nội", "99,722 %", "Nguyễn Văn An (", "Nâng cấp máy chủ",
        "12/09/2026 10:00: A → C (availability 30,0 → 20,0, ttfb 15,0 → 10,0)", "Phương pháp tính", "time-weighted")
        .doesNotContain(KnownMonth.HA_NOI_CONTACT);
    String en = new String(Rendered.of(data, "ha-noi", "html", "en").bytes(), StandardCharsets.UTF_8);
    assertThat(en).contains("<html lang=\"en\"", "99.722%", "Acknowledged by", "Maintenance (excluded from the SLA)");
  }

  /**
   * Scoring model v2 took over in July (its first grade on the 10th): July's report reads v2 grades only. Hà Nội's
   * v1 grade from June is not the start of a drift to its v2 grade, and Khoa học và Công nghệ's v1 A (95 points,
   * above Hà Nội's v2 62) is not ranked against it: two models never share one window.
   */
  @Test
  void aMonthReadsTheGradesOfOneScoringModelOnly() {
    store.grades().record("ha-noi", "B", 80, Instant.parse("2026-06-10T00:00:00Z"), null, 1).await();
    store.grades().record("bo-khcn", "A", 95, Instant.parse("2026-06-12T00:00:00Z"), null, 1).await();
    store.grades().record("ha-noi", "C", 62, Instant.parse("2026-07-10T00:00:00Z"), new JsonArray(), 2).await();
    JsonObject july = reports.month(java.time.YearMonth.of(2026, 7), NOW).await();
    assertThat(july.getInteger("modelVersion")).as("the report names the model of its grades").isEqualTo(2);
    JsonObject hn = portal(july, "ha-noi").getJsonObject("grade");
    assertThat(hn.getString("start")).as("no v2 grade before July").isNull();
    assertThat(List.of(hn.getString("end"), hn.getInteger("endRank"))).containsExactly("C", 1);
    assertThat(hn.getJsonArray("changes")).hasSize(1);
    assertThat(hn.getJsonArray("changes").getJsonObject(0).getString("from")).as("not a drift from v1's B").isNull();
    JsonObject khcn = portal(july, "bo-khcn").getJsonObject("grade");
    assertThat(khcn.getString("end")).as("a v1 grade is not shown as July's v2 grade").isNull();
    assertThat(khcn.getInteger("endRank")).isNull();
  }

  @Test
  void csvHasAHeaderAndOneRowPerPortal() {
    Rendered csv = Rendered.of(data, null, "csv", null);
    assertThat(csv.contentType()).startsWith("text/csv");
    String[] lines = new String(csv.bytes(), StandardCharsets.UTF_8).split("\r\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).isEqualTo(String.join(",", ReportCsv.HEADER));
    assertThat(lines[1]).startsWith("2026-09,ha-noi,Thành phố Hà Nội,province,UBND Thành phố Hà Nội,0.995,0.99722,yes,120,30,0.555942,")
        .endsWith(",2,1,A,1,C,2,0");
    assertThat(lines[3]).startsWith("2026-09,ha-noi-mot-cua,Hệ thống một cửa điện tử Hà Nội,province,UBND Thành phố Hà Nội,0.99,")
        .contains(",45,0,0.104167,1,0,,,,,");
    assertThat(lines[2]).startsWith("2026-09,bo-khcn,Bộ Khoa học và Công nghệ,ministry,Bộ Khoa học và Công nghệ,0.99,1,yes,0,0,0,0,0,A,2,A,1,");
  }

  @Test
  void pdfTextKeepsTheVietnameseNames() throws Exception {
    for (String portal : new String[] {null, "ha-noi"}) {
      byte[] pdf = Rendered.of(data, portal, "pdf", null).bytes();
      try (PDDocument doc = Loader.loadPDF(pdf)) {
        String text = new PDFTextStripper().getText(doc);
        assertThat(text).contains("Thành phố Hà Nội", "Báo cáo tháng 09/2026");
        if (portal == null) {
          assertThat(text).contains("Bộ Khoa học và Công nghệ");
        } else {
          assertThat(text).contains("Nguyễn Văn An", "Nâng cấp máy chủ", "Phương pháp tính");
        }
      }
    }
  }

  @Test
  void aClosedMonthRendersTheSameBytesAfterTheFleetChanged() {
    byte[] html = Rendered.of(data, null, "html", null).bytes();
    byte[] pdf = Rendered.of(data, "ha-noi", "pdf", null).bytes();
    byte[] csv = Rendered.of(data, null, "csv", null).bytes();
    byte[] owner = Rendered.owner(data, "ubnd-thanh-pho-ha-noi", "pdf", null).bytes();
    // The province is renamed and merged, the ministry leaves the file, and a new incident is back-filled.
    FLEET.set(List.of(KnownMonth.portal("ha-noi", "Thủ đô Hà Nội", PortalKind.PROVINCE, "UBND Thủ đô", 0.999, "x@y.invalid")));
    FLEET_NAME.set("2027");
    try {
      JsonObject again = reports.month(KnownMonth.MONTH, NOW.plusSeconds(86_400)).await();
      assertThat(Rendered.of(again, null, "html", null).bytes()).isEqualTo(html);
      assertThat(Rendered.of(again, "ha-noi", "pdf", null).bytes()).isEqualTo(pdf);
      assertThat(Rendered.of(again, null, "csv", null).bytes()).isEqualTo(csv);
      // The owner was renamed in the file: the archived month keeps the owner as it was, and its report.
      assertThat(Rendered.owner(again, "ubnd-thanh-pho-ha-noi", "pdf", null).bytes()).isEqualTo(owner);
    } finally {
      FLEET.set(KnownMonth.FLEET);
      FLEET_NAME.set("2023");
    }
  }

  @Test
  void theCurrentMonthIsLiveAndNotArchived() {
    JsonObject live = reports.month(java.time.YearMonth.of(2026, 10), NOW).await();
    assertThat(live.getJsonArray("portals")).hasSize(3);
    assertThat(new String(Rendered.of(live, null, "html", null).bytes(), StandardCharsets.UTF_8))
        .contains("Tháng chưa kết thúc: số liệu tạm tính đến 05/10/2026 10:00.");
    assertThat(data.getString("asOf")).isNull();
    // August ended at 2026-08-31T17:00Z: not archived in the first hour, archived after.
    reports.month(java.time.YearMonth.of(2026, 8), Instant.parse("2026-08-31T17:30:00Z")).await();
    assertThat(archivedMonths()).doesNotContain("2026-08");
    reports.month(java.time.YearMonth.of(2026, 8), NOW).await();
    assertThat(archivedMonths()).contains("2026-08", "2026-09").doesNotContain("2026-10");
    Integer archived = store.pool().query("SELECT count(*) FROM report_archive WHERE month = '2026-10'").execute().await()
        .iterator().next().getInteger(0);
    assertThat(archived).isZero();
  }

  @Test
  void routesServeEachFormatAndRefuseBadRequests() {
    io.vertx.ext.web.Router router = io.vertx.ext.web.Router.router(vertx);
    new ReportRoutes(reports, java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC)).accept(router);
    io.vertx.core.http.HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    io.vertx.ext.web.client.WebClient client = io.vertx.ext.web.client.WebClient.create(vertx);
    try {
      record Case(String uri, int status, String type, String contains) {}
      for (Case c : List.of(
          new Case("/reports/2026-09", 200, "text/html", "href=\"/reports/report.css\""),
          new Case("/reports/2026-09/ha-noi?lang=en", 200, "text/html", "Acknowledged by"),
          new Case("/reports/2026-09?format=csv", 200, "text/csv", String.join(",", ReportCsv.HEADER)),
          new Case("/reports/2026-09/ha-noi?format=pdf", 200, "application/pdf", "%PDF-"),
          new Case("/reports/report.css", 200, "text/css", "@page"),
          new Case("/reports/2026-09/no-such-portal", 404, "text/plain", "no portal"),
          new Case("/reports/2026-09/owner/ubnd-thanh-pho-ha-noi", 200, "text/html", "Tổng cộng (2 cổng)"),
          new Case("/reports/2026-09/owner/ubnd-thanh-pho-ha-noi?lang=en", 200, "text/html", "Total (2 portals)"),
          new Case("/reports/2026-09/owner/ubnd-thanh-pho-ha-noi?format=csv", 200, "text/csv", ",ha-noi-mot-cua,"),
          new Case("/reports/2026-09/owner/ubnd-thanh-pho-ha-noi?format=pdf", 200, "application/pdf", "%PDF-"),
          new Case("/reports/2026-09/owner/nobody", 404, "text/plain", "no owner nobody"),
          new Case("/reports/2027-01", 404, "text/plain", "has not begun"),
          new Case("/reports/sept", 400, "text/plain", "YYYY-MM"),
          new Case("/reports/2026-09?format=docx", 400, "text/plain", "format"))) {
        // The web client buffers the whole body with the response (a body asked for after the response has
        // ended is never delivered).
        var resp = client.get(server.actualPort(), "127.0.0.1", c.uri()).send().await();
        String body = resp.bodyAsString("UTF-8");
        assertThat(resp.statusCode()).as(c.uri()).isEqualTo(c.status());
        assertThat(resp.getHeader("Content-Type")).as(c.uri()).startsWith(c.type());
        assertThat(body).as(c.uri()).contains(c.contains());
      }
    } finally {
      client.close();
      server.close().await();
    }
  }

  private static List<String> archivedMonths() {
    List<String> out = new java.util.ArrayList<>();
    store.pool().query("SELECT month FROM report_archive").execute().await().forEach(r -> out.add(r.getString(0)));
    return out;
  }

  static JsonObject portal(JsonObject data, String id) {
    JsonArray all = data.getJsonArray("portals");
    for (int i = 0; i < all.size(); i++) {
      if (id.equals(all.getJsonObject(i).getString("id"))) {
        return all.getJsonObject(i);
      }
    }
    throw new AssertionError("no portal " + id);
  }
}
