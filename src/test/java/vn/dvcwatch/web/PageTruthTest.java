package vn.dvcwatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dvcwatch.web.WebFixture.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.buffer.Buffer;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * What the pages say must be what the API means (issue "the pages must say what is true"): one browser test
 * per defect found by trying the pages as a new user would, in headless Chromium on a UTC clock.
 */
class PageTruthTest extends BrowserPages {
  @BeforeAll
  static void withoutNationalPortal() {
    // The demo fleet has no national portal: the "national" filter must not silently show nothing.
    web.board.portals.removeIf(p -> "national".equals(p.getString("kind")));
  }

  private static void openPortal(String id) {
    browser.driver.get(web.url("/portals/" + id));
    waiting().until(d -> !d.findElement(By.id("name")).getText().equals("…")
        && !d.findElements(By.cssSelector("#sla tbody tr")).isEmpty());
  }

  private static void openBoard() {
    browser.driver.get(web.url("/"));
    waiting().until(d -> d.findElements(By.cssSelector("#rows tr")).size() == web.board.portals.size());
  }

  /**
   * Opens the board until its snapshot shows {@code text} in the row of {@code id}: the hub reuses a snapshot for
   * up to a second, so a page opened right after the read model changed may still show the state before.
   */
  private static void openBoardShowing(String id, String css, String text) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5000;
    while (true) {
      openBoard();
      String shown = text("#rows tr[data-id='" + id + "'] " + css);
      if (shown.contains(text)) {
        return;
      }
      assertThat(System.currentTimeMillis()).as(id + " never showed " + text + " (shows " + shown + ")").isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  private static void assertAxeClean(String page) throws Exception {
    assertThat(browser.axeViolations()).as(page + ": serious or critical axe-core violations").isEmpty();
  }

  @Test
  void slaTableShowsTheBudgetAsAShareTheTargetAndAVerdictAndSaysWhenAMonthWasNotWatched() throws Exception {
    YearMonth now = YearMonth.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    web.board.details.put("ho-chi-minh", new JsonObject().put("sla", new JsonArray()
        .add(sla(now, 100.0, 0, 0, 1.0))
        .add(sla(now.minusMonths(1), 99.0, 432, 3, -1.0))
        .add(sla(now.minusMonths(2), null, 0, 0, null))));
    browser.viewport(1366, 768);
    openPortal("ho-chi-minh");
    List<WebElement> rows = browser.driver.findElements(By.cssSelector("#sla tbody tr"));
    assertThat(rows).hasSize(3);
    String current = rows.get(0).getText();
    assertThat(current).contains("100 %").doesNotContain("1,00 %").doesNotContain("1.00 %").contains("99,5 %").contains("Đạt");
    assertThat(rows.get(1).getText()).contains("Không đạt").contains("−100 %");
    String unwatched = rows.get(2).getText();
    assertThat(unwatched).contains("chưa giám sát").doesNotContain("0 phút");
    assertThat(text("#sla thead")).containsIgnoringCase("Mục tiêu");
    browser.screenshot("portal-sla-1366");
  }

  private static JsonObject sla(YearMonth m, Double uptime, int downtime, int incidents, Double budget) {
    return new JsonObject().put("month", m.toString()).put("uptime", uptime).put("downtimeMinutes", downtime)
        .put("incidents", incidents).put("maintenanceMinutes", 0).put("target", 99.5).put("errorBudgetRemaining", budget);
  }

  @Test
  void breakdownShowsTrueMaximaCriterionNamesAndWhatEachCapCosts() throws Exception {
    web.board.details.put("ha-noi", new JsonObject().put("score", 49.0)
        .put("breakdown", new JsonArray()
            .add(criterion("security.headers.csp", "security", 0, 2.5, "không có CSP", "Thêm Content-Security-Policy"))
            .add(criterion("accessibility.lang", "accessibility", 0.5, 0.5, "lang=vi", ""))
            .add(criterion("performance.home.ttfb", "performance", 3.5, 5, "TTFB p75 420 ms", "Bật bộ nhớ đệm phía máy chủ")))
        .put("caps", new JsonArray().add(new JsonObject().put("id", "cap.no_https").put("pillar", "cap").put("points", -12.5)
            .put("max", 49).put("measurement", "trang chủ không dùng HTTPS: 61.5 → tối đa 49")
            .put("hint", "Không có HTTPS nên điểm tối đa là 49: triển khai HTTPS cho toàn bộ cổng.")
            .put("hintEn", "No HTTPS caps the score at 49: serve the whole portal over HTTPS."))));
    try {
      browser.viewport(1920, 1080);
      openPortal("ha-noi");
      waiting().until(d -> d.findElements(By.cssSelector("#breakdown tbody tr")).size() == 3);
      String breakdown = text("#breakdown tbody");
      assertThat(breakdown).contains("0,0 / 2,5").contains("0,5 / 0,5").doesNotContain("/ 3").doesNotContain("/ 1\n");
      // Names first; the id only as small secondary text.
      WebElement csp = browser.driver.findElement(By.cssSelector("#breakdown tbody tr:first-child th"));
      assertThat(csp.findElement(By.cssSelector(".crit-name")).getText()).contains("Content-Security-Policy");
      assertThat(csp.findElement(By.cssSelector(".crit-id")).getText()).isEqualTo("security.headers.csp");
      assertThat(browser.driver.findElement(By.cssSelector("#breakdown tbody tr:nth-child(3) .crit-name")).getText())
          .doesNotContain("performance.home.ttfb");
      String caps = text("#caps");
      assertThat(browser.driver.findElement(By.cssSelector("#caps .crit-name")).getText()).isEqualTo("Không dùng HTTPS");
      assertThat(caps).contains("trang chủ không dùng HTTPS").contains("triển khai HTTPS cho toàn bộ cổng").contains("−12,5 điểm");
      // The to-do list: the cap first, then the fixes by the points they win back, with where the score gets to.
      List<WebElement> todo = browser.driver.findElements(By.cssSelector("#todo li"));
      assertThat(todo).hasSize(3);
      assertThat(todo.get(0).getText()).contains("+12,5 điểm").contains("Không dùng HTTPS").contains("đạt 61,5 điểm");
      assertThat(todo.get(1).getText()).contains("+2,5 điểm").contains("Content-Security-Policy").contains("đạt 64,0 điểm");
      assertThat(todo.get(2).getText()).contains("+1,5 điểm").contains("đạt 65,5 điểm");
      browser.screenshot("portal-breakdown-1920");
      assertAxeClean("/portals/ha-noi at 1920");
      browser.viewport(390, 844);
      browser.driver.navigate().refresh();
      waiting().until(d -> d.findElements(By.cssSelector("#breakdown tbody tr")).size() == 3);
      browser.screenshot("portal-phone-390");
      assertAxeClean("/portals/ha-noi at 390");
    } finally {
      web.board.details.remove("ha-noi");
    }
  }

  private static JsonObject criterion(String id, String pillar, double points, double max, String measurement, String hint) {
    return new JsonObject().put("id", id).put("pillar", pillar).put("points", points).put("max", max)
        .put("measurement", measurement).put("hint", hint).put("hintEn", hint);
  }

  @Test
  void englishModeSaysMeasurementsCapsAndFixesInEnglishAndVietnameseKeepsItsOwn() throws Exception {
    web.board.details.put("ha-noi", new JsonObject().put("score", 49.0)
        .put("breakdown", new JsonArray().add(criterion("performance.home.ttfb", "performance", 3.5, 5,
            "TTFB p75 420 ms (đủ điểm ≤ 200 ms, 0 điểm ≥ 1500 ms)", "Rút ngắn thời gian phản hồi của trang chủ.")
            .put("measurementEn", "TTFB p75 420 ms (full points ≤ 200 ms, 0 points ≥ 1500 ms)")
            .put("hintEn", "Cut the homepage's server response time.")))
        .put("caps", new JsonArray().add(new JsonObject().put("id", "cap.no_https").put("pillar", "cap").put("points", -12.5)
            .put("max", 49).put("measurement", "trang chủ không dùng HTTPS: 61.5 → tối đa 49")
            .put("measurementEn", "the homepage does not use HTTPS: 61.5 → at most 49")
            .put("hint", "Không có HTTPS nên điểm tối đa là 49: triển khai HTTPS cho toàn bộ cổng.")
            .put("hintEn", "No HTTPS caps the score at 49: serve the whole portal over HTTPS."))));
    try {
      browser.viewport(1366, 768);
      browser.driver.get(web.url("/portals/ha-noi?lang=en"));
      waiting().until(d -> d.findElements(By.cssSelector("#breakdown tbody tr")).size() == 1);
      String caps = text("#caps");
      assertThat(caps).contains("the homepage does not use HTTPS: 61.5 → at most 49").contains("serve the whole portal over HTTPS")
          .contains("12.5").doesNotContain("trang chủ").doesNotContain("tối đa");
      assertThat(text("#breakdown tbody")).contains("full points ≤ 200 ms").contains("Cut the homepage")
          .doesNotContain("đủ điểm").doesNotContain("Rút ngắn");
      assertThat(text("#todo")).contains("serve the whole portal over HTTPS").doesNotContain("triển khai");
      assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
      browser.screenshot("portal-en-1366");
      // Vietnamese stays the default, with its diacritics and its decimal comma.
      openPortal("ha-noi");
      assertThat(text("#caps")).contains("trang chủ không dùng HTTPS: 61,5 → tối đa 49").contains("triển khai HTTPS cho toàn bộ cổng");
      assertThat(text("#breakdown tbody")).contains("đủ điểm ≤ 200 ms").contains("Rút ngắn thời gian phản hồi");
    } finally {
      web.board.details.remove("ha-noi");
    }
  }

  @Test
  void numbersHaveTheDecimalCommaInVietnameseAndTheDotInEnglish() throws Exception {
    // ho-chi-minh: 24 h uptime 99.6 %, 30 d 99.6 %, TTFB p75 200 ms, total p75 1300 ms.
    browser.viewport(1920, 1080);
    openBoard();
    String row = text("#rows tr[data-id='ho-chi-minh']");
    assertThat(row).contains("99,60 %").contains("1,3 s").contains("86,0").doesNotContain("99.60").doesNotContain("1.3 s");
    browser.driver.get(web.url("/?lang=en"));
    waiting().until(d -> d.findElements(By.cssSelector("#rows tr")).size() == web.board.portals.size());
    assertThat(text("#rows tr[data-id='ho-chi-minh']")).contains("99.60 %").contains("1.3 s").contains("86.0");
    Element vi = Jsoup.parse(SharedWeb.eventually(web, "/status", "99,60 %")).getElementById("all-table");
    assertThat(vi.text()).contains("99,60 %").doesNotContain("99.60");
    assertThat(Jsoup.parse(SharedWeb.eventually(web, "/status?lang=en", "99.60 %")).getElementById("all-table").text())
        .doesNotContain("99,60");
  }

  @Test
  void everyStatusHasAWordAColourAndAShapeEverywhereAndTheTilesAddUp() throws Exception {
    web.board.set("bo-cong-an", "status", "FLAPPING");
    web.board.set("ho-chi-minh", "status", "PARTIAL");
    web.board.set("bo-tu-phap", "status", "DOWN");
    web.board.set("bo-tu-phap", "cause", "certificate");
    web.board.set("da-nang", "status", "DEGRADED");
    try {
      browser.viewport(1920, 1080);
      openBoardShowing("da-nang", ".status", "Chậm");
      String[][] expected = {{"bo-cong-an", "Chập chờn"}, {"ho-chi-minh", "Lỗi cục bộ"}, {"bo-tu-phap", "Lỗi chứng chỉ"},
        {"da-nang", "Chậm"}, {"ha-noi", "Hoạt động"}};
      java.util.Set<String> shapes = new java.util.HashSet<>();
      for (String[] e : expected) {
        WebElement status = browser.driver.findElement(By.cssSelector("#rows tr[data-id='" + e[0] + "'] .status"));
        assertThat(status.getText()).as(e[0]).contains(e[1]).doesNotContain("FLAPPING").doesNotContain("PARTIAL");
        shapes.add(status.findElement(By.cssSelector(".icon")).getText());
      }
      assertThat(shapes).as("one shape per status").hasSize(expected.length);
      int total = Integer.parseInt(text("#t-total"));
      int sum = 0;
      for (WebElement n : browser.driver.findElements(By.cssSelector(".tile.st .n"))) {
        if (n.isDisplayed()) {
          sum += Integer.parseInt(n.getText());
        }
      }
      assertThat(sum).as("status tiles add up to the portals watched").isEqualTo(total);
      assertThat(new Select(browser.driver.findElement(By.id("status-filter"))).getOptions())
          .extracting(WebElement::getText).contains("Chập chờn", "Lỗi cục bộ");
      browser.screenshot("board-statuses-1920");
      assertAxeClean("/ at 1920");
      // On a phone the status is still a word and a shape, not a coloured dot alone.
      browser.viewport(390, 844);
      WebElement label = browser.driver.findElement(By.cssSelector("#rows tr[data-id='bo-cong-an'] .status .label"));
      assertThat(label.isDisplayed()).isTrue();
      assertThat(label.getSize().getWidth()).isGreaterThan(10);
      browser.screenshot("board-phone-390");
      assertAxeClean("/ at 390");
      browser.viewport(1366, 768);
      browser.screenshot("board-1366");

      String status = SharedWeb.eventually(web, "/status", "Chập chờn");
      Document doc = Jsoup.parse(status);
      String problems = doc.getElementById("problems-table").text();
      assertThat(problems).contains("Chập chờn").contains("Lỗi cục bộ").contains("Không truy cập an toàn").contains("Chậm");
      assertThat(doc.select("#all-table .status .icon")).hasSizeGreaterThanOrEqualTo(web.board.portals.size());
      browser.driver.get(web.url("/status"));
      browser.screenshot("status-1920");
      assertAxeClean("/status");
      assertThat(await(web.client.get("/badge/bo-cong-an.svg").send()).bodyAsString()).contains("chập chờn");
      assertThat(await(web.client.get("/badge/bo-tu-phap.svg").send()).bodyAsString()).contains("lỗi chứng chỉ");
      assertThat(await(web.client.get("/badge/bo-cong-an.svg?lang=en").send()).bodyAsString()).contains("flapping");
      String embed = SharedWeb.eventually(web, "/embed", "Chập chờn");
      assertThat(Jsoup.parse(embed).select(".embed-list li").first().text()).doesNotContain("Hoạt động");
    } finally {
      for (String id : List.of("bo-cong-an", "ho-chi-minh", "bo-tu-phap", "da-nang")) {
        web.board.set(id, "status", "UP");
      }
      web.board.set("bo-tu-phap", "cause", null);
    }
  }

  @Test
  void theEmbedOpensLinksInANewTabFitsInASmallBoxAndNeedsNoScript() throws Exception {
    String body = await(web.client.get("/embed").send()).bodyAsString();
    Document doc = Jsoup.parse(body);
    for (Element a : doc.select("a[href]")) {
      assertThat(a.attr("target")).as(a.text()).isEqualTo("_blank");
      assertThat(a.attr("rel")).as(a.text()).contains("noopener");
    }
    assertThat(doc.select("script")).as("no script, no reload").isEmpty();
    assertThat(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(10_240);
    String page = "<!doctype html><html lang=\"vi\"><head><title>Báo</title></head><body>"
        + "<iframe id=\"w\" title=\"dvc\" src=\"" + web.url("/embed") + "\" width=\"360\" height=\"200\"></iframe></body></html>";
    var news = await(web.vertx.createHttpServer()
        .requestHandler(r -> r.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page)).listen(0, "127.0.0.1"));
    try {
      browser.viewport(1366, 768);
      browser.driver.get("http://localhost:" + news.actualPort() + "/");
      browser.driver.switchTo().frame("w");
      WebElement more = waiting().until(d -> d.findElement(By.cssSelector(".more a")));
      Number bottom = (Number) browser.driver.executeScript("return arguments[0].getBoundingClientRect().bottom;", more);
      assertThat(bottom.doubleValue()).as("'Xem chi tiết' inside the 200 px box").isLessThanOrEqualTo(200);
      browser.driver.switchTo().defaultContent();
      browser.screenshot("embed-360x200");
    } finally {
      await(news.close());
    }
  }

  @Test
  void staticAssetsHaveVersionedUrlsAndResponsesAreCompressedButNotTheStream() throws Exception {
    browser.viewport(1366, 768);
    openBoard();
    @SuppressWarnings("unchecked")
    List<String> urls = (List<String>) browser.driver.executeScript(
        "return Array.from(document.querySelectorAll('script[src], link[rel=stylesheet]')).map(function (e) {"
            + " return e.getAttribute('src') || e.getAttribute('href'); });");
    assertThat(urls).isNotEmpty().allMatch(u -> u.matches("/assets/.+\\?v=[0-9a-z.]+"), "versioned");
    HttpResponse<Buffer> versioned = await(web.client.get(urls.get(urls.size() - 1)).send());
    assertThat(versioned.getHeader("Cache-Control")).contains("immutable");
    HttpResponse<Buffer> bare = await(web.client.get("/assets/board.js").send());
    assertThat(bare.statusCode()).isEqualTo(200);
    assertThat(bare.getHeader("Cache-Control")).doesNotContain("immutable");
    for (String path : List.of("/", "/status", "/api/v1/portals", "/assets/board.js")) {
      HttpResponse<Buffer> r = await(web.client.get(path).putHeader("Accept-Encoding", "gzip").send());
      assertThat(r.getHeader("Content-Encoding")).as(path).isEqualTo("gzip");
    }
    // The stream is never compressed: a compressor would hold events back until its buffer fills.
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", web.port)) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip, deflate, br\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      byte[] buf = new byte[4096];
      StringBuilder head = new StringBuilder();
      while (head.indexOf("snapshot") < 0) {
        int n = socket.getInputStream().read(buf);
        assertThat(n).as("the stream sends its snapshot in clear text").isPositive();
        head.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
      }
      assertThat(head.toString().toLowerCase()).doesNotContain("content-encoding: gzip").doesNotContain("content-encoding: br")
          .doesNotContain("content-encoding: deflate");
    }
  }

