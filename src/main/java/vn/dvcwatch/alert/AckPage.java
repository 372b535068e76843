package vn.dvcwatch.alert;

import static vn.dvcwatch.alert.VietnameseText.html;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.NoSuchElementException;
import java.util.function.Function;
import vn.dvcwatch.registry.Portal;

/**
 * The one-click acknowledgement of an outage email ({@code /ack/<token>}, docs/ALERTS.md) and the admin API's
 * acknowledgement of one incident. GET only shows a confirmation page with a button (mail scanners and link previews
 * open links, and must not acknowledge anything); the button's POST acknowledges. A link acknowledges once; a changed
 * link is refused (403), an expired one too (410). Pages in Vietnamese, never cached, never sending the token on as a
 * referrer.
 */
final class AckPage {
  private static final int MAX_NAME = 100;
  private final AckLinks links;
  private final Clock clock;
  private final Function<String, Portal> portals;

  AckPage(AckLinks links, Clock clock, Function<String, Portal> portals) {
    this.links = links;
    this.clock = clock;
    this.portals = portals;
  }

  void mountPublic(Router router) {
    router.get("/ack/:token").handler(this::confirm);
    router.post("/ack/:token").handler(BodyHandler.create(false).setBodyLimit(4096)).handler(this::acknowledge);
  }

  /** {@code POST /api/v1/admin/incidents/:id/acknowledge} with {@code {"by": "..."}}; behind the admin token. */
  void mountAdmin(Router router) {
    router.post("/api/v1/admin/incidents/:id/acknowledge").handler(ctx -> {
      JsonObject body;
      try {
        body = ctx.body().asJsonObject();
      } catch (RuntimeException e) {
        body = null;
      }
      String by = body == null ? null : body.getString("by");
      if (by == null || by.isBlank() || by.length() > MAX_NAME) {
        json(ctx, 400, new JsonObject().put("error", "by is required (who acknowledges, at most " + MAX_NAME + " characters)"));
        return;
      }
      links.acknowledge(ctx.pathParam("id"), by.trim(), "admin", clock.instant())
          .onSuccess(a -> json(ctx, a.created() ? 201 : 409, new JsonObject().put("incident", a.incidentId())
              .put("portal", a.portalId()).put("by", a.by()).put("at", a.at().toString()).put("created", a.created())))
          .onFailure(err -> {
            if (err instanceof NoSuchElementException) {
              json(ctx, 404, new JsonObject().put("error", "no such incident"));
            } else {
              ctx.fail(err);
            }
          });
    });
  }

  private void confirm(RoutingContext ctx) {
    AckLinks.Verdict v = links.verify(ctx.pathParam("token"), clock.instant());
    if (refused(ctx, v)) {
      return;
    }
    Future.all(links.existing(v.incidentId()), links.incident(v.incidentId())).onSuccess(all -> {
      AckLinks.Ack a = all.resultAt(0);
      AckLinks.Opened i = all.resultAt(1);
      if (a != null) {
        page(ctx, 200, "Sự cố đã được xác nhận", done(a));
        return;
      }
      if (i == null) {
        page(ctx, 404, "Không tìm thấy sự cố", "<p>Sự cố trong liên kết không còn trong hệ thống.</p>");
        return;
      }
      page(ctx, 200, "Xác nhận tiếp nhận sự cố",
          "<p>" + html(about(i)) + "</p>\n"
              + "<p>Bấm nút dưới đây để báo rằng đơn vị đã biết và đang xử lý sự cố. Cảnh báo sẽ không được chuyển lên"
              + " Văn phòng giám sát quốc gia nữa.</p>\n"
              + "<form method=\"post\"><p><label>Họ tên hoặc đơn vị của bạn: <input name=\"by\" maxlength=\"" + MAX_NAME
              + "\" autocomplete=\"name\"></label></p>\n<p><button type=\"submit\">Xác nhận đã tiếp nhận</button></p></form>");
    }).onFailure(ctx::fail);
  }

  private void acknowledge(RoutingContext ctx) {
    AckLinks.Verdict v = links.verify(ctx.pathParam("token"), clock.instant());
    if (refused(ctx, v)) {
      return;
    }
    String name = ctx.request().getFormAttribute("by");
    name = name == null || name.isBlank() ? "người nhận email" : name.trim();
    if (name.length() > MAX_NAME) {
      name = name.substring(0, MAX_NAME);
    }
    links.acknowledge(v.incidentId(), name + " (liên kết trong email)", "email_link", clock.instant())
        .onSuccess(a -> {
          if (a.created()) {
            page(ctx, 200, "Đã ghi nhận xác nhận", done(a) + "<p>Việc chuyển cấp cảnh báo đã dừng.</p>");
          } else {
            page(ctx, 409, "Sự cố đã được xác nhận trước đó", done(a));
          }
        })
        .onFailure(err -> {
          if (err instanceof NoSuchElementException) {
            page(ctx, 404, "Không tìm thấy sự cố", "<p>Sự cố trong liên kết không còn trong hệ thống.</p>");
          } else {
            ctx.fail(err);
          }
        });
  }

  private boolean refused(RoutingContext ctx, AckLinks.Verdict v) {
    switch (v.check()) {
      case TAMPERED -> page(ctx, 403, "Liên kết không hợp lệ",
          "<p>Liên kết này không đúng (có thể đã bị sửa hoặc chép thiếu). Hãy mở lại liên kết trong email cảnh báo.</p>");
      case EXPIRED -> page(ctx, 410, "Liên kết đã hết hạn",
          "<p>Liên kết xác nhận chỉ dùng được trong một thời gian. Hãy nhờ quản trị viên xác nhận qua API quản trị.</p>");
      default -> {
        return false;
      }
    }
    return true;
  }

  private String about(AckLinks.Opened i) {
    Portal p = portals.apply(i.portalId());
    return (p == null ? "Cổng " + i.portalId() : VietnameseText.portal(p)) + " gián đoạn từ " + VietnameseText.time(i.start())
        + (i.end() == null ? " (vẫn đang gián đoạn)." : " đến " + VietnameseText.time(i.end()) + ".");
  }

  private static String done(AckLinks.Ack a) {
    return "<p>" + html("Sự cố " + a.incidentId() + " đã được " + a.by() + " xác nhận lúc " + VietnameseText.time(a.at())
        + ".") + "</p>";
  }

  private static void page(RoutingContext ctx, int status, String title, String body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("content-type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store").putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Robots-Tag", "noindex")
        .end("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
            + " content=\"width=device-width\"><title>" + html(title) + " · dvc-watch</title></head>\n"
            + "<body style=\"font-family:sans-serif;max-width:40em;margin:2em auto\">\n<h1>" + html(title) + "</h1>\n"
            + body + "\n</body></html>\n");
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store").end(body.encode());
  }
}
