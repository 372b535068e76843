package vn.dvcwatch.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The operations behind the admin bearer token. The web room validates input (fields, dates, sizes)
 * before calling; an implementation fails with {@link IllegalArgumentException} for a request it
 * refuses (unknown portal, ...), which becomes a 400 naming the problem.
 */
public interface AdminActions {
  Future<JsonObject> addMaintenance(String portalId, Instant from, Instant to, String reason);

  Future<JsonArray> maintenance();

  /** False when there was no such window. */
  Future<Boolean> deleteMaintenance(long id);

  Future<JsonObject> acknowledge(String portalId, String by, String note);

  /** Reloads the fleet file: {@code {ok, portals, error}}; a bad file keeps the running fleet. */
  Future<JsonObject> reloadRegistry();
}
