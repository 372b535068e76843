package vn.dvcwatch.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;

/**
 * The alert-history routes; the web room mounts them. The public route shows what was alerted and
 * when, never to whom; the admin route shows every delivery and must be mounted behind the admin
 * bearer-token check.
 */
public final class AlertRoutes {
  private final AlertService alerts;

  public AlertRoutes(AlertService alerts) {
    this.alerts = alerts;
  }

  /**
   * {@code GET /api/v1/portals/:id/alerts}: the portal's recent alerts, for {@code /portals/{id}}; and the signed
   * acknowledgement link's pages ({@code /ack/:token}).
   */
  public void mountPublic(Router router) {
    alerts.ackPage().mountPublic(router); // /ack/:token, the signed link of outage emails
    router.get("/api/v1/portals/:id/alerts").handler(ctx -> alerts.history(ctx.pathParam("id"))
        .onSuccess(list -> {
          ctx.response().putHeader("Cache-Control", "public, max-age=30");
          reply(ctx, list, AlertSummary::toJson);
        })
        .onFailure(ctx::fail));
  }

  /**
   * {@code GET /api/v1/admin/alerts?portal=&limit=}: outbox rows with recipients (a channel by its name, never its URL
   * or token), attempts, last errors; and {@code POST /api/v1/admin/incidents/:id/acknowledge}.
   */
  public void mountAdmin(Router router) {
    alerts.ackPage().mountAdmin(router); // POST /api/v1/admin/incidents/:id/acknowledge
    router.get("/api/v1/admin/alerts").handler(ctx -> {
      Integer limit = limit(ctx.request().getParam("limit"));
      if (limit == null) {
        ctx.response().setStatusCode(400).putHeader("content-type", "application/json; charset=utf-8")
            .end(new JsonObject().put("error", "limit must be a whole number from 1 to 1000").encode());
        return;
      }
      alerts.adminHistory(ctx.request().getParam("portal"), limit)
          .onSuccess(list -> {
            ctx.response().putHeader("Cache-Control", "no-store");
            reply(ctx, list, AlertDelivery::toJson);
          })
          .onFailure(ctx::fail);
    });
  }

  private static Integer limit(String raw) {
    if (raw == null) {
      return 100;
    }
    try {
      int n = Integer.parseInt(raw.trim());
      return n >= 1 && n <= 1000 ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static <T> void reply(RoutingContext ctx, List<T> items, Function<T, JsonObject> json) {
    JsonArray out = new JsonArray();
    items.forEach(i -> out.add(json.apply(i)));
    ctx.response().putHeader("content-type", "application/json; charset=utf-8").end(out.encode());
  }
}
