package vn.dvcwatch.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import vn.dvcwatch.grade.Criterion;

/**
 * Scorecard rows as JSON, one shape for the portal API's {@code breakdown}/{@code caps} and for
 * {@code check --json}'s {@code breakdown} (docs/API.md: id, points, max, measurement, hint).
 */
public final class ScorecardJson {
  private ScorecardJson() {}

  public static JsonArray criteria(List<Criterion> rows) {
    JsonArray out = new JsonArray();
    for (Criterion c : rows) {
      out.add(new JsonObject().put("id", c.id()).put("pillar", c.pillar()).put("points", c.points()).put("max", c.max())
          .put("measurement", c.measurement())
          .put("measurementEn", vn.dvcwatch.grade.MeasurementEn.of(c.measurement())).put("hint", c.hintVi()).put("hintEn", c.hintEn())
          .put("measured", c.measured()));
    }
    return out;
  }
}
