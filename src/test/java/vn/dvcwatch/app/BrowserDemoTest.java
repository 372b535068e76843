package vn.dvcwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.dvcwatch.browser.BrowserSettings;
import vn.dvcwatch.web.Browser;

/**
 * The demo with its browser room on, at the default interval of an hour: its first round is packed, so within
 * minutes every simulated portal has browser runs behind {@code /api/v1/portals/{id}/browser} and browser
 * figures in the ranking the board reads ({@code /api/v1/portals}); the board shows an LCP for every row, and
 * the portal page shows the latest runs (figures, the method, the screenshot), axe-core's violations grouped by
 * rule with how to fix them, in Vietnamese and with {@code ?lang=en} in English, and the LCP and CLS charts; a run
 * that ends while the portal page is open reaches it live.
 */
class BrowserDemoTest {
  /** Four portals: eight loads of ~3 s in one browser, plus its start (14 s seen on a loaded 2-core machine). */
  private static final int PORTALS = 4;

  @org.junit.jupiter.api.io.TempDir Path dir;

  @Test
  void everyPortalHasBrowserFiguresWithinTheFirstRound() throws Exception {
    Assumptions.assumeTrue(BrowserSettings.defaults().executable() != null, "no Chromium installed");
    try (RunningDemo demo = new RunningDemo(dir.resolve("data"), PORTALS, 0, Map.of(
        "DVC_BROWSER_ENABLED", "true", "DVC_BROWSER_INTERVAL", "60m", "DVC_BROWSER_DEADLINE", "20s"))) {
      List<String> ids = new ArrayList<>();
      new JsonArray(demo.get("/api/v1/portals").body()).forEach(o -> ids.add(((JsonObject) o).getString("id")));
      assertThat(ids).hasSize(PORTALS);
      // Spread over the hour, the last portal's homepage would come after 45 minutes; packed, all within ~2.
      long until = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      boolean all = false;
      while (!all && System.nanoTime() < until) {
        Thread.sleep(1000);
        all = true;
        for (String id : ids) {
          all &= new JsonObject(demo.get("/api/v1/portals/" + id + "/browser").body()).getJsonArray("runs").size() >= 2;
        }
      }
      assertThat(all).as("every portal's homepage and eForm page loaded, stored and served").isTrue();
      JsonObject ready = new JsonObject(demo.get("/health/ready").body());
      assertThat(ready.getJsonObject("checks").getJsonObject("browser").getBoolean("available")).isTrue();
      assertThat(demo.get("/metrics").body()).contains("dvc_browser_runs_total");

      // The board's data: every portal's row carries the latest run of both pages, its method and figures.
      for (Object o : new JsonArray(demo.get("/api/v1/portals").body())) {
        JsonObject row = (JsonObject) o;
        JsonObject browser = row.getJsonObject("browser");
        assertThat(browser).as("browser figures of %s on the board", row.getString("id")).isNotNull();
        for (String target : List.of("homepage", "eform")) {
          JsonObject run = browser.getJsonObject(target);
          assertThat(run).as("%s %s", row.getString("id"), target).isNotNull();
          assertThat(run.getString("method")).isEqualTo("none");
          assertThat(run.getString("outcome")).isEqualTo("ok");
          assertThat(run.getLong("lcp")).as("LCP of %s %s", row.getString("id"), target).isPositive();
          assertThat(run.getDouble("cls")).isNotNull();
        }
      }
      pagesRender(demo, ids);
    }
  }

