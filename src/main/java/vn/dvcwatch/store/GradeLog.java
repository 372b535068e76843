package vn.dvcwatch.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.dvcwatch.cluster.Fence;

/** Grade history: what the board and the drift alerts restore after a restart, and the portal page's chart. */
public final class GradeLog {
  private final Pool pool;
  private final DbHealth health;
  private final Fence fence;
  private final Fence.Token token;

  GradeLog(Pool pool, DbHealth health) {
    this(pool, health, Fence.single(), Fence.single().token());
  }

  private GradeLog(Pool pool, DbHealth health, Fence fence, Fence.Token token) {
    this.pool = pool;
    this.health = health;
    this.fence = fence;
    this.token = token;
  }

  /**
   * The same log, whose writes first check that {@code token}'s epoch still leads (a cluster's grading clock runs
   * its writes on the leader only: docs/CLUSTER.md); a refused write fails with {@code StaleLeaderException}.
   */
  public GradeLog fenced(Fence by, Fence.Token decidedUnder) {
    return new GradeLog(pool, health, by, decidedUnder);
  }

  /** Stores a grade; fails with a {@link DatabaseUnavailableException} while the database is away. */
  public Future<Void> record(String portalId, String grade, double score, Instant at) {
    return record(portalId, grade, score, at, null);
  }

  /**
   * Stores a grade with the criteria that moved ({@code [{id, before, after}]}, null when unknown): the
   * monthly report explains a grade's drift with them.
   */
  public Future<Void> record(String portalId, String grade, double score, Instant at, io.vertx.core.json.JsonArray moved) {
    return record(portalId, grade, score, at, moved, 1);
  }

  /** Stores a grade of scoring model {@code modelVersion} (migration V141; rows before it are version 1). */
  public Future<Void> record(String portalId, String grade, double score, Instant at, io.vertx.core.json.JsonArray moved,
      int modelVersion) {
    String sql = "INSERT INTO grade_history (portal_id, grade, score, at, moved, model_version)"
        + " VALUES ($1, $2, $3, $4, $5, $6)";
    Tuple t = Tuple.of(portalId, grade, score, Sql.utc(at), moved, modelVersion);
    if (!token.checked()) {
      return pool.preparedQuery(sql).execute(t).<Void>mapEmpty().recover(health::classify); // one statement, as before
    }
    return fence.inTransaction(pool, token, c -> c.preparedQuery(sql).execute(t).<Void>mapEmpty())
        .recover(health::classify);
  }

  /** Each portal's newest grade (of any model version). */
  public Future<Map<String, String>> latest() {
    return latest(null);
  }

  /**
   * Each portal's newest grade of scoring model {@code modelVersion} (null: any). A restart restores only grades
   * of the model now in use: a v1 grade is not the starting point of v2's hysteresis.
   */
  public Future<Map<String, String>> latest(Integer modelVersion) {
    return pool.preparedQuery("SELECT DISTINCT ON (portal_id) portal_id, grade FROM grade_history"
        + " WHERE $1::int IS NULL OR model_version = $1"
        + " ORDER BY portal_id, at DESC, id DESC").execute(Tuple.of(modelVersion)).map(rows -> {
          Map<String, String> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getString("portal_id"), r.getString("grade")));
          return out;
        });
  }

  /**
   * A portal's grades, newest first, as {@code {at, grade, score, modelVersion}} ({@code at} in ISO-8601 UTC).
   * Scores of two model versions are kept as they were and labelled, never recomputed or compared.
   */
  public Future<List<JsonObject>> history(String portalId, int limit) {
    return pool.preparedQuery("SELECT grade, score, at, model_version FROM grade_history WHERE portal_id = $1"
        + " ORDER BY at DESC, id DESC LIMIT $2").execute(Tuple.of(portalId, limit)).map(rows -> {
          List<JsonObject> out = new ArrayList<>(rows.size());
          for (Row r : rows) {
            out.add(new JsonObject().put("at", Sql.instant(r, "at").toString()).put("grade", r.getString("grade"))
                .put("score", r.getDouble("score")).put("modelVersion", r.getInteger("model_version")));
          }
          return out;
        });
  }

  /**
   * Every portal's grades since {@code since}, oldest first, each portal's trail opened by its last grade
   * before {@code since} (what it stood at when the window began): rows {@code {portal, at, grade, score}}.
   * One query for the whole fleet, for the wall's 7-day trend. With {@code modelVersion} given, only grades of
   * that scoring model: figures of two models never share one trend line.
   */
  public Future<List<JsonObject>> since(Instant since, Integer modelVersion) {
    return pool.preparedQuery("SELECT portal_id, grade, score, at FROM ("
        + " SELECT portal_id, grade, score, at, id FROM grade_history WHERE at >= $1"
        + "   AND ($2::int IS NULL OR model_version = $2)"
        + " UNION ALL (SELECT DISTINCT ON (portal_id) portal_id, grade, score, at, id FROM grade_history"
        + "   WHERE at < $1 AND ($2::int IS NULL OR model_version = $2) ORDER BY portal_id, at DESC, id DESC))"
        + " t ORDER BY portal_id, at, id")
        .execute(Tuple.of(Sql.utc(since), modelVersion)).map(rows -> {
          List<JsonObject> out = new ArrayList<>(rows.size());
          for (Row r : rows) {
            out.add(new JsonObject().put("portal", r.getString("portal_id")).put("at", Sql.instant(r, "at").toString())
                .put("grade", r.getString("grade")).put("score", r.getDouble("score")));
          }
          return out;
        });
  }
}
