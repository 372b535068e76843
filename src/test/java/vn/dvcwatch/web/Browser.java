package vn.dvcwatch.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Debian Chromium for the browser tests, with explicit driver and binary paths (no driver
 * download) and a fresh profile. Tests skip with a reason where Chromium is not installed. Public: the demo's
 * browser-room test (app) drives its pages too.
 */
public final class Browser implements AutoCloseable {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String DRIVER = "/usr/bin/chromedriver";
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  public final ChromeDriver driver;
  private final Path profile;

  public static void assumeInstalled() {
    Assumptions.assumeTrue(new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute(),
        "browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + DRIVER
            + "): apt-get install -y chromium chromium-driver");
  }

  public Browser() throws IOException {
    profile = Files.createTempDirectory("dvc-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
        "--window-size=1600,1000", "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    // The wall PC of the issue runs on UTC: the pages must still show Vietnam time.
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
        .usingAnyFreePort().withEnvironment(java.util.Map.of("TZ", "UTC")).build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20)).scriptTimeout(Duration.ofSeconds(10));
  }

  /** The console messages since the last call (CSP violations show up here as "Refused to ..."). */
  public List<String> console() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
  }

  /** Resizes the window so that the page's viewport is {@code width}×{@code height} CSS pixels. */
  void viewport(int width, int height) {
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    Number innerW = (Number) driver.executeScript("return window.innerWidth;");
    Number innerH = (Number) driver.executeScript("return window.innerHeight;");
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(
        2 * width - innerW.intValue(), 2 * height - innerH.intValue()));
  }

  /**
   * Emulates a viewport of {@code width}×{@code height} CSS pixels through DevTools, without resizing the
   * window (a resize can wait minutes for a busy page on a loaded machine); below 600 px as a phone does,
   * with its meta viewport honoured. {@link #screenshot} then captures exactly that viewport.
   */
  public void emulate(int width, int height) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", width, "height", height,
        "deviceScaleFactor", 1, "mobile", width < 600));
  }

  /**
   * The serious and critical axe-core violations of the current page, as "id: impact (n nodes)". axe is
   * injected through the driver (not a page script), so our CSP does not have to allow it.
   */
  public List<String> axeViolations() throws IOException {
    if (axeSource == null) {
      try (var in = Browser.class.getClassLoader()
          .getResourceAsStream("META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
        axeSource = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    driver.executeScript(axeSource);
    // A page of the demo's size takes axe tens of seconds on a loaded 2-core machine.
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
    Object out = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
        + "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
        + "  done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })"
        + "    .map(function (v) { return v.id + ': ' + v.impact + ' (' + v.nodes.length + ' nodes: '"
        + "      + v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); }).join(', ') + ')'; }));"
        + "}, function (e) { done(['axe failed: ' + e]); });");
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    @SuppressWarnings("unchecked")
    List<String> list = (List<String>) out;
    return list;
  }

  private static String axeSource;

  public void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
