package vn.dvcwatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dvcwatch.web.WebFixture.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiTest extends SharedWeb {
  static HttpResponse<Buffer> get(String path) {
    return await(web.client.get(path).send());
  }

  @Test
  void rankingCarriesEveryFieldOfTheContract() {
    HttpResponse<Buffer> r = get("/api/v1/portals");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).startsWith("application/json");
    JsonArray list = r.bodyAsJsonArray();
    assertThat(list).hasSize(FakeBoard.FLEET.length);
    for (Object o : list) {
      assertThat(((JsonObject) o).fieldNames()).contains("id", "name", "kind", "status", "score", "grade", "rank",
          "uptime", "ttfbP75Ms", "totalP75Ms", "certDaysLeft", "checkedAt").doesNotContain("contacts");
      assertThat(((JsonObject) o).getJsonObject("uptime").fieldNames()).contains("24h", "30d");
    }
  }

  @Test
  void onePortalHasItsBreakdownAndUnknownIs404() {
    JsonObject p = get("/api/v1/portals/ha-noi").bodyAsJsonObject();
    assertThat(p.getString("name")).isEqualTo("Cổng Dịch vụ công Hà Nội");
    assertThat(p.getJsonArray("breakdown").getJsonObject(0).fieldNames())
        .contains("points", "max", "measurement", "hint");
    HttpResponse<Buffer> missing = get("/api/v1/portals/khong-co");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.bodyAsJsonObject().getString("error")).contains("khong-co");
  }

  @Test
  void historyAndSlaValidateTheirParameters() {
    assertThat(get("/api/v1/portals/ha-noi/history").bodyAsJsonArray()).isNotEmpty();
    HttpResponse<Buffer> bad = get("/api/v1/portals/ha-noi/history?from=yesterday");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getString("field")).isEqualTo("from");
    HttpResponse<Buffer> reversed = get("/api/v1/portals/ha-noi/history?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z");
    assertThat(reversed.statusCode()).isEqualTo(400);
    HttpResponse<Buffer> tooLong = get("/api/v1/portals/ha-noi/history?from=2026-01-01T00:00:00Z&to=2026-11-01T00:00:00Z");
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(get("/api/v1/portals/khong-co/history").statusCode()).isEqualTo(404);
    assertThat(get("/api/v1/sla?month=2026-11").bodyAsJsonArray()).hasSize(FakeBoard.FLEET.length);
    HttpResponse<Buffer> badMonth = get("/api/v1/sla?month=11-2026");
    assertThat(badMonth.statusCode()).isEqualTo(400);
    assertThat(badMonth.bodyAsJsonObject().getString("field")).isEqualTo("month");
  }

  @Test
  void noContactAddressInAnyPublicResponse() {
    // The fake read model carries contacts on purpose: the public side must strip them.
    assertThat(web.board.portals().encode()).contains("@");
    for (String path : List.of("/", "/status", "/status?lang=en", "/embed", "/portals/ha-noi", "/api/v1/portals",
        "/api/v1/portals/ha-noi", "/api/v1/portals/ha-noi/history", "/api/v1/sla", "/badge/ha-noi.svg",
        "/api/v1/openapi.yaml")) {
      HttpResponse<Buffer> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(r.bodyAsString()).as(path).doesNotContain("@").doesNotContain("gov.vn\"]");
    }
  }

  @Test
  void publicBodiesAreCacheableByEtag() {
    for (String path : List.of("/api/v1/portals", "/api/v1/portals/ha-noi", "/status", "/embed", "/badge/ha-noi.svg", "/")) {
      HttpResponse<Buffer> first = get(path);
      String etag = first.getHeader("ETag");
      assertThat(etag).as(path).isNotBlank();
      assertThat(first.getHeader("Cache-Control")).as(path).isNotBlank();
      HttpResponse<Buffer> again = await(web.client.get(path).putHeader("If-None-Match", etag).send());
      assertThat(again.statusCode()).as(path).isEqualTo(304);
      assertThat(again.body() == null || again.body().length() == 0).as(path).isTrue();
    }
    HttpResponse<Buffer> stale = await(web.client.get("/api/v1/portals").putHeader("If-None-Match", "\"old\"").send());
    assertThat(stale.statusCode()).isEqualTo(200);
  }

  @Test
  void rankingChangesWithTheNextEvent() {
    String before = get("/api/v1/portals").getHeader("ETag");
    web.board.set("da-nang", "status", "DOWN");
    web.hub.publish("status", new JsonObject().put("portal", "da-nang").put("from", "UP").put("to", "DOWN"));
    long until = System.currentTimeMillis() + 5000;
    String after = before;
    while (after.equals(before) && System.currentTimeMillis() < until) {
      after = get("/api/v1/portals").getHeader("ETag");
    }
    assertThat(after).isNotEqualTo(before);
    web.board.set("da-nang", "status", "UP");
  }

  @Test
  void corsAllowsGetFromAnyOriginButNotTheAdminApi() {
    HttpResponse<Buffer> r = await(web.client.get("/api/v1/portals").putHeader("Origin", "https://vnexpress.net").send());
    assertThat(r.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
    HttpResponse<Buffer> pre = await(web.client.request(HttpMethod.OPTIONS, "/api/v1/portals")
        .putHeader("Origin", "https://vnexpress.net").putHeader("Access-Control-Request-Method", "GET").send());
    assertThat(pre.statusCode()).isEqualTo(204);
    assertThat(pre.getHeader("Access-Control-Allow-Methods")).contains("GET").doesNotContain("POST");
    HttpResponse<Buffer> admin = await(web.client.get("/api/v1/admin/maintenance")
        .putHeader("Origin", "https://evil.example").send());
    assertThat(admin.getHeader("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void badgeShowsTheGradeAndUnknownIsA404Badge() {
    HttpResponse<Buffer> r = get("/badge/ha-noi.svg");
    assertThat(r.getHeader("Content-Type")).startsWith("image/svg+xml");
    assertThat(r.bodyAsString()).startsWith("<svg").contains("A · 95").doesNotContain("<style");
    HttpResponse<Buffer> unknown = get("/badge/khong-co.svg");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.getHeader("Content-Type")).startsWith("image/svg+xml");
    assertThat(unknown.bodyAsString()).contains("unknown portal");
    assertThat(get("/badge/ha-noi.png").statusCode()).isEqualTo(404);
  }

  @Test
  void securityHeadersOnEveryPage() {
    for (String path : List.of("/", "/portals/ha-noi", "/status", "/embed", "/privacy", "/badge/ha-noi.svg", "/api/v1/portals",
        "/assets/site.css", "/assets/uplot/uPlot.iife.min.js", "/khong-co", "/portals/khong-co", "/health/ready")) {
      HttpResponse<Buffer> r = get(path);
      String csp = r.getHeader("Content-Security-Policy");
      assertThat(csp).as(path).isNotNull().doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
      assertThat(r.getHeader("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(r.getHeader("Referrer-Policy")).as(path).isNotBlank();
      assertThat(r.getHeader("Strict-Transport-Security")).as(path).startsWith("max-age=");
      if (path.equals("/embed")) {
        assertThat(csp).contains("frame-ancestors *");
        assertThat(r.getHeader("X-Frame-Options")).isNull();
      } else {
        assertThat(csp).as(path).contains("frame-ancestors 'none'");
        assertThat(r.getHeader("X-Frame-Options")).as(path).isEqualTo("DENY");
      }
    }
  }

  @Test
  void unknownPagesAre404AndPathTricksGetNothing() {
    assertThat(get("/portals/khong-co").statusCode()).isEqualTo(404);
    assertThat(get("/api/v1/nothing").bodyAsJsonObject().getString("error")).contains("openapi");
    for (String path : List.of("/assets/../../../../etc/passwd", "/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/assets/..%2f..%2f..%2fetc/passwd", "/assets/uplot/../../../../../../etc/passwd", "/assets/%2e%2e%2fwebroot/index.html",
        "/assets/../404.html", "/assets/..\\..\\pom.xml")) {
      HttpResponse<Buffer> r = get(path);
      assertThat(r.statusCode()).as(path).isIn(400, 403, 404);
      assertThat(r.bodyAsString() == null ? "" : r.bodyAsString()).as(path).doesNotContain("root:");
    }
  }

  @Test
  void healthAndMetrics() {
    assertThat(get("/health/live").bodyAsJsonObject().getString("status")).isEqualTo("UP");
    web.readiness = "DEGRADED";
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    web.readiness = "DOWN";
    HttpResponse<Buffer> down = get("/health/ready");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.bodyAsJsonObject().getString("status")).isEqualTo("DOWN");
    web.readiness = "UP";
    HttpResponse<Buffer> m = get("/metrics");
    assertThat(m.getHeader("Content-Type")).startsWith("text/plain");
    assertThat(m.bodyAsString()).contains("dvc_up 1");
  }

  @Test
  void headAnswersLikeGetWithoutABody() {
    for (String path : List.of("/status", "/api/v1/portals", "/", "/health/ready")) {
      HttpResponse<Buffer> head = await(web.client.head(path).send());
      assertThat(head.statusCode()).as(path).isEqualTo(200);
      assertThat(head.body() == null || head.body().length() == 0).as(path).isTrue();
    }
    assertThat(await(web.client.head("/api/v1/portals").send()).getHeader("ETag")).isNotBlank();
  }

  @Test
  void aPortalNotYetProbedHasNullsEverywhereAndEveryPageStillRenders() {
    web.board.portals.add(new JsonObject().put("id", "moi").put("name", "Cổng mới").put("kind", "province")
        .putNull("status").putNull("score").putNull("grade").putNull("rank").putNull("uptime").putNull("ttfbP75Ms")
        .putNull("totalP75Ms").putNull("certDaysLeft").putNull("checkedAt"));
    web.hub.publish("snapshot", web.board.snapshot());
    try {
      assertThat(eventually("/status", "Cổng mới")).contains("Chưa rõ");
      eventually("/api/v1/portals", "Cổng mới");
      for (String path : List.of("/status", "/embed", "/api/v1/portals", "/badge/moi.svg", "/portals/moi")) {
        assertThat(get(path).statusCode()).as(path).isEqualTo(200);
      }
      assertThat(get("/badge/moi.svg").bodyAsString()).contains("chưa xếp loại");
    } finally {
      web.board.portals.removeIf(p -> p.getString("id").equals("moi"));
      web.hub.publish("snapshot", web.board.snapshot());
    }
  }

  @Test
  void openApiIsServed() {
    HttpResponse<Buffer> r = get("/api/v1/openapi.yaml");
    assertThat(r.getHeader("Content-Type")).startsWith("application/yaml");
    assertThat(r.bodyAsString()).contains("openapi: 3").contains("/api/v1/events").contains("/api/v1/admin/maintenance");
  }
}
