package vn.dvcwatch.web;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.NoSuchElementException;
import vn.dvcwatch.alert.AlertRoutes;

/**
 * {@code /api/v1/admin/}: maintenance windows, acknowledgements, registry reload and the alert
 * deliveries, all behind {@link AdminGate}. Input is checked here, field by field, so a bad call is a
 * 400 naming the field and never reaches the watchdog; bodies are capped at 16 KB (413 beyond).
 */
final class AdminRoutes {
  static final long BODY_LIMIT = 16 * 1024;
  private static final int MAX_TEXT = 1000;

  private final AdminActions admin;
  private final AlertRoutes alerts;
  private final AdminGate gate;

  AdminRoutes(AdminActions admin, AlertRoutes alertsOrNull, String token) {
    this.admin = admin;
    this.alerts = alertsOrNull;
    this.gate = new AdminGate(token);
  }

  void mount(Router router) {
    router.route("/api/v1/admin/*").handler(gate);
    router.route("/api/v1/admin/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    router.get("/api/v1/admin/maintenance").handler(ctx -> reply(ctx, 200, admin.maintenance()));
    router.post("/api/v1/admin/maintenance").handler(this::addMaintenance);
    router.delete("/api/v1/admin/maintenance/:id").handler(this::deleteMaintenance);
    router.post("/api/v1/admin/acknowledgements").handler(this::acknowledge);
    router.post("/api/v1/admin/registry/reload").handler(ctx -> admin.reloadRegistry()
        .onSuccess(r -> Replies.json(ctx, r.getBoolean("ok", false) ? 200 : 422, r))
        .onFailure(e -> failed(ctx, e)));
    if (alerts != null) {
      alerts.mountAdmin(router);
    }
  }

  private void addMaintenance(RoutingContext ctx) {
    JsonObject body = body(ctx);
    if (body == null) {
      return;
    }
    String portal = text(ctx, body, "portal", true);
    Instant from = portal == null ? null : instant(ctx, body, "from");
    Instant to = from == null ? null : instant(ctx, body, "to");
    if (to == null) {
      return;
    }
    if (!from.isBefore(to)) {
      Replies.error(ctx, 400, "from must be before to", "to");
      return;
    }
    String reason = text(ctx, body, "reason", false);
    if (!ctx.response().ended()) {
      reply(ctx, 201, admin.addMaintenance(portal, from, to, reason == null ? "" : reason));
    }
  }

  private void deleteMaintenance(RoutingContext ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      Replies.error(ctx, 400, "id must be a whole number", "id");
      return;
    }
    admin.deleteMaintenance(id).onSuccess(found -> {
      if (found) {
        ctx.response().setStatusCode(204).end();
      } else {
        Replies.error(ctx, 404, "no maintenance window " + id, "id");
      }
    }).onFailure(e -> failed(ctx, e));
  }

  private void acknowledge(RoutingContext ctx) {
    JsonObject body = body(ctx);
    if (body == null) {
      return;
    }
    String portal = text(ctx, body, "portal", true);
    String by = portal == null ? null : text(ctx, body, "by", true);
    if (by == null) {
      return;
    }
    String note = text(ctx, body, "note", false);
    if (!ctx.response().ended()) {
      reply(ctx, 201, admin.acknowledge(portal, by, note == null ? "" : note));
    }
  }

  /** The JSON object body, or null after answering 400. */
  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        Replies.error(ctx, 400, "a JSON object body is required", null);
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      Replies.error(ctx, 400, "the body is not a JSON object", null);
      return null;
    }
  }

  /** A string field, or null (after answering 400 when it is malformed, or required and missing). */
  private static String text(RoutingContext ctx, JsonObject body, String field, boolean required) {
    Object v = body.getValue(field);
    if (v == null) {
      if (required) {
        Replies.error(ctx, 400, field + " is required", field);
      }
      return null;
    }
    if (!(v instanceof String s) || (required && s.isBlank()) || s.length() > MAX_TEXT) {
      Replies.error(ctx, 400, field + " must be a string of 1 to " + MAX_TEXT + " characters", field);
      return null;
    }
    return s.trim();
  }

  private static Instant instant(RoutingContext ctx, JsonObject body, String field) {
    String raw = text(ctx, body, field, true);
    if (raw == null) {
      return null;
    }
    try {
      return Instant.parse(raw);
    } catch (DateTimeParseException e) {
      Replies.error(ctx, 400, field + " must be an ISO-8601 instant such as 2025-07-01T22:00:00Z", field);
      return null;
    }
  }

  private static void reply(RoutingContext ctx, int status, Future<?> result) {
    result.onSuccess(r -> Replies.json(ctx, status, r)).onFailure(e -> failed(ctx, e));
  }

  private static void failed(RoutingContext ctx, Throwable e) {
    if (e instanceof IllegalArgumentException) {
      Replies.error(ctx, 400, e.getMessage(), null);
    } else if (e instanceof NoSuchElementException) {
      Replies.error(ctx, 404, e.getMessage(), null);
    } else {
      ctx.fail(e);
    }
  }
}
