package vn.dvcwatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dvcwatch.web.WebFixture.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Every variant of the news sites' widget ({@code /embed}): under 10 KB, no script and no self-reload, every link
 * in a new tab (the privacy link too: it must not navigate the news site's page away), and at 360×200 inside a
 * news page of another origin "Xem chi tiết" is on screen and clickable, not cut off. The fleet has the demo's
 * size and several problems with long names, the worst case for the small box.
 */
class EmbedVariantsTest extends BrowserPages {
  private static final String LONG = "Cổng Dịch vụ công Bộ Nông nghiệp và Phát triển nông thôn (Bộ Nông nghiệp và Môi trường)";
  private static HttpServer news;

  @BeforeAll
  static void problemsWithLongNames() {
    web.board.grow(83);
    web.board.set("bo-cong-an", "status", "DOWN");
    web.board.set("bo-cong-an", "name", LONG);
    web.board.set("bo-tu-phap", "status", "DOWN");
    web.board.set("bo-tu-phap", "cause", "certificate");
    web.board.set("da-nang", "status", "FLAPPING");
    web.board.set("tinh-10", "status", "PARTIAL");
    web.board.set("tinh-10", "name", LONG + " tỉnh");
    web.board.set("tinh-11", "status", "DEGRADED");
    // The news site: another origin (localhost, not 127.0.0.1) that frames the widget in a 360×200 box.
    news = await(web.vertx.createHttpServer().requestHandler(r -> r.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .end("<!doctype html><html lang=\"vi\"><head><title>Báo</title></head><body><h1>Tin tức</h1>"
            + "<iframe id=\"w\" title=\"dvc\" src=\"" + web.url("/embed" + r.getParam("q")) + "\" width=\"360\" height=\"200\"></iframe>"
            + "</body></html>")).listen(0, "127.0.0.1"));
  }

  @AfterAll
  static void stopNews() {
    if (news != null) {
      await(news.close());
    }
  }

  @ParameterizedTest(name = "/embed{0}")
  @ValueSource(strings = {"", "?portal=bo-cong-an", "?portal=ha-noi", "?kind=province", "?kind=ministry", "?theme=dark",
    "?compact=1", "?compact=1&theme=dark&lang=en", "?lang=en"})
  void isSmallNeedsNoScriptOpensEveryLinkInANewTabAndFitsA360x200Box(String query) throws Exception {
    HttpResponse<Buffer> r = await(web.client.get("/embed" + query).send());
    assertThat(r.statusCode()).isEqualTo(200);
    String body = r.bodyAsString();
    assertThat(body.getBytes(StandardCharsets.UTF_8).length).as("under 10 KB").isLessThan(10 * 1024);
    Document doc = Jsoup.parse(body);
    assertThat(doc.select("script, noscript")).as("no script").isEmpty();
    assertThat(doc.select("meta[http-equiv]")).as("no reload of the whole page").isEmpty();
    assertThat(doc.select("a[href]")).as("links").isNotEmpty();
    for (Element a : doc.select("a[href]")) {
      assertThat(a.attr("target")).as(a.text()).isEqualTo("_blank");
      assertThat(Set.of(a.attr("rel").split(" "))).as(a.text()).contains("noopener");
    }
    assertThat(doc.select("footer a[href='/privacy']")).as("the privacy link").hasSize(1);

    browser.viewport(1366, 768);
    browser.driver.get("http://localhost:" + news.actualPort() + "/?q=" + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8));
    String host = browser.driver.getCurrentUrl();
    String tab = browser.driver.getWindowHandle();
    browser.driver.switchTo().frame("w");
    try {
      WebElement more = waiting().until(d -> d.findElement(By.cssSelector(".more a")));
      @SuppressWarnings("unchecked")
      Map<String, Object> box = (Map<String, Object>) browser.driver.executeScript(
          "var r = arguments[0].getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2,"
              + " hit = document.elementFromPoint(x, y);"
              + "return {top: r.top, bottom: r.bottom, right: r.right, w: innerWidth, h: innerHeight,"
              + " hit: hit === arguments[0] || arguments[0].contains(hit), sw: document.documentElement.scrollWidth};", more);
      assertThat(((Number) box.get("bottom")).doubleValue()).as("'Xem chi tiết' inside the 200 px box")
          .isLessThanOrEqualTo(((Number) box.get("h")).doubleValue());
      assertThat(((Number) box.get("right")).doubleValue()).as("and inside its width")
          .isLessThanOrEqualTo(((Number) box.get("w")).doubleValue());
      assertThat((Boolean) box.get("hit")).as("'Xem chi tiết' not covered by anything").isTrue();
      assertThat(((Number) box.get("sw")).intValue()).as("no sideways scrolling in the box")
          .isLessThanOrEqualTo(((Number) box.get("w")).intValue());
      assertThat(browser.axeViolations()).as("/embed" + query + " in its box: serious or critical axe-core violations").isEmpty();
      browser.driver.switchTo().defaultContent();
      browser.screenshot("embed" + query.replaceAll("[^a-z0-9=]+", "-").replace('=', '_') + "-360x200");
      // The privacy link opens a tab of its own and leaves the news site's page where it was.
      browser.driver.switchTo().frame("w");
      browser.driver.findElement(By.cssSelector("footer a[href='/privacy']")).click();
      waiting().until(d -> d.getWindowHandles().size() == 2);
    } finally {
      for (String handle : List.copyOf(browser.driver.getWindowHandles())) {
        if (!handle.equals(tab)) {
          browser.driver.switchTo().window(handle).close();
        }
      }
      browser.driver.switchTo().window(tab);
    }
    assertThat(browser.driver.getCurrentUrl()).as("the news page stays").isEqualTo(host);
  }
}
