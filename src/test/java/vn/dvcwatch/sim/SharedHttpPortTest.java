package vn.dvcwatch.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.registry.PortalKind;

/** Large fleets share one plain-HTTP port; the Host header picks the portal. */
class SharedHttpPortTest {
  Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void theHostHeaderPicksThePortal() throws Exception {
    int base = TestFleet.freeBase(3);
    List<PortalServer> servers = List.of(server(0, "mot", base), server(1, "hai", base));
    SharedHttpPort shared = new SharedHttpPort(vertx, Map.of("mot.sim.dvc.test", servers.get(0),
        "hai.sim.dvc.test", servers.get(1)));
    int port = shared.listen(base + 4).await();
    servers.forEach(s -> s.shareHttpPort(port));
    servers.forEach(s -> s.start().await());
    for (PortalServer s : servers) {
      s.setDelay(java.time.Duration.ofMillis(1));
      try (Socket c = JdkClient.plain(port)) {
        JdkClient.Response r = JdkClient.get(c, s.hostname + ":" + port, "/", 1 << 20);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).contains("Cổng Dịch vụ công Cổng " + s.id);
      }
      assertThat(s.portal().httpPort()).isEqualTo(port);
    }
    try (Socket c = JdkClient.plain(port)) {
      assertThat(JdkClient.get(c, "khac.sim.dvc.test", "/", 1 << 16).status()).isEqualTo(421);
    }
    servers.get(0).setMode(SimMode.HTTP_503).await();
    try (Socket c = JdkClient.plain(port)) {
      assertThat(JdkClient.get(c, "mot.sim.dvc.test", "/", 1 << 20).status()).isEqualTo(503);
    }
    shared.close().await();
  }

  private PortalServer server(int index, String id, int base) {
    SimPosture content = PostureDraw.draw(1, 0);
    SimPosture plain = new SimPosture(content.cert(), content.daysLeft(), false, PlainHttp.ONLY, content.headers(),
        content.cookie(), content.page(), content.latency());
    return new PortalServer(vertx, new FleetTls(), index, id, "Cổng " + id, PortalKind.PROVINCE, "x", plain, base);
  }
}
