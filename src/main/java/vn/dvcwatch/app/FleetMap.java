package vn.dvcwatch.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import vn.dvcwatch.registry.Portal;

/**
 * Which map of the administration the watched fleet follows: the registry file's {@code fleet:} year (2023:
 * 63 provinces and 20 ministries; 2025: 34 provinces after the mergers) and every portal of the file, retired
 * ones included, so that a successor can name the portals merged into it.
 */
record FleetMap(String year, Path file, List<Portal> all) {
  static final FleetMap NONE = new FleetMap(null, null, List.of());

  FleetMap {
    all = List.copyOf(all);
  }

  /** {@code {year, count, file}}: {@code count} is the portals watched now, which the pages show beside the year. */
  JsonObject json(int watched) {
    return new JsonObject().put("year", year).put("count", watched)
        .put("file", file == null ? null : file.getFileName().toString());
  }

  /** The retired portals whose successor is {@code id}: {@code [{id, name, retired}]}, in file order. */
  JsonArray predecessors(String id) {
    JsonArray out = new JsonArray();
    all.stream().filter(p -> id.equals(p.successor()) && p.retired() != null).forEach(p ->
        out.add(new JsonObject().put("id", p.id()).put("name", p.name()).put("retired", p.retired().toString())));
    return out;
  }
}
