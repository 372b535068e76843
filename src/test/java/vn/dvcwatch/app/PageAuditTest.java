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
    JsonArray portals = new JsonArray(demo.get("/api/v1/portals").body());
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
    new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(page.ready()::apply);
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
}
