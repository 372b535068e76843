package vn.dvcwatch.app;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.function.Supplier;
import vn.dvcwatch.registry.Fleet;
import vn.dvcwatch.store.MaintenanceWindow;
import vn.dvcwatch.store.Store;
import vn.dvcwatch.web.AdminActions;

/** The admin API's operations: maintenance windows and acknowledgements in the store, registry reload. */
final class AdminConsole implements AdminActions {
  private final Store store;
  private final Supplier<Future<Fleet>> reload;
  private final java.util.function.Predicate<String> known;

  AdminConsole(Store store, Supplier<Future<Fleet>> reload, java.util.function.Predicate<String> known) {
    this.store = store;
    this.reload = reload;
    this.known = known;
  }

  @Override
  public Future<JsonObject> addMaintenance(String portalId, Instant from, Instant to, String reason) {
    if (!known.test(portalId)) {
      return Future.failedFuture(new IllegalArgumentException("portalId: unknown portal \"" + portalId + "\""));
    }
    if (!to.isAfter(from)) {
      return Future.failedFuture(new IllegalArgumentException("to: must be after from"));
    }
    return store.maintenance().add(portalId, from, to, reason).map(AdminConsole::json);
  }

  @Override
  public Future<JsonArray> maintenance() {
    return store.maintenance().list().map(list -> new JsonArray(list.stream().map(AdminConsole::json).toList()));
  }

  @Override
  public Future<Boolean> deleteMaintenance(long id) {
    return store.maintenance().delete(id);
  }

  @Override
  public Future<JsonObject> acknowledge(String portalId, String by, String note) {
    if (!known.test(portalId)) {
      return Future.failedFuture(new IllegalArgumentException("portalId: unknown portal \"" + portalId + "\""));
    }
    return store.pool().preparedQuery(
            "INSERT INTO acknowledgement (portal_id, by_whom, note) VALUES ($1, $2, $3) RETURNING id, created_at")
        .execute(Tuple.of(portalId, by, note == null ? "" : note))
        .map(rows -> {
          var row = rows.iterator().next();
          return new JsonObject().put("id", row.getLong("id")).put("portalId", portalId).put("by", by)
              .put("note", note).put("at", row.getOffsetDateTime("created_at").toInstant().toString());
        });
  }

  @Override
  public Future<JsonObject> reloadRegistry() {
    return reload.get().map(f -> new JsonObject().put("ok", true).put("portals", f.portals().size()))
        .recover(e -> Future.succeededFuture(new JsonObject().put("ok", false).put("error", e.getMessage())));
  }

  private static JsonObject json(MaintenanceWindow w) {
    return new JsonObject().put("id", w.id()).put("portalId", w.portalId()).put("from", w.from().toString())
        .put("to", w.to().toString()).put("reason", w.reason());
  }
}
