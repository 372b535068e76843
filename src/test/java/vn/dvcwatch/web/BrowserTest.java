package vn.dvcwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/** End to end in headless Chromium: the live board, the portal page and the embed on a foreign page. */
class BrowserTest extends BrowserPages {
  private static void assertNoCspViolation() {
    List<String> console = browser.console();
    assertThat(console).noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused to"));
    assertThat(console).noneMatch(m -> m.contains("Uncaught"));
    // The fixture has no alert routes, so only the portal page's alert history may be missing.
    assertThat(console).noneMatch(m -> m.contains("Failed to load resource") && !m.contains("/alerts"));
  }

  @Test
  void theBoardShowsEveryPortalAndHighlightsChangesWithoutReload() throws Exception {
    browser.driver.get(web.url("/"));
    waiting().until(d -> d.findElements(By.cssSelector("#rows tr")).size() == FakeBoard.FLEET.length);
    waiting().until(d -> d.findElement(By.id("live")).getAttribute("class").contains("on"));
    browser.screenshot("board-before");
    // A marker that a reload would lose.
    browser.driver.executeScript("window.dvcNoReload = 42;");

    web.board.set("ha-noi", "status", "DOWN");
    web.hub.publish("status", new JsonObject().put("portal", "ha-noi").put("from", "UP").put("to", "DOWN")
        .put("cause", "timeout").put("at", java.time.Instant.now().toString()));
    web.hub.publish("rank", new JsonObject().put("portal", "ha-noi").put("from", 1).put("to", 3));
    web.hub.publish("rank", new JsonObject().put("portal", "da-nang").put("from", 3).put("to", 1));

    WebElement row = waiting().until(d -> {
      WebElement r = d.findElement(By.cssSelector("#rows tr[data-id='ha-noi']"));
      return r.getAttribute("class").contains("st-down") ? r : null;
    });
    assertThat(row.getAttribute("class")).contains("flash-down");
    waiting().until(d -> "da-nang".equals(d.findElement(By.cssSelector("#rows tr:first-child")).getAttribute("data-id")));
    assertThat(row.findElement(By.cssSelector(".move.down")).getText()).contains("2");
    assertThat(browser.driver.findElement(By.cssSelector("#rows tr:first-child .move.up")).getText()).contains("2");
    assertThat(browser.driver.findElement(By.id("t-down")).getText()).isEqualTo("1");
    assertThat(browser.driver.findElement(By.id("feed")).getText()).contains("Hà Nội");
    web.hub.publish("grade", new JsonObject().put("portal", "bo-tu-phap").put("from", "C").put("to", "D").put("score", 61.5)
        .put("moved", new io.vertx.core.json.JsonArray().add(new JsonObject().put("id", "security.headers")
            .put("before", 12).put("after", 6))));
    WebElement drift = waiting().until(d -> d.findElement(By.cssSelector("#rows tr[data-id='bo-tu-phap'] .drift.down")));
    assertThat(drift.getText()).isEqualTo("C→D");
    // The criterion by its name, not its id.
    assertThat(browser.driver.findElement(By.id("feed")).getText()).contains("Tiêu đề bảo mật HTTP").doesNotContain("security.headers");
    assertThat(browser.driver.executeScript("return window.dvcNoReload;")).isEqualTo(42L);
    // the rows have finished gliding to their new places: none still offset, no transform transition running
    waiting().until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
        "return [...document.querySelectorAll('#rows tr')].every(tr => tr.style.transform === '')"
            + " && document.getAnimations().every(a => a.transitionProperty !== 'transform');")));
    browser.screenshot("board-after-down-rank-grade");

    browser.driver.findElement(By.id("lang-switch")).click();
    waiting().until(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    assertThat(browser.driver.findElement(By.cssSelector("#rows tr[data-id='ha-noi'] .status .label")).getText()).isEqualTo("Down");
    browser.driver.findElement(By.id("search")).sendKeys("Da Nang");
    waiting().until(d -> d.findElements(By.cssSelector("#rows tr:not([hidden])")).size() == 1);
    browser.screenshot("board-english-search");
    browser.driver.findElement(By.id("lang-switch")).click();

    web.board.networkSuspect = true;
    web.hub.publish("snapshot", web.board.snapshot());
    waiting().until(d -> d.findElement(By.id("network-banner")).isDisplayed());
    assertThat(browser.driver.findElement(By.tagName("body")).getAttribute("class")).contains("net-suspect");
    web.board.networkSuspect = false;
    web.hub.publish("snapshot", web.board.snapshot());
    waiting().until(d -> !d.findElement(By.id("network-banner")).isDisplayed());
    assertNoCspViolation();
    web.board.set("ha-noi", "status", "UP");
  }

  @Test
  void thePortalPageRendersTheChartAndTheBreakdown() throws Exception {
    browser.driver.get(web.url("/portals/ha-noi"));
    waiting().until(d -> d.findElements(By.cssSelector("#breakdown tbody tr")).size() == 4);
    waiting().until(d -> !d.findElements(By.cssSelector("#chart .uplot canvas")).isEmpty());
    assertThat(browser.driver.findElement(By.id("name")).getText()).isEqualTo("Cổng Dịch vụ công Hà Nội");
    assertThat(browser.driver.findElement(By.id("breakdown")).getText()).contains("Bật bộ nhớ đệm phía máy chủ");
    assertThat(browser.driver.findElement(By.cssSelector("#breakdown tfoot")).getText()).contains("41,5 / 54");
    assertThat(browser.driver.findElement(By.id("incidents")).getText()).contains("quá thời gian chờ");
    assertThat(browser.driver.findElement(By.id("sla")).getText()).contains("11/2026");
    Object points = browser.driver.executeScript(
        "return document.querySelector('#chart .uplot') ? document.querySelectorAll('#chart .u-legend .u-series').length : 0;");
    assertThat((Long) points).isGreaterThanOrEqualTo(5L);
    browser.screenshot("portal-ha-noi");
    assertNoCspViolation();
  }

  @Test
  void theEmbedRendersInsideAnIframeOnAnotherOrigin() throws Exception {
    String page = "<!doctype html><html lang=\"vi\"><head><title>Báo điện tử</title></head><body><h1>Tin tức</h1>"
        + "<iframe id=\"w\" title=\"dvc\" src=\"" + web.url("/embed") + "\" width=\"360\" height=\"420\"></iframe></body></html>";
    HttpServer news = WebFixture.await(web.vertx.createHttpServer()
        .requestHandler(r -> r.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page))
        .listen(0, "127.0.0.1"));
    try {
      // localhost vs 127.0.0.1: another origin for the browser.
      browser.driver.get("http://localhost:" + news.actualPort() + "/");
      browser.driver.switchTo().frame("w");
      WebElement title = waiting().until(d -> d.findElement(By.cssSelector("main h1")));
      assertThat(title.getText()).contains("Trạng thái");
      assertThat(browser.driver.findElements(By.cssSelector(".embed-list li"))).hasSize(5);
      browser.driver.switchTo().defaultContent();
      browser.screenshot("embed-in-news-page");
      // Every other page refuses to be framed.
      // the frame's load event fires for the refused page too: wait for it, not for a fixed time
      browser.driver.executeScript("var f = document.getElementById('w'); window.frameDone = false;"
          + " f.onload = function () { window.frameDone = true; }; f.src = arguments[0];", web.url("/status"));
      waiting().until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
          .executeScript("return window.frameDone;")));
      browser.driver.switchTo().frame("w");
      assertThat(browser.driver.findElements(By.cssSelector("main h1"))).isEmpty();
      browser.driver.switchTo().defaultContent();
      browser.console(); // the refused frame is logged; that is the point, not a violation of ours
    } finally {
      WebFixture.await(news.close());
    }
  }

  @Test
  void theStatusPageHasNoConsoleErrors() throws Exception {
    browser.driver.get(web.url("/status"));
    String snippet = browser.driver.findElement(By.id("embed-snippet")).getAttribute("value");
    assertThat(snippet).contains(web.url("/embed"));
    assertThat(new JsonArray(web.board.portals().getList()).size()).isEqualTo(FakeBoard.FLEET.length);
    browser.screenshot("status");
    assertNoCspViolation();
  }
}
