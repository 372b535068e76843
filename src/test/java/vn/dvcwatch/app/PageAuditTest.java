package vn.dvcwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.dvcwatch.registry.Vietnam;
import vn.dvcwatch.web.Browser;

/**
 * Our own pages meet the bar we grade others by (issue 20): every page of the running product (the demo as
 * `demo` starts it, with its 83 simulated portals, real PostgreSQL and the monthly reports) in headless Chromium
 * at 1920×1080, 1366×768 and 390×844: no serious or critical axe-core violation, no horizontal scrolling, and a
 * screenshot of each in {@code target/screenshots/audit-<page>-<width>x<height>.png} (a CI build artefact).
 */
class PageAuditTest {
  private static final int[][] SIZES = {{1920, 1080}, {1366, 768}, {390, 844}};
  @TempDir static Path dir;
  private static RunningDemo demo;
  private static Browser browser;
  private static String portal;
  private static int fleet;

  @BeforeAll
  static void start() throws Exception {
    Browser.assumeInstalled();
    demo = new RunningDemo(dir.resolve("data"), 0, 0, Map.of("DVC_PROBE_INTERVAL", "30s"));
    // The pages are audited as they look with the whole fleet scored (the first round takes one interval).
    JsonArray portals = demo.awaitFullBoard(new JsonArray(demo.get("/api/v1/portals").body()).size(), Duration.ofSeconds(120));
    fleet = portals.size();
    portal = portals.getJsonObject(0).getString("id");
    browser = new Browser();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (demo != null) {
      demo.close();
    }
  }

  /** One page: its name for the screenshot, its path, and when it has drawn what it shows. */
  private record Page(String name, Function<String, String> path, Function<WebDriver, Boolean> ready) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Function<WebDriver, Boolean> served() {
    return d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState;"));
  }

  private static Function<WebDriver, Boolean> count(String css, int n) {
    return d -> d.findElements(By.cssSelector(css)).size() >= n;
  }

  private static final List<Page> PAGES = List.of(
      new Page("board", id -> "/", d -> count("#rows tr", fleet).apply(d)),
      new Page("board-en", id -> "/?lang=en", d -> count("#rows tr", fleet).apply(d)),
      new Page("wall", id -> "/wall", d -> count("#tiles li", fleet).apply(d)
          && d.findElement(By.cssSelector("#tiles li svg.w-trend")).getAttribute("aria-label") != null),
      new Page("portal", id -> "/portals/" + id, d -> !d.findElement(By.id("name")).getText().equals("…")
          && count("#sla tbody tr", 1).apply(d) && count("#days li", 90).apply(d)),
      new Page("status", id -> "/status", served()),
      new Page("status-en", id -> "/status?lang=en", served()),
      new Page("status-search", id -> "/status?q=ha+noi", served()),
      new Page("embed", id -> "/embed", served()),
      new Page("embed-portal", id -> "/embed?portal=" + id, served()),
      new Page("embed-kind", id -> "/embed?kind=province", served()),
      new Page("embed-dark", id -> "/embed?theme=dark", served()),
      new Page("embed-compact", id -> "/embed?compact=1", served()),
      new Page("report", id -> "/reports/" + YearMonth.now(Vietnam.ZONE), served()),
      new Page("report-portal", id -> "/reports/" + YearMonth.now(Vietnam.ZONE) + "/" + id, served()),
      new Page("privacy", id -> "/privacy", served()),
      new Page("not-found", id -> "/no-such-page", served()));

