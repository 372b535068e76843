package vn.dvcwatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dvcwatch.web.WebFixture.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * /status answers a citizen's "is my portal working?" (issue 20): a search that works without script (a GET form,
 * {@code ?q=} filtered on the server, with or without diacritics) and filters as one types with it; the portals by
 * region, ministries and sectors apart; a 90-day strip per portal, one cell per day, whose days are also said in
 * words (not hover-only; days before monitoring began are "chưa giám sát"); the recent incidents in plain sentences
 * in both languages, "không truy cập an toàn" for a refused certificate. Axe clean and no sideways scroll on a
 * phone and a desktop, with the demo's fleet size.
 */
class StatusPageTest extends BrowserPages {
  private static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");

  @BeforeAll
  static void demoSizedFleet() {
    web.board.grow(83);
    web.board.set("bo-tu-phap", "status", "DOWN");
    web.board.set("bo-tu-phap", "cause", "certificate");
  }

  private static Document get(String path) {
    return Jsoup.parse(await(web.client.get(path).send()).bodyAsString());
  }

  private static List<String> names(Document doc) {
    return doc.select("#all-table tbody th").eachText();
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void theSearchIsFilteredOnTheServerWithOrWithoutDiacritics() {
    assertThat(names(get("/status?q=" + q("ha noi")))).containsExactly("Cổng Dịch vụ công Hà Nội");
    assertThat(names(get("/status?q=" + q("Hà Nội")))).containsExactly("Cổng Dịch vụ công Hà Nội");
    assertThat(names(get("/status?q=hanoi"))).containsExactly("Cổng Dịch vụ công Hà Nội");
    assertThat(names(get("/status?q=" + q("da nang")))).as("đ is d").containsExactly("Cổng Dịch vụ công Đà Nẵng");
    assertThat(names(get("/status?q=" + q("hồ chí minh")))).containsExactly("Cổng Dịch vụ công TP. Hồ Chí Minh");
    assertThat(names(get("/status?q=" + q("bo tu phap")))).containsExactly("Cổng Dịch vụ công Bộ Tư pháp");
    Document none = get("/status?q=" + q("không có cổng này"));
    assertThat(names(none)).isEmpty();
    assertThat(none.getElementById("q-result").text()).contains("Không tìm thấy cổng nào khớp “không có cổng này”")
        .contains("Xem tất cả các cổng");
    assertThat(get("/status?q=" + q("ha noi")).getElementById("q").attr("value")).as("the box keeps the search").isEqualTo("ha noi");
    Document en = get("/status?lang=en&q=" + q("ha noi"));
    assertThat(en.select("form[role=search] input[type=hidden][name=lang]").attr("value")).isEqualTo("en");
    assertThat(names(get("/status?q=" + q("<script>")))).as("escaped, found nothing").isEmpty();
  }

  @Test
  void theSearchFormWorksInTheBrowserAndFiltersAsOneTypes() {
    browser.viewport(1366, 768);
    browser.driver.get(web.url("/status"));
    WebElement box = browser.driver.findElement(By.id("q"));
    assertThat(browser.driver.findElement(By.cssSelector("label[for=q]")).getText()).isEqualTo("Tìm cổng của bạn");
    box.sendKeys("ho chi");
    waiting().until(d -> d.findElements(By.cssSelector("#all-table tr[data-q]")).stream().filter(WebElement::isDisplayed).count() == 1);
    assertThat(text("#q-result")).isEqualTo("“ho chi”: 1 cổng.");
    assertThat(browser.driver.findElements(By.cssSelector("#all-table section.region")).stream().filter(WebElement::isDisplayed)
        .map(s -> s.findElement(By.tagName("h3")).getText()).toList()).as("only the group that holds it")
        .containsExactly("Đông Nam Bộ (1 cổng)");
    box.sendKeys(Keys.ENTER);
    waiting().until(d -> d.getCurrentUrl().contains("q=ho+chi"));
    assertThat(browser.driver.findElements(By.cssSelector("#all-table tbody th")).stream().map(WebElement::getText).toList())
        .containsExactly("Cổng Dịch vụ công TP. Hồ Chí Minh");
  }

  @Test
  void portalsAreGroupedByRegionWithTheMinistriesApart() {
    Document doc = get("/status");
    List<String> groups = doc.select("#all-table section.region h3").eachText();
    assertThat(groups).containsExactly("Cổng quốc gia (1 cổng)", "Bộ, ngành (2 cổng)", "Đồng bằng sông Hồng (1 cổng)",
        "Bắc Trung Bộ và duyên hải miền Trung (1 cổng)", "Đông Nam Bộ (1 cổng)", "Tỉnh, thành phố khác (77 cổng)");
    Element ministries = doc.select("#all-table section.region").get(1);
    assertThat(ministries.select("tbody th").eachText()).containsExactlyInAnyOrder("Cổng Dịch vụ công Bộ Tư pháp",
        "Cổng Dịch vụ công Bộ Công an");
    assertThat(doc.select("#all-table tbody tr")).as("every portal once").hasSize(83);
    assertThat(get("/status?lang=en").select("#all-table section.region h3").eachText()).startsWith("National portal (1 portals)",
        "Ministries and sectors (2 portals)", "Red River Delta (1 portals)");
  }

  @Test
  void everyProvinceOfBothMapsHasItsRegion() {
    for (String file : List.of("conf/portals.yaml", "conf/portals-2025.yaml")) {
      vn.dvcwatch.registry.Fleet f = vn.dvcwatch.registry.RegistryLoader.load(java.nio.file.Path.of(file));
      f.portals().stream().filter(p -> p.kind() == vn.dvcwatch.registry.PortalKind.PROVINCE).forEach(p ->
          assertThat(Regions.of(new io.vertx.core.json.JsonObject().put("id", p.id()).put("kind", "province")))
              .as(file + ": " + p.id()).isNotEqualTo(Regions.OTHER));
    }
    assertThat(Regions.provinceIds()).hasSize(63);
  }

  @Test
  void everyPortalHasANinetyDayStripWhoseDaysAreSaidInWords() {
    Document doc = get("/status");
    for (Element row : doc.select("#all-table tbody tr")) {
      assertThat(row.select(".d90-cells i")).as("one cell per day").hasSize(90);
      assertThat(row.select(".d90-cells i.n")).as("the 30 days before monitoring began").hasSize(30);
      assertThat(row.select(".d90-sum").text()).as("a summary in words").isNotBlank();
    }
    Element hanoi = doc.select("#all-table tr:has(a[href=/portals/ha-noi])").first();
    LocalDate today = LocalDate.now(VN);
    LocalDate bad = today.minusDays(3);
    LocalDate first = today.minusDays(59);
    String day = bad.getDayOfMonth() + "/" + bad.getMonthValue();
    assertThat(hanoi.select(".d90-sum").text()).isEqualTo("99,96 % trong 60 ngày giám sát (từ "
        + first.getDayOfMonth() + "/" + first.getMonthValue() + "; trước đó chưa giám sát), 1 ngày có sự cố. Ngày có sự cố: " + day + " (35 phút).");
    Element cell = hanoi.select(".d90-cells i").get(86);
    assertThat(cell.className()).as("35 minutes down is below 99 % that day").isEqualTo("b");
    assertThat(cell.attr("title")).isEqualTo(day + ": 97,57 %, 1 sự cố, ngừng 35 phút");
    Element clean = doc.select("#all-table tr:has(a[href=/portals/da-nang])").first();
    assertThat(clean.select(".d90-sum").text()).startsWith("100,00 % trong 60 ngày giám sát (từ ").endsWith("), không có sự cố.");
    assertThat(get("/status?lang=en").select("#all-table tr:has(a[href=/portals/ha-noi]) .d90-sum").text())
        .startsWith("99.96 % over 60 days monitored (since ").contains("; not monitored before), days with incidents: 1.");
    assertThat(doc.select("p.hint").text()).contains("Mỗi ô là một ngày");
  }

  @Test
  void recentIncidentsAreSaidInPlainWordsInBothLanguages() {
    LocalDate bad = LocalDate.now(VN).minusDays(3);
    String day = bad.getDayOfMonth() + "/" + bad.getMonthValue();
    Document doc = get("/status");
    List<String> items = doc.select("#recent + ol.incidents li, section:has(#recent) li").eachText();
    assertThat(items).as("newest first").hasSize(2);
    assertThat(items.get(0)).startsWith("Cổng Dịch vụ công Bộ Tư pháp đang không truy cập an toàn từ ")
        .containsPattern("\\(đã 1 giờ \\d+ phút, chưa khắc phục\\) — chứng chỉ không hợp lệ, trình duyệt chặn truy cập\\.$");
    assertThat(items.get(1)).isEqualTo("Cổng Dịch vụ công Hà Nội không truy cập được từ 08:10 đến 08:45 (35 phút) ngày "
        + day + " — quá thời gian chờ.");
    List<String> en = get("/status?lang=en").select("section:has(#recent) li").eachText();
    assertThat(en.get(1)).isEqualTo("Cổng Dịch vụ công Hà Nội could not be reached from 08:10 to 08:45 (35 min) on " + day
        + " — timed out.");
    assertThat(en.get(0)).contains("is not safe to open since");
    assertThat(doc.select("#problems-table").text()).as("the certificate failure among the problems").contains("Không truy cập an toàn");
    assertThat(doc.select(".summary").text()).containsPattern("cập nhật \\d+ phút trước");
    assertThat(get("/status?q=" + q("da nang")).select("section:has(#recent) p").text()).as("incidents of the portals found")
        .isEqualTo("Không có sự cố nào trong 90 ngày qua.");
  }

  @Test
  void manyVisitorsCostOneReadOfTheNinetyDaysAMinute() {
    get("/status");
    int before = web.board.uptimeReads.get();
    for (int i = 0; i < 20; i++) {
      get(i % 2 == 0 ? "/status" : "/status?q=ha+noi");
    }
    assertThat(web.board.uptimeReads.get()).as("at most one read (the minute may just have turned)").isLessThanOrEqualTo(before + 1);
  }

  @Test
  void axeCleanAndNoSidewaysScrollOnAPhoneAndADesktop() throws Exception {
    for (Map.Entry<String, int[]> size : Map.of("390", new int[] {390, 844}, "1920", new int[] {1920, 1080}).entrySet()) {
      browser.emulate(size.getValue()[0], size.getValue()[1]);
      for (String path : List.of("/status", "/status?lang=en", "/status?q=ha+noi")) {
        browser.driver.get(web.url(path));
        Number[] fit = {(Number) browser.driver.executeScript("return document.documentElement.scrollWidth;"),
            (Number) browser.driver.executeScript("return window.innerWidth;")};
        assertThat(fit[0].intValue()).as(path + " at " + size.getKey() + ": no sideways scroll").isLessThanOrEqualTo(fit[1].intValue());
        assertThat(browser.axeViolations()).as(path + " at " + size.getKey()).isEmpty();
      }
      browser.driver.get(web.url("/status"));
      browser.screenshot("status-" + size.getKey());
    }
    browser.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }
}
