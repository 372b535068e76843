package vn.dvcwatch.alert;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.dvcwatch.status.Incident;

/**
 * Who acknowledged which incident, for the portal page and the monthly report (one rule for both). Rows of the
 * {@code acknowledgement} table: with an incident id (the signed email link, the admin API's incident route) or
 * without (the admin API's portal acknowledgement, which covers whatever was open at the time).
 */
public final class Acknowledgements {
  private Acknowledgements() {}

  /** One acknowledgement; {@code incidentId} null for a portal acknowledgement. */
  public record Acknowledgement(String portalId, String by, Instant at, String incidentId) {}

  /** Acknowledgements made in [from, to), by portal, oldest first; of one portal when {@code portalId} is not null. */
  public static Future<Map<String, List<Acknowledgement>>> between(SqlClient c, String portalId, Instant from, Instant to) {
    return c.preparedQuery("SELECT portal_id, by_whom, created_at, incident_id FROM acknowledgement"
        + " WHERE created_at >= $1 AND created_at < $2 AND ($3::text IS NULL OR portal_id = $3) ORDER BY created_at, id")
        .execute(Tuple.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), portalId)).map(rows -> {
          Map<String, List<Acknowledgement>> out = new HashMap<>();
          for (Row r : rows) {
            out.computeIfAbsent(r.getString("portal_id"), k -> new ArrayList<>()).add(new Acknowledgement(
                r.getString("portal_id"), r.getString("by_whom"), r.getOffsetDateTime("created_at").toInstant(),
                r.getString("incident_id")));
          }
          return out;
        });
  }

  /**
   * The acknowledgement of an incident: the one naming it, even when it came after the end; else the first portal
   * acknowledgement made while it lasted; else null.
   */
  public static Acknowledgement of(Incident i, List<Acknowledgement> acks) {
    for (Acknowledgement k : acks) {
      if (i.id().equals(k.incidentId())) {
        return k;
      }
    }
    for (Acknowledgement k : acks) {
      if (k.incidentId() == null && !k.at().isBefore(i.start()) && (i.end() == null || k.at().isBefore(i.end()))) {
        return k;
      }
    }
    return null;
  }
}
