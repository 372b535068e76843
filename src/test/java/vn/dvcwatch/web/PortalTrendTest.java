package vn.dvcwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The portal page's score and grade history over 7 or 30 days, with the incidents on the same time line. */
class PortalTrendTest extends BrowserPages {

  @Test
  void sevenAndThirtyDaysShowTheScoreStepsTheGradeChangesAndTheIncidents() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    web.board.details.put("da-nang", new JsonObject()
        .put("gradeHistory", new JsonArray() // newest first, as the store gives it
            .add(new JsonObject().put("at", now.minus(2, ChronoUnit.DAYS).toString()).put("grade", "B").put("score", 82.0))
            .add(new JsonObject().put("at", now.minus(20, ChronoUnit.DAYS).toString()).put("grade", "C").put("score", 71.0))
            .add(new JsonObject().put("at", now.minus(40, ChronoUnit.DAYS).toString()).put("grade", "D").put("score", 55.0)))
        .put("incidents", new JsonArray()
            .add(new JsonObject().put("id", 1).put("start", now.minus(25, ChronoUnit.DAYS).toString())
                .put("end", now.minus(25, ChronoUnit.DAYS).plus(30, ChronoUnit.MINUTES).toString()).put("cause", "timeout"))
            .add(new JsonObject().put("id", 2).put("start", now.minus(3, ChronoUnit.DAYS).toString())
                .put("end", now.minus(3, ChronoUnit.DAYS).plus(12, ChronoUnit.MINUTES).toString()).put("cause", "http_5xx"))));
    try {
      browser.viewport(1366, 768);
      browser.driver.get(web.url("/portals/da-nang"));
      waiting().until(d -> d.findElements(By.cssSelector("#trend svg polyline")).size() == 1);
      assertThat(text("#trend-summary")).isEqualTo(
          "7 ngày qua: điểm từ 71,0 đến 82,0, 1 lần đổi xếp loại, hiện xếp loại B; 1 sự cố, tổng 12 phút.");
      assertThat(browser.driver.findElements(By.cssSelector("#trend .trend-grade"))).extracting(e -> e.getText()).containsExactly("B");
      assertThat(browser.driver.findElements(By.cssSelector("#trend .trend-incident"))).hasSize(1);
      assertThat(browser.driver.findElement(By.id("range-7")).getAttribute("aria-pressed")).isEqualTo("true");
      browser.driver.executeScript("document.getElementById('trend-title').scrollIntoView()");
      browser.screenshot("portal-trend-7d");

      browser.driver.findElement(By.id("range-30")).click();
      waiting().until(d -> d.findElement(By.id("trend-summary")).getText().startsWith("30 ngày"));
      assertThat(text("#trend-summary")).isEqualTo(
          "30 ngày qua: điểm từ 55,0 đến 82,0, 2 lần đổi xếp loại, hiện xếp loại B; 2 sự cố, tổng 42 phút.");
      assertThat(browser.driver.findElements(By.cssSelector("#trend .trend-grade"))).extracting(e -> e.getText())
          .containsExactly("C", "B");
      assertThat(browser.driver.findElements(By.cssSelector("#trend .trend-incident"))).hasSize(2);
      assertThat(browser.driver.findElement(By.id("range-30")).getAttribute("aria-pressed")).isEqualTo("true");
      browser.driver.executeScript("document.getElementById('trend-title').scrollIntoView()");
      browser.screenshot("portal-trend-30d");
      assertThat(browser.axeViolations()).as("portal page with the trend: serious or critical axe-core violations").isEmpty();
    } finally {
      web.board.details.remove("da-nang");
    }
  }

  /** Grades of scoring model v1 stay in the history table, labelled, and never join the v2 score line. */
  @Test
  void theTrendDrawsTheCurrentScoringModelOnly() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    web.board.details.put("da-nang", new JsonObject().put("modelVersion", 2)
        .put("gradeHistory", new JsonArray()
            .add(new JsonObject().put("at", now.minus(2, ChronoUnit.DAYS).toString()).put("grade", "B").put("score", 82.0)
                .put("modelVersion", 2))
            .add(new JsonObject().put("at", now.minus(4, ChronoUnit.DAYS).toString()).put("grade", "D").put("score", 55.0)
                .put("modelVersion", 1)))
        .put("incidents", new JsonArray()));
    try {
      browser.driver.get(web.url("/portals/da-nang"));
      waiting().until(d -> d.findElements(By.cssSelector("#trend svg polyline")).size() == 1);
      assertThat(text("#trend-summary")).isEqualTo(
          "7 ngày qua: điểm từ 82,0 đến 82,0, 1 lần đổi xếp loại, hiện xếp loại B; 0 sự cố, tổng 0 phút.");
      assertThat(browser.driver.findElements(By.cssSelector("#trend .trend-grade"))).extracting(e -> e.getText()).containsExactly("B");
      assertThat(browser.driver.findElements(By.cssSelector("#grades tbody tr"))).extracting(e -> e.getText())
          .anyMatch(row -> row.contains("55,0 (mô hình chấm điểm v1"));
    } finally {
      web.board.details.remove("da-nang");
    }
  }
}