  /** The board and a portal page in Chromium: what the API holds is what the reader sees. */
  private static void pagesRender(RunningDemo demo, List<String> ids) throws Exception {
    Browser.assumeInstalled();
    try (Browser chromium = new Browser()) {
      var driver = chromium.driver;
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
      driver.get(demo.base() + "/");
      wait.until(d -> d.findElements(By.cssSelector("#rows tr")).size() == ids.size());
      for (WebElement cell : driver.findElements(By.cssSelector("#rows td.lcp"))) {
        assertThat(cell.getText()).as("the board's LCP cell").matches("[0-9]+(,[0-9]+)? (ms|s)");
      }

      // The portal with the most axe violations (the simulated postures leave out alt texts, labels, lang...).
      String portal = null;
      JsonArray runs = null;
      int most = -1;
      for (String id : ids) {
        JsonArray r = new JsonObject(demo.get("/api/v1/portals/" + id + "/browser").body()).getJsonArray("runs");
        int n = rules(r).size();
        if (n > most) {
          most = n;
          portal = id;
          runs = r;
        }
      }
      Set<String> rules = rules(runs);
      assertThat(rules).as("a simulated portal with axe violations").isNotEmpty();

      driver.get(demo.base() + "/portals/" + portal);
      wait.until(d -> !d.findElements(By.cssSelector("#browser-section article[data-target=eform]")).isEmpty());
      JsonObject home = latest(runs, "homepage");
      WebElement card = driver.findElement(By.cssSelector("#browser-section article[data-target=homepage]"));
      String lcp = card.findElement(By.cssSelector("dd.fig-lcp")).getText();
      assertThat(lcp).matches("[0-9]+(,[0-9]+)? (ms|s)");
      assertThat(card.findElement(By.cssSelector("dd.fig-cls")).getText()).matches("[0-9]+,[0-9]{3}");
      assertThat(card.findElement(By.cssSelector("dd.fig-requests")).getText()).isEqualTo(String.valueOf(home.getInteger("requests")));
      assertThat(card.findElement(By.cssSelector("dd.fig-method")).getText()).startsWith("không điều tiết");
      // The final screenshot: served, decoded by the browser, at most the cap.
      // Read the image afresh at each try: the section redraws its cards when a live run arrives. The image loads
      // lazily, as a reader scrolls to it, so the wait scrolls it into view as a reader would.
      wait.until(d -> ((Number) driver.executeScript("var i = document.querySelector("
          + "'#browser-section article[data-target=homepage] .browser-shot img');"
          + " if (!i) { return 0; } i.scrollIntoView({block: 'center'});"
          + " return i.complete ? i.naturalWidth : 0;")).intValue() > 0);
      assertThat(demo.get(home.getString("screenshot")).body().length()).isPositive();
      // The filmstrip under it: the stored frames in time order, each served as a JPEG and shown with its time.
      var frames = home.getJsonArray("frames");
      assertThat(frames).as("the homepage's filmstrip").isNotEmpty();
      assertThat(demo.get(frames.getJsonObject(0).getString("src")).body().length()).isPositive();
      assertThat(driver.findElements(By.cssSelector("#browser-section article[data-target=homepage] .browser-film li")))
          .hasSizeBetween(1, 8) // at most eight frames a run (docs/BROWSER.md)
          .allSatisfy(li -> assertThat(li.findElement(By.cssSelector(".frame-time")).getText()).matches("[0-9]+(,[0-9]+)? (ms|s)"));
      // axe-core's violations: one row per rule, each with its fix in Vietnamese.
      List<WebElement> rows = driver.findElements(By.cssSelector("#axe tbody tr"));
      assertThat(rows.stream().map(r -> r.getAttribute("data-rule")).toList()).containsExactlyInAnyOrderElementsOf(rules);
      for (WebElement r : rows) {
        String fix = r.findElement(By.cssSelector("td.fix span")).getText();
        assertThat(fix).as("fix for %s", r.getAttribute("data-rule")).isNotBlank();
        if (List.of("image-alt", "label", "html-has-lang", "document-title", "link-name").contains(r.getAttribute("data-rule"))) {
          assertThat(fix).as("a Vietnamese fix").matches(".*[ảạăâđêếệịọôơưữ].*");
        }
      }
      // LCP and CLS over the runs: both charts drawn by uPlot with the stored points.
      for (String chart : List.of("lcp-chart", "cls-chart")) {
        WebElement box = driver.findElement(By.id(chart));
        assertThat(Integer.parseInt(box.getAttribute("data-points"))).isGreaterThanOrEqualTo(2);
        assertThat(box.findElements(By.cssSelector("canvas"))).isNotEmpty();
      }
      assertThat(chromium.axeViolations()).as("the portal page itself stays accessible").isEmpty();
      assertThat(chromium.console()).noneMatch(m -> m.contains("Refused to"));
      liveRun(demo, driver, wait, portal);

      driver.get(demo.base() + "/portals/" + portal + "?lang=en");
      wait.until(d -> !d.findElements(By.cssSelector("#axe tbody tr")).isEmpty());
      assertThat(driver.findElement(By.id("browser-title")).getText()).isEqualTo("In a citizen's browser");
      if (rules.contains("image-alt")) {
        assertThat(driver.findElement(By.cssSelector("#axe tr[data-rule=image-alt] td.fix span")).getText())
            .startsWith("Give every image an alt text");
      }
      driver.executeScript("document.getElementById('browser-section').scrollIntoView();");
      chromium.screenshot("portal-browser-section");
    }
  }

  /**
   * A homepage run that ends while the portal page is open: the live {@code browser} event brings its figures
   * into the homepage's card, in the same document (no reload).
   */
  private static void liveRun(RunningDemo demo, org.openqa.selenium.WebDriver driver, WebDriverWait wait, String portal)
      throws Exception {
    // Read in one script: the card is replaced when the section redraws (an element found first may be stale).
    var js = (org.openqa.selenium.JavascriptExecutor) driver;
    String card = "var c = document.querySelector('#browser-section article[data-target=homepage]');"
        + " return c ? c.dataset.run : null;";
    String before = (String) js.executeScript(card);
    js.executeScript("window.__sameDocument = true;");
    var run = demo.verticle.browser().loadNow(portal, vn.dvcwatch.result.Target.HOMEPAGE)
        .await(60, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(run.startedAt()).isNotNull();
    String fresh = String.valueOf(latest(new JsonObject(demo.get("/api/v1/portals/" + portal + "/browser").body())
        .getJsonArray("runs"), "homepage").getLong("id"));
    assertThat(fresh).as("a new stored run").isNotEqualTo(before);
    wait.until(d -> fresh.equals(js.executeScript(card)));
    assertThat(js.executeScript("return window.__sameDocument === true;"))
        .as("updated without a reload").isEqualTo(true);
  }

  private static Set<String> rules(JsonArray runs) {
    Set<String> out = new LinkedHashSet<>();
    for (String target : List.of("homepage", "eform")) {
      JsonObject run = latest(runs, target);
      if (run != null) {
        run.getJsonObject("axe").getJsonArray("violations").forEach(v -> out.add(((JsonObject) v).getString("id")));
      }
    }
    return out;
  }

  private static JsonObject latest(JsonArray runs, String target) {
    for (Object o : runs) {
      if (target.equals(((JsonObject) o).getString("target"))) {
        return (JsonObject) o;
      }
    }
    return null;
  }
}
