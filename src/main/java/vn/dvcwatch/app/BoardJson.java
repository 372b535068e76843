package vn.dvcwatch.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.dvcwatch.grade.Criterion;
import vn.dvcwatch.grade.Evaluation;
import vn.dvcwatch.grade.PortalEvaluation;
import vn.dvcwatch.grade.Scorecard;
import vn.dvcwatch.status.PortalStatus;

/**
 * One portal's entry of the board a cluster's leader publishes to the other nodes (docs/CLUSTER.md, "Every node
 * serves the leader's board"): its voted status and, once scored, its line of the ranking and its scorecard, written
 * and read back here only, so that a follower serves exactly the leader's figures. Short keys: the leader publishes
 * these for the whole fleet.
 */
final class BoardJson {
  private BoardJson() {}

  /** The evaluation part of an entry ({@code e} and {@code c}; none before the portal's first score). */
  static JsonObject scored(PortalEvaluation p, Scorecard card) {
    JsonObject e = new JsonObject().put("rank", p.rank()).put("score", p.score()).put("band", p.band())
        .put("grade", p.grade()).put("provisional", p.provisional()).put("u24", p.uptime24h()).put("u30", p.uptime30d())
        .put("ttfb", p.ttfbP75Ms()).put("total", p.totalP75Ms()).put("cert", p.certDaysLeft())
        .put("checked", p.checkedAt() == null ? null : p.checkedAt().toEpochMilli());
    JsonObject out = new JsonObject().put("e", e);
    if (card != null) {
      out.put("c", new JsonObject().put("score", card.score()).put("grade", card.grade()).put("model", card.modelVersion())
          .put("breakdown", criteria(card.breakdown())).put("caps", criteria(card.caps())));
    }
    return out;
  }

  /** A whole entry: {@code scored} (may be null) with the voted status. */
  static JsonObject entry(PortalStatus status, JsonObject scored) {
    return (scored == null ? new JsonObject() : scored.copy()).put("s", status.name());
  }

  static PortalStatus status(JsonObject entry) {
    return PortalStatus.valueOf(entry.getString("s", PortalStatus.UNKNOWN.name()));
  }

  /** The leader's evaluation from the entries: its ranking in rank order and its scorecards (no changes: those are events). */
  static Evaluation evaluation(Map<String, JsonObject> entries, Instant at) {
    List<PortalEvaluation> ranked = new ArrayList<>();
    Map<String, Scorecard> cards = new HashMap<>();
    entries.forEach((id, entry) -> {
      JsonObject e = entry.getJsonObject("e");
      if (e == null) {
        return;
      }
      Long checked = e.getLong("checked");
      ranked.add(new PortalEvaluation(id, e.getInteger("rank"), e.getDouble("score"), e.getString("band"),
          e.getString("grade"), e.getBoolean("provisional", false), e.getDouble("u24"), e.getDouble("u30"),
          e.getDouble("ttfb"), e.getDouble("total"), e.getInteger("cert"),
          checked == null ? null : Instant.ofEpochMilli(checked)));
      JsonObject c = entry.getJsonObject("c");
      if (c != null) {
        cards.put(id, new Scorecard(id, c.getDouble("score"), c.getString("grade"), criteria(c.getJsonArray("breakdown")),
            criteria(c.getJsonArray("caps")), c.getInteger("model")));
      }
    });
    ranked.sort(Comparator.comparingInt(PortalEvaluation::rank).thenComparing(PortalEvaluation::portalId));
    return new Evaluation(at, ranked, List.of(), List.of(), cards);
  }

  private static JsonArray criteria(List<Criterion> rows) {
    JsonArray out = new JsonArray();
    rows.forEach(c -> out.add(new JsonArray().add(c.id()).add(c.pillar()).add(c.points()).add(c.max())
        .add(c.measurement()).add(c.hintVi()).add(c.hintEn()).add(c.measured())));
    return out;
  }

  private static List<Criterion> criteria(JsonArray rows) {
    List<Criterion> out = new ArrayList<>();
    if (rows != null) {
      for (int i = 0; i < rows.size(); i++) {
        JsonArray c = rows.getJsonArray(i);
        out.add(new Criterion(c.getString(0), c.getString(1), c.getDouble(2), c.getDouble(3), c.getString(4),
            c.getString(5), c.getString(6), c.getBoolean(7)));
      }
    }
    return out;
  }
}
