package vn.dvcwatch.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * What a page that has just opened wants to show at once: the latest changes (status, grade, rank,
 * incident events, newest first) and when each portal was last probed. Probe events are 98 % of the
 * stream but only move a "last checked" cell, so they are folded into {@link #takeChecked()} (the
 * coalesced {@code checked} event) instead of being kept here. Grade changes are kept apart from the rest,
 * so a busy hour of rank moves cannot push the day's grade changes out of the wall's strip. Guarded by the
 * hub's id lock.
 */
final class RecentEvents {
  private final int size;
  private final ArrayDeque<JsonObject> changes = new ArrayDeque<>();
  private final ArrayDeque<JsonObject> grades = new ArrayDeque<>();
  private Map<String, String> checked = new HashMap<>();

  RecentEvents(int size) {
    this.size = size;
  }

  void add(long id, String event, JsonObject data) {
    if ("probe".equals(event)) {
      String portal = data.getString("portal");
      String at = data.getString("at");
      if (portal != null && at != null) {
        checked.merge(portal, at, (a, b) -> a.compareTo(b) >= 0 ? a : b);
      }
      return;
    }
    if ("checked".equals(event) || "browser".equals(event)) { // not changes: a browser run is a measurement
      return;
    }
    ArrayDeque<JsonObject> list = "grade".equals(event) ? grades : changes;
    list.addFirst(new JsonObject().put("id", id).put("event", event).put("at", Instant.now().toString()).put("data", data));
    if (list.size() > size) {
      list.removeLast();
    }
  }

  /** Both lists, newest first. */
  JsonArray changes() {
    return new JsonArray(java.util.stream.Stream.concat(changes.stream(), grades.stream())
        .sorted(java.util.Comparator.comparingLong((JsonObject o) -> o.getLong("id")).reversed())
        .map(JsonObject::copy).toList());
  }

  /** The portals probed since the last call, with the newest probe time of each (null when none). */
  JsonObject takeChecked() {
    if (checked.isEmpty()) {
      return null;
    }
    JsonObject out = new JsonObject(new HashMap<>(checked));
    checked = new HashMap<>();
    return out;
  }
}
