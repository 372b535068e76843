package vn.dvcwatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dvcwatch.web.WebFixture.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

class AdminApiTest extends SharedWeb {
  static HttpRequest<Buffer> authed(HttpRequest<Buffer> req) {
    return req.putHeader("Authorization", "Bearer " + WebFixture.TOKEN);
  }

  static HttpResponse<Buffer> post(String path, String body) {
    return await(authed(web.client.post(path)).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body)));
  }

  static JsonObject window(String from, String to) {
    return new JsonObject().put("portal", "ha-noi").put("from", from).put("to", to).put("reason", "Nâng cấp máy chủ");
  }

  @Test
  void missingOrWrongTokenIs401() {
    HttpResponse<Buffer> none = await(web.client.get("/api/v1/admin/maintenance").send());
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.getHeader("WWW-Authenticate")).startsWith("Bearer");
    for (String auth : new String[] {"Bearer wrong", "Bearer " + WebFixture.TOKEN + "x", "Basic " + WebFixture.TOKEN,
        "Bearer ", WebFixture.TOKEN}) {
      HttpResponse<Buffer> r = await(web.client.get("/api/v1/admin/maintenance").putHeader("Authorization", auth).send());
      assertThat(r.statusCode()).as(auth).isEqualTo(401);
    }
    HttpResponse<Buffer> write = await(web.client.post("/api/v1/admin/registry/reload").send());
    assertThat(write.statusCode()).isEqualTo(401);
    assertThat(web.admin.windows).isEmpty();
  }

  @Test
  void withoutAConfiguredTokenTheAdminApiIsOff() {
    try (WebFixture off = new WebFixture(16, 10, 100, " ")) {
      HttpResponse<Buffer> r = await(off.client.get("/api/v1/admin/maintenance").putHeader("Authorization", "Bearer  ").send());
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.bodyAsJsonObject().getString("error")).contains("off");
    }
  }

  @Test
  void malformedBodiesAre400NamingTheField() {
    HttpResponse<Buffer> notJson = post("/api/v1/admin/maintenance", "{portal: ha-noi");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(post("/api/v1/admin/maintenance", "[1,2]").statusCode()).isEqualTo(400);
    assertThat(post("/api/v1/admin/maintenance", "").statusCode()).isEqualTo(400);
    HttpResponse<Buffer> badDate = post("/api/v1/admin/maintenance", window("tomorrow", "2026-12-01T02:00:00Z").encode());
    assertThat(badDate.statusCode()).isEqualTo(400);
    assertThat(badDate.bodyAsJsonObject().getString("field")).isEqualTo("from");
    HttpResponse<Buffer> reversed = post("/api/v1/admin/maintenance",
        window("2026-12-01T02:00:00Z", "2026-12-01T01:00:00Z").encode());
    assertThat(reversed.bodyAsJsonObject().getString("field")).isEqualTo("to");
    HttpResponse<Buffer> noPortal = post("/api/v1/admin/maintenance",
        window("2026-12-01T01:00:00Z", "2026-12-01T02:00:00Z").put("portal", 42).encode());
    assertThat(noPortal.bodyAsJsonObject().getString("field")).isEqualTo("portal");
    HttpResponse<Buffer> unknown = post("/api/v1/admin/maintenance",
        window("2026-12-01T01:00:00Z", "2026-12-01T02:00:00Z").put("portal", "khong-co").encode());
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.bodyAsJsonObject().getString("error")).contains("khong-co");
    HttpResponse<Buffer> noBy = post("/api/v1/admin/acknowledgements", new JsonObject().put("portal", "ha-noi").encode());
    assertThat(noBy.bodyAsJsonObject().getString("field")).isEqualTo("by");
    HttpResponse<Buffer> badId = await(authed(web.client.delete("/api/v1/admin/maintenance/abc")).send());
    assertThat(badId.statusCode()).isEqualTo(400);
    assertThat(web.admin.windows).isEmpty();
  }

  @Test
  void oversizedBodiesAre413() {
    String big = window("2026-12-01T01:00:00Z", "2026-12-01T02:00:00Z").put("reason", "x".repeat(20_000)).encode();
    assertThat(post("/api/v1/admin/maintenance", big).statusCode()).isEqualTo(413);
  }

  @Test
  void maintenanceWindowsAcknowledgementsAndReload() {
    HttpResponse<Buffer> added = post("/api/v1/admin/maintenance",
        window("2026-12-01T01:00:00Z", "2026-12-01T02:00:00Z").encode());
    assertThat(added.statusCode()).isEqualTo(201);
    long id = added.bodyAsJsonObject().getLong("id");
    assertThat(added.bodyAsJsonObject().getString("reason")).isEqualTo("Nâng cấp máy chủ");
    HttpResponse<Buffer> list = await(authed(web.client.get("/api/v1/admin/maintenance")).send());
    assertThat(list.bodyAsJsonArray()).hasSize(1);
    assertThat(list.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(await(authed(web.client.delete("/api/v1/admin/maintenance/" + id)).send()).statusCode()).isEqualTo(204);
    assertThat(await(authed(web.client.delete("/api/v1/admin/maintenance/" + id)).send()).statusCode()).isEqualTo(404);

    HttpResponse<Buffer> ack = post("/api/v1/admin/acknowledgements",
        new JsonObject().put("portal", "ha-noi").put("by", "Trực ban").put("note", "Đang xử lý").encode());
    assertThat(ack.statusCode()).isEqualTo(201);
    assertThat(ack.bodyAsJsonObject().getString("by")).isEqualTo("Trực ban");

    assertThat(post("/api/v1/admin/registry/reload", "").bodyAsJsonObject().getBoolean("ok")).isTrue();
    web.admin.reloadOk = false;
    HttpResponse<Buffer> rejected = post("/api/v1/admin/registry/reload", "");
    assertThat(rejected.statusCode()).isEqualTo(422);
    assertThat(rejected.bodyAsJsonObject().getString("error")).contains("duplicate id");
    web.admin.reloadOk = true;
  }
}
