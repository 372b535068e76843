package vn.dvcwatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dvcwatch.web.WebFixture.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.alert.AlertRoutes;
import vn.dvcwatch.alert.AlertService;
import vn.dvcwatch.alert.AlertSettings;
import vn.dvcwatch.alert.MaintenanceCalendar;

/**
 * The alert room's routes are mounted where they belong: the public history beside the portal API,
 * the delivery log (with recipients) only behind the admin token. The pool points at a closed port:
 * what matters here is which requests reach the alert service at all.
 */
class AlertRoutesMountTest {
  @Test
  void deliveriesWithRecipientsNeedTheAdminToken() {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
          .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(1).setDatabase("none").setUser("none"))
          .using(vertx).build();
      AlertRoutes routes = new AlertRoutes(new AlertService(pool, AlertSettings.defaults(), MaintenanceCalendar.NONE,
          Clock.systemUTC()));
      try (WebFixture web = new WebFixture(16, 10, 100, WebFixture.TOKEN, routes)) {
        HttpResponse<Buffer> anonymous = await(web.client.get("/api/v1/admin/alerts").send());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<Buffer> badLimit = await(web.client.get("/api/v1/admin/alerts?limit=0")
            .putHeader("Authorization", "Bearer " + WebFixture.TOKEN).send());
        assertThat(badLimit.statusCode()).isEqualTo(400);
        HttpResponse<Buffer> publicHistory = await(web.client.get("/api/v1/portals/ha-noi/alerts").send());
        assertThat(publicHistory.statusCode()).isNotIn(401, 404);
        assertThat(publicHistory.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
      }
      await(pool.close());
    } finally {
      await(vertx.close());
    }
  }
}