  @Test
  void timesAreVietnamTimeLabelledWhateverTheViewersClock() throws Exception {
    web.board.set("ha-noi", "checkedAt", "2026-12-04T01:01:05Z");
    try {
      browser.viewport(1366, 768);
      openBoardShowing("ha-noi", "td:last-child", "08:01");
      assertThat(text("#board thead")).contains("UTC+7");
      assertThat(text("#feed-title")).as("the feed's times too").contains("UTC+7");
      openPortal("ha-noi");
      assertThat(text("#checked")).contains("08:01").contains("04/12/2026");
      assertThat(text(".hero")).contains("UTC+7");
      waiting().until(d -> !d.findElements(By.cssSelector("#chart .u-legend .u-series")).isEmpty());
      String legend = text("#chart .u-legend");
      assertThat(legend).doesNotContain("Time").contains("Thời gian");
    } finally {
      web.board.set("ha-noi", "checkedAt", java.time.Instant.now().toString());
    }
  }

  @Test
  void theNinetyDayStripHasOneCellPerDayWithItsTextAndListsTheBadDays() throws Exception {
    browser.viewport(1366, 768);
    openPortal("bo-cong-an");
    List<WebElement> cells = browser.driver.findElements(By.cssSelector("#days li"));
    assertThat(cells).hasSize(90);
    String last = (String) browser.driver.executeScript("return document.querySelector('#days li:last-child').textContent;");
    assertThat(last).matches("\\d{2}/\\d{2}/\\d{4}: 100,00 %");
    String first = (String) browser.driver.executeScript("return document.querySelector('#days li:first-child').textContent;");
    assertThat(first).endsWith("chưa có số liệu");
    assertThat(browser.driver.findElements(By.cssSelector("#days .day-bad"))).hasSize(1);
    assertThat(text("#days-summary")).isEqualTo("90 ngày qua: 58 ngày hoạt động ≥ 99,9 %, 2 ngày dưới mức đó, 30 ngày chưa có số liệu.");
    browser.driver.findElement(By.cssSelector(".days-detail summary")).click();
    List<WebElement> bad = browser.driver.findElements(By.cssSelector("#days-table tbody tr"));
    assertThat(bad).hasSize(2);
    assertThat(bad.get(0).getText()).contains("97,50 %");
    // Per-phase timings of the latest probe, in Vietnam time.
    String latest = text("#latest tbody tr");
    assertThat(latest).contains("1 ms").contains("3 ms").contains("12 ms").contains("180 ms").contains("40 ms").contains("237 ms")
        .contains("08:01 04/12/2026");
    browser.screenshot("portal-90-days-1366");
  }

