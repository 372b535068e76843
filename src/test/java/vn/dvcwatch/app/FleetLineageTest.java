package vn.dvcwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.registry.Fleet;
import vn.dvcwatch.registry.RegistryLoader;

/** What the pages read about the map: its year and size, and which retired portals each successor absorbed. */
class FleetLineageTest {

  @Test
  void theMapNamesItsYearFileAndWatchedCount() {
    Path file = Path.of("conf/portals-2025.yaml");
    Fleet f = RegistryLoader.load(file);
    JsonObject json = new FleetMap(f.name(), file, f.portals()).json(50);
    assertThat(json).isEqualTo(new JsonObject().put("year", "2025").put("count", 50).put("file", "portals-2025.yaml"));
    assertThat(FleetMap.NONE.json(3).getString("year")).isNull();
  }

  @Test
  void aSuccessorListsThePortalsMergedIntoIt() {
    Path file = Path.of("conf/portals-2025.yaml");
    Fleet f = RegistryLoader.load(file);
    FleetMap map = new FleetMap(f.name(), file, f.portals());
    assertThat(map.predecessors("ho-chi-minh").stream().map(o -> ((JsonObject) o).getString("id")))
        .containsExactly("binh-duong", "ba-ria-vung-tau");
    assertThat(map.predecessors("bo-khoa-hoc-cong-nghe").getJsonObject(0))
        .isEqualTo(new JsonObject().put("id", "bo-thong-tin-truyen-thong").put("name", "Bộ Thông tin và Truyền thông")
            .put("retired", "2025-03-01"));
    assertThat(map.predecessors("ha-noi")).isEmpty();
  }
}
