package vn.dvcwatch.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import vn.dvcwatch.grade.CriterionDelta;

/** The criteria that moved in a grade change, as stored beside the grade and shown in the monthly report. */
public final class GradeDrift {
  private GradeDrift() {}

  /** {@code [{id, before, after}]}, largest move first (the order the grader gives); null when nothing is known. */
  public static JsonArray json(List<CriterionDelta> moved) {
    if (moved == null || moved.isEmpty()) {
      return null;
    }
    JsonArray out = new JsonArray();
    for (CriterionDelta d : moved) {
      out.add(new JsonObject().put("id", d.id()).put("before", d.before()).put("after", d.after()));
    }
    return out;
  }
}
