package vn.dvcwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.config.ConfigException;

class RegistryLoaderTest {
  static final Path DIR = Path.of("src/test/resources/registry");

  @Test
  void loadsAValidFileIntoTypedPortals() {
    Fleet f = RegistryLoader.load(DIR.resolve("valid.yaml"));
    assertThat(f.portals()).extracting(Portal::id).containsExactly("ha-noi", "bo-tu-phap");
    Portal hn = f.portal("ha-noi").orElseThrow();
    assertThat(hn.name()).isEqualTo("Thành phố Hà Nội");
    assertThat(hn.kind()).isEqualTo(PortalKind.PROVINCE);
    assertThat(hn.slaTarget()).isEqualTo(0.995);
    assertThat(hn.verified()).isFalse();
    assertThat(f.portal("bo-tu-phap").orElseThrow().slaTarget()).isEqualTo(0.999);
  }

  /** One fixture per rejection: the error names the file, the line and the field. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "invalid-duplicate-id.yaml      | 3 | portals[1].id        | duplicate id \"ha-noi\" (first at line 2)",
      "invalid-bad-url.yaml           | 5 | portals[0].homepage  | not an http(s) URL",
      "invalid-unknown-kind.yaml      | 4 | portals[0].kind      | unknown value \"city\"",
      "invalid-unknown-field.yaml     | 7 | portals[0].homepgae  | unknown field",
      "invalid-syntax.yaml            | 5 | (syntax)             | invalid YAML",
      "invalid-bad-email.yaml         | 7 | portals[0].contacts  | not an email address: \"not-an-email\"",
      "invalid-missing-successor.yaml | 7 | portals[0].successor | no portal with id \"tuyen-quang\"",
      "invalid-bad-id.yaml            | 2 | portals[0].id        | is not a slug",
      "invalid-missing-eform.yaml     | 2 | portals[0].eform     | is required",
      "invalid-bad-sla.yaml           | 7 | portals[0].sla       | out of range",
      "invalid-bad-retired.yaml       | 7 | portals[0].retired   | not a date",
      "invalid-empty.yaml             | 2 | portals              | the fleet has no portals",
  })
  void rejectsEachBadFileNamingFileLineAndField(String file, int line, String field, String problem) {
    Path p = DIR.resolve(file);
    assertThatThrownBy(() -> RegistryLoader.load(p))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> {
          ConfigException c = (ConfigException) e;
          assertThat(c.file()).isEqualTo(p.toString());
          assertThat(c.field()).isEqualTo(field);
          assertThat(c.line()).isEqualTo(line);
          assertThat(c.getMessage()).contains(problem).startsWith(p + ":" + line + ": " + field + ": ");
          assertThat(c.getMessage()).doesNotContain("\n");
        });
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> RegistryLoader.load(DIR.resolve("nope.yaml")))
        .hasMessageContaining("nope.yaml").hasMessageContaining("no such file");
  }
}
