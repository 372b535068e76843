package vn.dvcwatch.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Admin operations kept in memory, refusing unknown portals the way the real one does. */
final class FakeAdmin implements AdminActions {
  final Map<Long, JsonObject> windows = new ConcurrentHashMap<>();
  final AtomicLong ids = new AtomicLong();
  volatile boolean reloadOk = true;

  @Override
  public Future<JsonObject> addMaintenance(String portalId, Instant from, Instant to, String reason) {
    if (!known(portalId)) {
      return Future.failedFuture(new IllegalArgumentException("unknown portal " + portalId));
    }
    long id = ids.incrementAndGet();
    JsonObject w = new JsonObject().put("id", id).put("portal", portalId).put("from", from.toString())
        .put("to", to.toString()).put("reason", reason);
    windows.put(id, w);
    return Future.succeededFuture(w);
  }

  @Override
  public Future<JsonArray> maintenance() {
    return Future.succeededFuture(new JsonArray(new java.util.ArrayList<>(windows.values())));
  }

  @Override
  public Future<Boolean> deleteMaintenance(long id) {
    return Future.succeededFuture(windows.remove(id) != null);
  }

  @Override
  public Future<JsonObject> acknowledge(String portalId, String by, String note) {
    if (!known(portalId)) {
      return Future.failedFuture(new IllegalArgumentException("unknown portal " + portalId));
    }
    return Future.succeededFuture(new JsonObject().put("portal", portalId).put("by", by).put("note", note)
        .put("at", Instant.now().toString()));
  }

  @Override
  public Future<JsonObject> reloadRegistry() {
    return Future.succeededFuture(reloadOk ? new JsonObject().put("ok", true).put("portals", 6)
        : new JsonObject().put("ok", false).put("error", "portals.yaml line 3: duplicate id ha-noi"));
  }

  private static boolean known(String id) {
    for (String[] p : FakeBoard.FLEET) {
      if (p[0].equals(id)) {
        return true;
      }
    }
    return false;
  }
}
