package vn.dvcwatch.web;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Base of the browser test classes: one web server and one headless Chromium per class. */
abstract class BrowserPages {
  static WebFixture web;
  static Browser browser;

  @BeforeAll
  static void startBrowser() throws Exception {
    Browser.assumeInstalled();
    web = new WebFixture();
    browser = new Browser();
  }

  @AfterAll
  static void stopBrowser() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (web != null) {
      web.close();
    }
  }

  static WebDriverWait waiting() {
    return new WebDriverWait(browser.driver, Duration.ofSeconds(10));
  }

  static String text(String css) {
    return browser.driver.findElement(By.cssSelector(css)).getText();
  }
}
