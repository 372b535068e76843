package vn.dvcwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The print stylesheet of the board, a portal page and /status, as Chromium prints them (CDP
 * {@code Page.printToPDF}, the PDF read back with PDFBox): every row of every table, and none of the controls,
 * navigation, live parts or widget snippets. The PDFs are kept in {@code target/screenshots/} beside the
 * screenshots.
 */
class PrintTest extends BrowserPages {
  private static final int FLEET = 83;

  @BeforeAll
  static void demoSizedFleetWithABadDay() {
    web.board.grow(FLEET);
  }

  /** The page as Chromium prints it on A4, as text. */
  private static String print(String name) throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> pdf = browser.driver.executeCdpCommand("Page.printToPDF",
        Map.of("paperWidth", 8.27, "paperHeight", 11.69, "printBackground", true));
    byte[] bytes = Base64.getDecoder().decode((String) pdf.get("data"));
    Files.createDirectories(Browser.SCREENSHOTS);
    Files.write(Browser.SCREENSHOTS.resolve("print-" + name + ".pdf"), bytes);
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
    }
  }

  @Test
  void theBoardPrintsEveryRowWithoutControlsOrTheLiveFeed() throws Exception {
    browser.viewport(1366, 768);
    browser.driver.get(web.url("/"));
    waiting().until(d -> d.findElements(By.cssSelector("#rows tr")).size() == FLEET
        && d.findElement(By.id("live")).getAttribute("class").contains("on"));
    web.hub.publish("status", new JsonObject().put("portal", "tinh-40").put("from", "UP").put("to", "DEGRADED")
        .put("at", java.time.Instant.now().toString()));
    waiting().until(d -> !d.findElements(By.cssSelector("#feed li")).isEmpty());
    String text = print("board");
    assertThat(text).contains("Bảng xếp hạng Cổng Dịch vụ công").contains("Cổng Dịch vụ công Hà Nội")
        .as("the last row too").contains("tỉnh Số 82");
    assertThat(text).as("no live feed").doesNotContain("Diễn biến mới nhất").doesNotContain("tỉnh Số 40 từ");
    assertThat(text).as("no controls or links").doesNotContain("English").doesNotContain("Bỏ qua")
        .doesNotContain("Tìm cổng").doesNotContain("Trang trạng thái").doesNotContain("Trực tiếp");
  }

  @Test
  void aPortalPagePrintsItsTablesAndTheBadDaysWithoutButtons() throws Exception {
    try {
      browser.viewport(1366, 768);
      browser.driver.get(web.url("/portals/ha-noi"));
      waiting().until(d -> !d.findElement(By.id("name")).getText().equals("…")
          && !d.findElements(By.cssSelector("#days-table tbody tr")).isEmpty()
          && !d.findElements(By.cssSelector("#trend svg")).isEmpty());
      String text = print("portal");
      assertThat(text).contains("Cổng Dịch vụ công Hà Nội").contains("Điểm chi tiết và cách khắc phục").contains("SLA theo tháng")
          .contains("Lần đo gần nhất");
      String badDay = browser.driver.findElement(By.cssSelector("#days-table tbody tr td")).getAttribute("textContent");
      assertThat(text).as("the days below 99.9 %, folded away on screen, are printed").contains(badDay);
      assertThat(text).as("no buttons, no navigation").doesNotContain("English").doesNotContain("← Bảng xếp hạng")
          .doesNotContain("30 ngày 7 ngày").doesNotContain("7 ngày 30 ngày").doesNotContain("Xem từng ngày có sự cố");
    } finally {
      browser.driver.navigate().refresh();
    }
  }

  @Test
  void theStatusPagePrintsEveryPortalWithoutTheWidgetSnippets() throws Exception {
    browser.viewport(1366, 768);
    browser.driver.get(web.url("/status"));
    String text = print("status");
    assertThat(text).contains("Cổng Dịch vụ công Hà Nội").as("the last row too").contains("tỉnh Số 82");
    assertThat(text).as("no snippets or navigation").doesNotContain("<iframe").doesNotContain("Nhúng")
        .doesNotContain("English").doesNotContain("Atom");
  }
}