  @Test
  void printingGivesBlackOnWhiteWithoutControls() throws Exception {
    browser.viewport(1366, 768);
    openBoard();
    browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", "print"));
    try {
      assertThat(browser.driver.executeScript("return getComputedStyle(document.body).backgroundColor;")).isEqualTo("rgb(255, 255, 255)");
      assertThat(browser.driver.findElement(By.id("filters")).isDisplayed()).isFalse();
      assertThat(browser.driver.findElement(By.cssSelector(".feed")).isDisplayed()).isFalse();
      assertThat(browser.driver.findElements(By.cssSelector("#rows tr"))).allMatch(WebElement::isDisplayed);
      browser.driver.get(web.url("/status"));
      assertThat(browser.driver.executeScript("return getComputedStyle(document.body).color;")).isEqualTo("rgb(0, 0, 0)");
      assertThat(browser.driver.findElement(By.cssSelector(".embed-help")).isDisplayed()).isFalse();
    } finally {
      browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", ""));
    }
  }

  @Test
  void criterionIdsDoNotLeakIntoTheFeed() throws Exception {
    browser.viewport(1920, 1080);
    openBoard();
    waiting().until(d -> d.findElement(By.id("live")).getAttribute("class").contains("on"));
    web.hub.publish("grade", new JsonObject().put("portal", "ha-noi").put("from", "A").put("to", "B").put("score", 84.0)
        .put("moved", new JsonArray().add(new JsonObject().put("id", "security.headers.csp").put("before", 2.5).put("after", 0))));
    waiting().until(d -> d.findElement(By.id("feed")).getText().contains("84"));
    assertThat(text("#feed")).contains("Content-Security-Policy").doesNotContain("security.headers.csp");
  }

