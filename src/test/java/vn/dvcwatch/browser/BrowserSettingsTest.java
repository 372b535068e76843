package vn.dvcwatch.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.app.AppConfig;
import vn.dvcwatch.config.ConfigException;
import vn.dvcwatch.config.YamlNode;

/** The {@code browser} section: defaults, overrides, and every rejection with its reason. */
class BrowserSettingsTest {
  private static BrowserSettings read(String yaml) {
    return AppConfig.from(YamlNode.parse("dvc-watch.yaml", yaml, Map.of()), Path.of(".")).browser();
  }

  @Test
  void defaultsAreOnePageAnHourOnAMobileWithoutThrottling() {
    BrowserSettings s = read("{}");
    assertThat(s.enabled()).isTrue();
    assertThat(s.concurrency()).isEqualTo(1);
    assertThat(s.interval()).isEqualTo(Duration.ofMinutes(60));
    assertThat(s.deadline()).isEqualTo(Duration.ofSeconds(45));
    assertThat(s.profile()).isEqualTo(BrowserSettings.Profile.MOBILE);
    assertThat(s.throttling().method()).isEqualTo("none");
  }

  @Test
  void theEnvironmentOverridesAsEverywhere() {
    BrowserSettings s = AppConfig.from(YamlNode.parse("dvc-watch.yaml", "{}", Map.of("DVC_BROWSER_CONCURRENCY", "3",
        "DVC_BROWSER_THROTTLING", "devtools-4g-4x-cpu")), Path.of(".")).browser();
    assertThat(s.concurrency()).isEqualTo(3);
    assertThat(s.throttling()).isEqualTo(BrowserSettings.Throttling.DEVTOOLS_4G_4X_CPU);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "browser: {concurrency: 0}                      | browser.concurrency",
      "browser: {throttling: lighthouse}              | expected none or devtools-4g-4x-cpu",
      "browser: {profile: tablet}                     | unknown value \"tablet\"",
      "browser: {interval: 1m, deadline: 2m}          | must not be longer than browser.interval",
      "browser: {deadline: 5s, settle: 5s}            | must be shorter than browser.deadline",
      "browser: {maxBytes: 1000}                      | at least 65536",
      "browser: {path: chromium}                      | must be an absolute path",
      "browser: {headless: false}                     | headless",
      "browser: {nice: 20}                            | browser.nice",
      "browser: {cpuBudget: -1}                       | browser.cpuBudget",
  })
  void rejections(String yaml, String reason) {
    assertThatThrownBy(() -> read(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(reason);
  }

  @Test
  void aMissingPathMeansNoBrowserNotACrash() {
    assertThat(read("browser: {path: /nonexistent/chromium}").executable()).isNull();
  }

  @Test
  void theProbersNamesAndCasBecomeBrowserFlags() {
    BrowserSettings s = read("{}").withNetwork(Map.of("b.sim.dvc.test", "127.0.0.1", "a.sim.dvc.test", "127.0.0.1"), List.of());
    assertThat(ChromeProcess.flags(Path.of("/tmp/p"), s, true)).contains("--headless", "--disable-gpu", "--no-sandbox",
        "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
        "--remote-debugging-port=0", "--user-data-dir=/tmp/p",
        "--host-resolver-rules=MAP a.sim.dvc.test 127.0.0.1,MAP b.sim.dvc.test 127.0.0.1");
    assertThat(ChromeProcess.flags(Path.of("/tmp/p"), s, false)).doesNotContain("--no-sandbox");
    // Chromium takes only the last --disable-features: a second one would silently switch the first's back on.
    assertThat(ChromeProcess.flags(Path.of("/tmp/p"), s, true)).filteredOn(f -> f.startsWith("--disable-features="))
        .containsExactly("--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup,PreloadTopChromeWebUI");
  }

  @Test
  void theBrowserIsStartedBelowTheWatchdogsCpuPriority() {
    assertThat(read("{}").nice()).isEqualTo(10);
    assertThat(read("{}").cpuBudget()).isEqualTo(0.25);
    assertThat(read("browser: {cpuBudget: 0}").cpuBudget()).isZero();
    assertThat(read("{}").idleClass()).isTrue();
    assertThat(ChromeProcess.priority(read("{}")))
        .containsExactly("/usr/bin/chrt", "--idle", "0", "/usr/bin/nice", "-n", "10");
    assertThat(ChromeProcess.priority(read("browser: {cpuClass: normal}"))).containsExactly("/usr/bin/nice", "-n", "10");
    assertThat(ChromeProcess.priority(read("browser: {cpuClass: normal, nice: 0}"))).isEmpty();
    assertThatThrownBy(() -> read("browser: {cpuClass: low}")).hasMessageContaining("cpuClass")
        .hasMessageContaining("expected idle or normal, got \"low\"");
  }
}
