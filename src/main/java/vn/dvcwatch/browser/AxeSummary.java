package vn.dvcwatch.browser;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** axe-core's violations as the page script summarised them, into records; and back into JSON for storage. */
final class AxeSummary {
  private AxeSummary() {}

  static BrowserRun.Axe parse(JsonObject o) {
    List<BrowserRun.Violation> out = new ArrayList<>();
    for (Object v : o.getJsonArray("violations", new JsonArray())) {
      JsonObject j = (JsonObject) v;
      out.add(new BrowserRun.Violation(j.getString("id"), j.getString("impact"), j.getInteger("nodes", 0),
          strings(j.getJsonArray("selectors")), strings(j.getJsonArray("tags")), j.getString("help"),
          j.getString("helpUrl")));
    }
    return new BrowserRun.Axe(o.getString("version"), List.copyOf(out), o.getString("error"));
  }

  static JsonObject json(BrowserRun.Axe axe) {
    JsonArray vs = new JsonArray();
    for (BrowserRun.Violation v : axe.violations()) {
      vs.add(new JsonObject().put("id", v.id()).put("impact", v.impact()).put("nodes", v.nodes())
          .put("selectors", new JsonArray(v.selectors())).put("tags", new JsonArray(v.tags())).put("help", v.help())
          .put("helpUrl", v.helpUrl()));
    }
    JsonObject o = new JsonObject().put("version", axe.version()).put("violations", vs);
    if (axe.error() != null) {
      o.put("error", axe.error());
    }
    return o;
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    if (a != null) {
      a.forEach(x -> out.add(String.valueOf(x)));
    }
    return List.copyOf(out);
  }
}