  @Test
  void emptyAndErrorStatesSayWhatHappened() throws Exception {
    browser.viewport(1366, 768);
    openBoard();
    Select kind = new Select(browser.driver.findElement(By.id("kind")));
    assertThat(kind.getOptions()).extracting(WebElement::getText).noneMatch(t -> t.startsWith("Quốc gia"));
    new Select(browser.driver.findElement(By.id("status-filter"))).selectByValue("FLAPPING");
    WebElement empty = waiting().until(d -> d.findElement(By.id("board-empty")));
    assertThat(empty.isDisplayed()).isTrue();
    assertThat(empty.getText()).contains("Không có cổng nào");
    browser.screenshot("board-filter-empty");

    web.board.details.put("da-nang", new JsonObject().put("incidents", new JsonArray()));
    openPortal("da-nang");
    assertThat(text("#incidents tbody")).contains("Không có sự cố").doesNotContain("Chưa có dữ liệu");
    web.board.details.remove("da-nang");

    web.board.failDetail = true;
    try {
      browser.driver.get(web.url("/portals/da-nang"));
      WebElement error = waiting().until(d -> d.findElement(By.id("error")).isDisplayed() ? d.findElement(By.id("error")) : null);
      assertThat(error.getText()).doesNotContain("HTTP 500").contains("thử lại");
      assertThat(text("#name")).isNotEqualTo("…").contains("Đà Nẵng");
      browser.screenshot("portal-api-error");
    } finally {
      web.board.failDetail = false;
    }

    HttpResponse<Buffer> robots = await(web.client.get("/robots.txt").send());
    assertThat(robots.statusCode()).isEqualTo(200);
    assertThat(robots.getHeader("Content-Type")).startsWith("text/plain");
    assertThat(robots.bodyAsString()).contains("Disallow: /api/v1/admin");
    HttpResponse<Buffer> favicon = await(web.client.get("/favicon.ico").send());
    assertThat(favicon.statusCode()).isEqualTo(200);
    assertThat(favicon.getHeader("Content-Type")).startsWith("image/");
  }
}
