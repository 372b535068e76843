package vn.dvcwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.Cause;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.result.Target;

/** The history routes over real HTTP: the public one never carries an address. */
class AlertRoutesTest extends AlertFixture {

  @Test
  void publicHistoryHasSubjectsAndNoAddressesAdminHasRecipients() throws Exception {
    start();
    open(new Incident("r-1", "ha-noi", T0, null, Cause.TIMEOUT, Target.HOMEPAGE));
    mailbox.await(3);
    awaitQuiet();

    Router router = Router.router(vertx);
    AlertRoutes routes = new AlertRoutes(alerts);
    routes.mountPublic(router);
    routes.mountAdmin(router);
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    WebClient client = WebClient.create(vertx);
    try {
      int port = server.actualPort();
      HttpResponse<Buffer> pub = client.get(port, "127.0.0.1", "/api/v1/portals/ha-noi/alerts").send().await();
      assertThat(pub.statusCode()).isEqualTo(200);
      assertThat(pub.getHeader("Cache-Control")).contains("public");
      JsonArray items = pub.bodyAsJsonArray();
      assertThat(items).hasSize(1);
      assertThat(items.getJsonObject(0).getString("subject")).contains("quá thời gian chờ");
      assertThat(items.getJsonObject(0).getString("kind")).isEqualTo("down");
      assertThat(pub.bodyAsString()).doesNotContain("@");

      HttpResponse<Buffer> admin = client.get(port, "127.0.0.1", "/api/v1/admin/alerts?portal=ha-noi&limit=10").send().await();
      assertThat(admin.statusCode()).isEqualTo(200);
      assertThat(admin.bodyAsJsonArray()).hasSize(3);
      assertThat(admin.bodyAsString()).contains(CONTACT_1, CONTACT_2, NATIONAL);

      assertThat(client.get(port, "127.0.0.1", "/api/v1/admin/alerts?limit=abc").send().await().statusCode()).isEqualTo(400);
      assertThat(client.get(port, "127.0.0.1", "/api/v1/admin/alerts?limit=0").send().await().statusCode()).isEqualTo(400);
    } finally {
      client.close();
      server.close().await();
    }
  }
}
