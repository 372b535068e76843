package vn.dvcwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two shipped fleet files load and contain what the README and docs/FLEET.md promise. */
class FleetFilesTest {
  static final LocalDate AFTER_MERGER = LocalDate.of(2025, 7, 1);

  @Test
  void the2023FleetIs20MinistriesAnd63Provinces() {
    Fleet f = RegistryLoader.load(Path.of("conf/portals.yaml"));
    assertThat(f.portals()).hasSize(83);
    assertThat(f.count(PortalKind.MINISTRY)).isEqualTo(20);
    assertThat(f.count(PortalKind.PROVINCE)).isEqualTo(63);
    assertThat(f.count(PortalKind.NATIONAL)).as("the national portal is not one of the 83").isZero();
    assertThat(f.portal("ha-noi").orElseThrow().name()).isEqualTo("Thành phố Hà Nội");
    assertThat(f.portal("bo-tu-phap").orElseThrow().name()).isEqualTo("Bộ Tư pháp");
    assertThat(f.portals()).allSatisfy(p -> {
      assertThat(p.homepage().getScheme()).isEqualTo("https");
      assertThat(p.contacts()).isNotEmpty().allSatisfy(c -> assertThat(c).endsWith("@example.invalid"));
      assertThat(p.retired()).isNull();
    });
  }

  @Test
  void the2025FleetHas34ProvincesAndEveryMergedProvinceHasAnActiveSuccessor() {
    Fleet f = RegistryLoader.load(Path.of("conf/portals-2025.yaml"));
    Map<String, Portal> byId = f.byId();
    List<Portal> active = f.active(AFTER_MERGER);
    assertThat(active.stream().filter(p -> p.kind() == PortalKind.PROVINCE)).hasSize(34);
    List<Portal> retiredProvinces = f.portals().stream()
        .filter(p -> p.kind() == PortalKind.PROVINCE && !p.active(AFTER_MERGER)).toList();
    assertThat(retiredProvinces).as("63 provinces before, 34 after").hasSize(63 - 34);
    assertThat(f.portals()).filteredOn(p -> p.retired() != null).allSatisfy(p -> {
      assertThat(p.successor()).as(p.id() + " successor").isNotNull();
      Portal s = byId.get(p.successor());
      assertThat(s).as(p.id() + " -> " + p.successor()).isNotNull();
      assertThat(s.active(AFTER_MERGER)).as(p.successor() + " is active").isTrue();
    });
    assertThat(byId.get("ha-giang").successor()).isEqualTo("tuyen-quang");
    assertThat(active.stream().filter(p -> p.kind() == PortalKind.MINISTRY)).isNotEmpty();
  }
}
