package vn.dvcwatch.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.config.ConfigException;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.registry.RegistryLoader;

/** A scenario file loads whole or is refused with one error naming file, line and field. */
class ScenarioLoaderTest {
  static final Set<String> IDS = Set.of("ha-noi", "bo-tu-phap");

  @Test
  void theDemoScenarioNamesOnlyRegistryPortalsAndHasEveryKindOfEvent() {
    Set<String> ids = RegistryLoader.load(Path.of("conf/portals.yaml")).portals().stream().map(Portal::id)
        .collect(Collectors.toSet());
    Scenario s = ScenarioLoader.load(Path.of("conf/scenarios/demo.yaml"), ids);
    assertThat(s.events()).anyMatch(e -> e.mode() == SimMode.REFUSED && e.lasting() != null)
        .anyMatch(e -> e.flap() != null)
        .anyMatch(e -> e.delay() != null)
        .anyMatch(e -> e.certificate() == CertPosture.EXPIRED)
        .allMatch(e -> e.at().compareTo(Duration.ofMinutes(3)) <= 0);
    assertThat(s.events().stream().filter(e -> e.mode() != null && e.lasting() != null).count()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void eventsAreRead() {
    Scenario s = ScenarioLoader.parse("s.yaml", """
        events:
          - {at: 20s, portal: ha-noi, mode: http-503, for: 90s}
          - {at: 1500ms, portal: bo-tu-phap, flap: 10s, for: 2m}
          - {at: 30s, portal: ha-noi, delay: 2500ms}
          - {at: 60s, portal: bo-tu-phap, certificate: expire}
          - {at: 90s, portal: ha-noi, mode: timeout, from: 127.0.0.3, for: 2m}
        """, IDS);
    assertThat(s.events()).hasSize(5);
    assertThat(s.events().get(0)).isEqualTo(new ScenarioEvent(Duration.ofSeconds(20), "ha-noi", SimMode.HTTP_503, null,
        null, null, Duration.ofSeconds(90), null, 2));
    assertThat(s.events().get(4).from()).isEqualTo("127.0.0.3");
    assertThat(s.events().get(4).describe().getString("from")).isEqualTo("127.0.0.3");
    assertThat(s.events().get(1).flap()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.events().get(1).lasting()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.events().get(2).delay()).isEqualTo(Duration.ofMillis(2500));
    assertThat(s.events().get(2).lasting()).isNull();
    assertThat(s.events().get(3).certificate()).isEqualTo(CertPosture.EXPIRED);
    assertThat(s.eventsOf("ha-noi")).hasSize(3);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{at: 1s, portal: ha-noi, mode: refused, fro: 2s}     | bad.yaml:3: events[1].fro: unknown field",
      "{at: 1s, portal: ha-noi, mode: down}                 | bad.yaml:3: events[1].mode: unknown value \"down\"",
      "{at: 1s, portal: hanoi, mode: refused}               | bad.yaml:3: events[1].portal: no portal \"hanoi\"",
      "{portal: ha-noi, mode: refused}                      | bad.yaml:3: events[1].at: is required",
      "{at: soon, portal: ha-noi, mode: refused}            | bad.yaml:3: events[1].at: not a duration",
      "{at: 1s, portal: ha-noi, mode: refused, for: 0s}     | bad.yaml:3: events[1].for: must be a positive duration",
      "{at: 1s, portal: ha-noi, mode: refused, delay: 2s}   | bad.yaml:3: events[1]: needs exactly one of mode, flap, delay, certificate (found mode, delay)",
      "{at: 1s, portal: ha-noi}                             | bad.yaml:3: events[1]: needs exactly one of",
      "{at: 1s, portal: ha-noi, flap: 5s}                   | bad.yaml:3: events[1].flap: a flap needs \"for\"",
      "{at: 1s, portal: ha-noi, certificate: stolen}        | bad.yaml:3: events[1].certificate: unknown value \"stolen\"",
      "{at: 1s, portal: ha-noi, mode: [refused]}            | bad.yaml:3: events[1].mode: expected a single value",
      "{at: 1s, portal: ha-noi, mode: refused               | bad.yaml:4: (syntax): invalid YAML",
      "{at: 1s, portal: ha-noi, mode: refused, from: hanoi} | bad.yaml:3: events[1].from: not an IP address: \"hanoi\"",
      "{at: 1s, portal: ha-noi, certificate: expire, from: 127.0.0.2} | bad.yaml:3: events[1].from: a certificate is the same for every client",
  })
  void aBadEventIsNamedByFileLineAndField(String event, String expected) {
    String text = "events:\n  - {at: 1s, portal: bo-tu-phap, mode: timeout}\n  - " + event + "\n";
    assertThatThrownBy(() -> ScenarioLoader.parse("bad.yaml", text, IDS))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(expected)
        .hasMessageNotContaining("\n");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> ScenarioLoader.load(Path.of("conf/scenarios/none.yaml"), IDS))
        .hasMessage("conf/scenarios/none.yaml:0: (file): no such file");
  }

  @Test
  void anUnknownTopLevelFieldIsRefused() {
    assertThatThrownBy(() -> ScenarioLoader.parse("t.yaml", "event:\n  - {at: 1s}\n", IDS))
        .hasMessageStartingWith("t.yaml:2: event: unknown field");
  }
}
