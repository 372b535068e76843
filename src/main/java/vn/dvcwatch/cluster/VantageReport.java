package vn.dvcwatch.cluster;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import vn.dvcwatch.status.PortalStatus;

/**
 * What one vantage sees of the fleet, as it sends it to every node over the clustered event bus: each
 * portal's status as that vantage confirmed it on its own, and whether the vantage abstains (most of its
 * fleet fails at once: its own network is suspect).
 *
 * @param at when the report was made, by the sender's clock (only differences to it are used)
 */
public record VantageReport(String vantage, String node, Instant at, boolean abstains, Map<String, Seen> portals) {

  /**
   * One portal from one vantage.
   *
   * @param checkedAt the vantage's latest homepage probe of it
   * @param downSince the first failure of the outage the vantage confirmed, null when it sees none
   */
  public record Seen(PortalStatus status, String cause, Instant checkedAt, Instant downSince) {}

  public VantageReport {
    portals = Map.copyOf(portals);
  }

  public JsonObject toJson() {
    JsonObject ps = new JsonObject();
    portals.forEach((id, s) -> ps.put(id, new JsonObject().put("status", s.status().name()).put("cause", s.cause())
        .put("checkedAt", s.checkedAt().toEpochMilli())
        .put("downSince", s.downSince() == null ? null : s.downSince().toEpochMilli())));
    return new JsonObject().put("vantage", vantage).put("node", node).put("at", at.toEpochMilli())
        .put("abstains", abstains).put("portals", ps);
  }

  public static VantageReport fromJson(JsonObject o) {
    Map<String, Seen> ps = new HashMap<>();
    JsonObject portals = o.getJsonObject("portals");
    for (String id : portals.fieldNames()) {
      JsonObject s = portals.getJsonObject(id);
      Long down = s.getLong("downSince");
      ps.put(id, new Seen(PortalStatus.valueOf(s.getString("status")), s.getString("cause"),
          Instant.ofEpochMilli(s.getLong("checkedAt")), down == null ? null : Instant.ofEpochMilli(down)));
    }
    return new VantageReport(o.getString("vantage"), o.getString("node"), Instant.ofEpochMilli(o.getLong("at")),
        o.getBoolean("abstains"), ps);
  }

  /**
   * The same report with its times moved onto the receiver's clock: the receiver knows when it arrived,
   * so a sender whose clock runs ahead or behind still reports how long ago it checked. The outage's
   * start ({@code downSince}) keeps the sender's time: it names the incident, and every leader must read
   * the same one.
   */
  VantageReport receivedAt(Instant now) {
    java.time.Duration shift = java.time.Duration.between(at, now);
    Map<String, Seen> moved = new HashMap<>();
    portals.forEach((id, s) -> moved.put(id, new Seen(s.status(), s.cause(), s.checkedAt().plus(shift), s.downSince())));
    return new VantageReport(vantage, node, now, abstains, moved);
  }
}
