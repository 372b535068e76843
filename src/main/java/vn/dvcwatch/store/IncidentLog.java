package vn.dvcwatch.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import vn.dvcwatch.cluster.Fence;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.status.PortalStatus;

/**
 * Incidents and status transitions. Opening or closing an incident commits in one transaction with what
 * the caller adds (the alert outbox rows), so an alert exists exactly when its incident does (R1). Both
 * writes are idempotent by incident id: a replay after a crash changes nothing, and so does a retry after
 * a {@link DatabaseUnavailableException} (the failure of every write here while the database is away).
 *
 * <p>In a cluster, the leader writes through {@link #fenced}: each write's transaction first checks the
 * decision's epoch ({@link Fence}), so a deposed or thawed leader's late decision writes nothing, not
 * even its alert rows, and fails with {@code StaleLeaderException} (a refusal: never retried).
 */
public final class IncidentLog {
  private static final String COLUMNS = "id, portal_id, target, cause, started_at, ended_at";
  private static final String UPSERT = "INSERT INTO incident (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6)"
      + " ON CONFLICT (id) DO ";

  private final Pool pool;
  private final DbHealth health;
  private final Fence fence;
  private final Fence.Token token;

  IncidentLog(Pool pool, DbHealth health) {
    this(pool, health, Fence.single(), Fence.single().token());
  }

  private IncidentLog(Pool pool, DbHealth health, Fence fence, Fence.Token token) {
    this.pool = pool;
    this.health = health;
    this.fence = fence;
    this.token = token;
  }

  /** The same log, whose writes check first that {@code token}'s epoch still leads. */
  public IncidentLog fenced(Fence by, Fence.Token decidedUnder) {
    return new IncidentLog(pool, health, by, decidedUnder);
  }

  /** Writes the incident and, in the same transaction, whatever {@code alsoInTx} writes. */
  public Future<Void> open(Incident i, Function<SqlClient, Future<Void>> alsoInTx) {
    return inTx(UPSERT + "NOTHING", i, alsoInTx);
  }

  /** Writes what {@code work} writes (a flapping notice) in one transaction, fenced like the incidents. */
  public Future<Void> write(Function<SqlClient, Future<Void>> work) {
    return fence.inTransaction(pool, token, work::apply).recover(health::classify);
  }

  /** Records the incident's end (inserting it whole if its opening never reached the database). */
  public Future<Void> close(Incident i, Function<SqlClient, Future<Void>> alsoInTx) {
    if (i.end() == null) {
      return Future.failedFuture(new IllegalArgumentException("incident " + i.id() + " has no end"));
    }
    return inTx(UPSERT + "UPDATE SET ended_at = EXCLUDED.ended_at", i, alsoInTx);
  }

  private Future<Void> inTx(String sql, Incident i, Function<SqlClient, Future<Void>> alsoInTx) {
    Tuple t = Tuple.of(i.id(), i.portalId(), i.target() == null ? null : i.target().label(), i.cause(),
        Sql.utc(i.start()), Sql.utc(i.end()));
    return fence.inTransaction(pool, token, c -> c.preparedQuery(sql).execute(t)
        .compose(x -> alsoInTx == null ? Future.<Void>succeededFuture() : alsoInTx.apply(c)))
        .recover(health::classify);
  }

  /** Incidents not yet closed, oldest first: rebuilt into the probe engine's state after a restart. */
  public Future<List<Incident>> openIncidents() {
    return pool.query("SELECT " + COLUMNS + " FROM incident WHERE ended_at IS NULL ORDER BY started_at, id")
        .execute().map(IncidentLog::incidents);
  }

  /** A portal's incidents, newest first. */
  public Future<List<Incident>> forPortal(String portalId, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM incident WHERE portal_id = $1"
        + " ORDER BY started_at DESC, id DESC LIMIT $2").execute(Tuple.of(portalId, limit)).map(IncidentLog::incidents);
  }

  /** Incidents overlapping [from, to), all portals, oldest first: the SLA's raw material. */
  Future<List<Incident>> overlapping(Instant from, Instant to) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM incident WHERE started_at < $2"
        + " AND (ended_at IS NULL OR ended_at > $1) ORDER BY started_at, id")
        .execute(Tuple.of(Sql.utc(from), Sql.utc(to))).map(IncidentLog::incidents);
  }

  /** Records a change of a portal's confirmed status. */
  public Future<Void> transition(String portalId, PortalStatus from, PortalStatus to, String cause, Instant at) {
    Tuple t = Tuple.of(portalId, from.name(), to.name(), cause, Sql.utc(at));
    String sql = "INSERT INTO status_transition (portal_id, from_status, to_status, cause, at) VALUES ($1, $2, $3, $4, $5)";
    if (!token.checked()) {
      return pool.preparedQuery(sql).execute(t).<Void>mapEmpty().recover(health::classify); // one statement, as before
    }
    return fence.inTransaction(pool, token, c -> c.preparedQuery(sql).execute(t).<Void>mapEmpty()).recover(health::classify);
  }

  /** Each portal's status after its newest transition. */
  public Future<Map<String, PortalStatus>> lastStatuses() {
    return pool.query("SELECT DISTINCT ON (portal_id) portal_id, to_status FROM status_transition"
        + " ORDER BY portal_id, at DESC, id DESC").execute().map(rows -> {
          Map<String, PortalStatus> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getString("portal_id"), PortalStatus.valueOf(r.getString("to_status"))));
          return out;
        });
  }

  static List<Incident> incidents(RowSet<Row> rows) {
    List<Incident> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      String target = r.getString("target");
      out.add(new Incident(r.getString("id"), r.getString("portal_id"), Sql.instant(r, "started_at"),
          Sql.instant(r, "ended_at"), r.getString("cause"), target == null ? null : Target.fromLabel(target)));
    }
    return out;
  }
}
