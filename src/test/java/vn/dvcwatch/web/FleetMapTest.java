package vn.dvcwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Every page says which map of the administration it shows (issue 20, "Fleet map and wording"): the 2023 map
 * of 83 portals and the 2025 map of 34 provinces differ, and a reader must not mistake one for the other.
 */
class FleetMapTest extends BrowserPages {

  @Test
  void theBoardWallStatusEmbedAndPortalPageNameTheMapYearAndCount() throws Exception {
    web.board.mapYear = "2025";
    try {
      String count = String.valueOf(web.board.portals.size());
      String expected = "Bản đồ hành chính năm 2025 · " + count + " cổng";
      browser.viewport(1366, 768);
      openUntilMapShown("/");
      assertThat(text("#fleet-map")).isEqualTo(expected);
      openUntilMapShown("/wall");
      assertThat(text(".wall-meta")).as("the wall says the count once").isEqualTo(count + " cổng được giám sát · bản đồ hành chính năm 2025");
      browser.driver.get(web.url("/portals/ha-noi"));
      waiting().until(d -> d.findElement(By.id("fleet-map")).getText().contains("2025"));
      assertThat(text("#fleet-map")).isEqualTo(expected);
      browser.driver.findElement(By.id("lang-switch")).click();
      waiting().until(d -> d.findElement(By.id("fleet-map")).getText().equals("2025 administrative map · " + count + " portals"));
      browser.driver.findElement(By.id("lang-switch")).click();
      assertThat(SharedWeb.eventually(web, "/status", "2025")).contains(expected);
      assertThat(SharedWeb.eventually(web, "/status?lang=en", "2025")).contains("2025 administrative map · " + count + " portals");
      assertThat(SharedWeb.eventually(web, "/embed", "2025")).as("the widget too").contains(expected);
      assertThat(SharedWeb.eventually(web, "/embed?lang=en&theme=dark", "2025")).contains("2025 administrative map · " + count + " portals");
      JsonObject snapshotMap = WebFixture.await(web.client.get("/api/v1/portals/ha-noi").send()).bodyAsJsonObject()
          .getJsonObject("map");
      assertThat(snapshotMap.getString("file")).isEqualTo("portals-2025.yaml");
    } finally {
      web.board.mapYear = "2023";
    }
  }

  /** The hub hands newcomers a snapshot up to a second old, which may predate the test's map: reopen until it shows. */
  private static void openUntilMapShown(String path) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 8000;
    do {
      browser.driver.get(web.url(path));
      try {
        waiting().withTimeout(java.time.Duration.ofSeconds(2))
            .until(d -> d.findElement(By.id("fleet-map")).getText().contains("2025"));
        return;
      } catch (org.openqa.selenium.TimeoutException e) {
        Thread.sleep(200);
      }
    } while (System.currentTimeMillis() < deadline);
    throw new AssertionError(path + " never showed the 2025 map");
  }

  @Test
  void aPortalThatAbsorbedOthersListsThemWithTheDayOfTheMerger() {
    web.board.details.put("ho-chi-minh", new JsonObject().put("predecessors", new JsonArray()
        .add(new JsonObject().put("id", "binh-duong").put("name", "Tỉnh Bình Dương").put("retired", "2025-07-01"))
        .add(new JsonObject().put("id", "ba-ria-vung-tau").put("name", "Tỉnh Bà Rịa - Vũng Tàu").put("retired", "2025-07-01"))));
    try {
      browser.viewport(1366, 768);
      browser.driver.get(web.url("/portals/ho-chi-minh"));
      waiting().until(d -> d.findElement(By.id("lineage")).isDisplayed());
      assertThat(text("#lineage")).isEqualTo("Các cổng đã sáp nhập vào cổng này: Tỉnh Bình Dương (từ 01/07/2025), "
          + "Tỉnh Bà Rịa - Vũng Tàu (từ 01/07/2025)");
      browser.driver.get(web.url("/portals/ha-noi"));
      waiting().until(d -> !d.findElement(By.id("name")).getText().equals("…"));
      assertThat(browser.driver.findElement(By.id("lineage")).isDisplayed()).as("nothing merged into Hà Nội").isFalse();
    } finally {
      web.board.details.remove("ho-chi-minh");
    }
  }

  /** The text as written (headers are upper-cased by the stylesheet). */
  private static String raw(String css) {
    return browser.driver.findElement(By.cssSelector(css)).getAttribute("textContent").strip();
  }

  /** One term for each thing: "xếp loại" for a grade, "loại cổng" for a kind, "chứng chỉ" for a certificate. */
  @Test
  void thePagesUseOneTermForGradeKindAndCertificate() throws Exception {
    browser.viewport(1366, 768);
    browser.driver.get(web.url("/"));
    waiting().until(d -> !d.findElements(By.cssSelector("#board tbody tr")).isEmpty());
    assertThat(raw("th[data-i18n=colGrade]")).isEqualTo("Xếp loại");
    assertThat(raw("[data-i18n=tA]")).isEqualTo("xếp loại A");
    assertThat(raw("[data-i18n=filterKind]")).isEqualTo("Loại cổng");
    assertThat(raw("[data-i18n=colCert]")).isEqualTo("Chứng chỉ");
    assertThat(text("footer")).contains("Bộ Thông tin và Truyền thông (nay thuộc Bộ Khoa học và Công nghệ)");
    String texts = WebFixture.await(web.client.get("/assets/i18n.js").send()).bodyAsString()
        + WebFixture.await(web.client.get("/portals/ha-noi").send()).bodyAsString()
        + SharedWeb.eventually(web, "/status", "Xếp loại")
        + WebFixture.await(web.client.get("/badge/moi.svg").send()).bodyAsString();
    assertThat(texts).doesNotContain("chứng thư").doesNotContain("Chứng thư").doesNotContain("đạt loại")
        .doesNotContain(": 'Loại'").doesNotContain(">Loại<").doesNotContain("xếp hạng A").doesNotContain("chưa xếp hạng")
        .doesNotContain("TT&TT");
  }

  /**
   * The same terms in every text the product writes, not only on the pages: the measurements and caps of the
   * grade room reach the portal page, the mails and the reports too ("chứng thư" stood beside "chứng chỉ").
   */
  @Test
  void everyTextTheProductWritesUsesTheSameTerms() throws Exception {
    java.util.List<String> offending = new java.util.ArrayList<>();
    for (String root : java.util.List.of("src/main/java", "src/main/resources", "conf")) {
      try (var files = java.nio.file.Files.walk(java.nio.file.Path.of(root))) {
        for (java.nio.file.Path f : files.filter(java.nio.file.Files::isRegularFile)
            .filter(f -> f.toString().matches(".*\\.(java|js|html|tsv|yaml|yml|txt|css)$")).toList()) {
          String text = java.nio.file.Files.readString(f);
          for (String word : java.util.List.of("chứng thư", "Chứng thư", "đạt loại", "chưa xếp hạng", "TT&TT")) {
            if (text.contains(word)) {
              offending.add(f + ": " + word);
            }
          }
        }
      }
    }
    assertThat(offending).as("one word for certificate (chứng chỉ), one for grade (xếp loại)").isEmpty();
  }
}