  static Stream<Arguments> pages() {
    List<Arguments> out = new ArrayList<>();
    for (int[] size : SIZES) {
      for (Page p : PAGES) {
        out.add(Arguments.of(p, size[0], size[1]));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} at {1}x{2}")
  @MethodSource("pages")
  void noSeriousAxeViolationNoSidewaysScrollingAndAScreenshot(Page page, int width, int height) throws Exception {
    long t0 = System.nanoTime();
    browser.emulate(width, height);
    browser.driver.get(demo.base() + page.path().apply(portal));
    new WebDriverWait(browser.driver, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(page.ready()::apply);
    @SuppressWarnings("unchecked")
    Map<String, Object> fit = (Map<String, Object>) browser.driver.executeScript(
        "var d = document.documentElement, wide = [];"
            + "document.querySelectorAll('body *').forEach(function (e) { var r = e.getBoundingClientRect();"
            + "  if (r.width > 0 && r.right > innerWidth + 1 && getComputedStyle(e).position !== 'fixed'"
            + "      && !e.closest('.table-wrap, .sr-only')) {"
            + "    wide.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined"
            + "      ? '.' + String(e.className).trim().split(/\\s+/).join('.') : '') + ' ' + Math.round(r.right)); } });"
            + "return {sw: d.scrollWidth, iw: innerWidth, wide: wide.slice(0, 5).join(', ')};");
    browser.screenshot("audit-" + page.name() + "-" + width + "x" + height);
    assertThat(((Number) fit.get("sw")).intValue()).as(page + " at " + width + ": no horizontal scrolling (too wide: "
        + fit.get("wide") + ")").isLessThanOrEqualTo(((Number) fit.get("iw")).intValue());
    List<String> axe = browser.axeViolations();
    System.out.printf("audit %s at %dx%d: %d ms%n", page, width, height, (System.nanoTime() - t0) / 1_000_000);
    assertThat(axe).as(page + " at " + width + "×" + height + ": serious or critical axe-core violations")
        .isEmpty();
  }

  /** The full pages: each has a skip link to its main content (the widget and the 404 page are not full pages). */
  static Stream<Page> fullPages() {
    return PAGES.stream().filter(p -> !p.name().startsWith("embed") && !p.name().equals("not-found"));
  }

  /**
   * WCAG 2.4.1 on every full page, in the browser: the first Tab reaches a skip link, which is then on screen, and
   * Enter takes the focus to the page's main content (the next Tab stays inside it).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fullPages")
  void theFirstTabReachesASkipLinkAndEnterLandsOnTheMainContent(Page page) {
    browser.emulate(1366, 768);
    browser.driver.get(demo.base() + page.path().apply(portal));
    new WebDriverWait(browser.driver, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(page.ready()::apply);
    new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys(org.openqa.selenium.Keys.TAB).perform();
    org.openqa.selenium.WebElement skip = browser.driver.switchTo().activeElement();
    assertThat(skip.getAttribute("class")).as(page + ": the first Tab reaches the skip link").contains("skip");
    assertThat(skip.getText()).as(page + ": it says where it goes").matches("(Bỏ qua, đến|Skip to) .+");
    @SuppressWarnings("unchecked")
    Map<String, Object> box = (Map<String, Object>) browser.driver.executeScript("var r = arguments[0].getBoundingClientRect();"
        + "return {top: r.top, bottom: r.bottom, w: r.width, h: r.height, vh: innerHeight};", skip);
    assertThat(((Number) box.get("top")).doubleValue()).as(page + ": visible while focused").isGreaterThanOrEqualTo(0);
    assertThat(((Number) box.get("h")).doubleValue() * ((Number) box.get("w")).doubleValue()).isPositive();
    String target = skip.getAttribute("hash");
    skip.sendKeys(org.openqa.selenium.Keys.ENTER);
    new WebDriverWait(browser.driver, Duration.ofSeconds(5)).until(d -> d.getCurrentUrl().endsWith(target));
    String landed = (String) browser.driver.executeScript("var t = document.querySelector(arguments[0]);"
        + "if (!t) { return 'no ' + arguments[0]; }"
        + "if (!t.closest('main')) { return arguments[0] + ' is not in main'; }"
        + "var r = t.getBoundingClientRect(); if (r.top >= innerHeight || r.bottom <= 0) { return 'not scrolled to'; }"
        + "return document.activeElement === t ? 'focused' : 'not focused: ' + document.activeElement.outerHTML.slice(0, 60);",
        target);
    if (!"focused".equals(landed)) {
      // a target that is not focusable itself (the board's table): the next Tab must go into it
      new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys(org.openqa.selenium.Keys.TAB).perform();
      landed = (String) browser.driver.executeScript("return document.activeElement.closest(arguments[0]) ? 'focused'"
          + " : document.activeElement.outerHTML.slice(0, 80);", target);
    }
    assertThat(landed).as(page + ": Enter on the skip link lands on the main content").isEqualTo("focused");
  }
}
