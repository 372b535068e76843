package vn.dvcwatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.testkit.MeterRegistryLog;
import vn.dvcwatch.testkit.Poll;

/**
 * Vert.x's net-client meters are registered once: the database pool opens several connections at every start,
 * and the library's own meters registered the connections gauge again for each, which Micrometer logs as a
 * double registration (a warning the first time in a process, at debug level after that; both are captured).
 */
class VertxMetersTest {
  private MeterRegistryLog registryLog;

  @BeforeEach
  void capture() {
    registryLog = MeterRegistryLog.capture();
  }

  @AfterEach
  void release() {
    registryLog.close();
  }

  private List<String> doubleRegistrations() {
    return registryLog.doubleRegistrations();
  }

  /** Two clients with two connections each to a loopback server, as the pool and the mail client make them. */
  private static List<NetSocket> connect(Vertx vertx, NetServer server) throws Exception {
    List<NetSocket> sockets = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      NetClient client = vertx.createNetClient();
      for (int i = 0; i < 2; i++) {
        sockets.add(client.connect(server.actualPort(), "127.0.0.1").await(10, TimeUnit.SECONDS));
      }
    }
    return sockets;
  }

  /** The server stands for PostgreSQL or the SMTP server: on its own Vert.x, as they are in their own processes. */
  private static NetServer server(Vertx vertx) throws Exception {
    return vertx.createNetServer().connectHandler(s -> s.handler(s::write)).listen(0, "127.0.0.1")
        .await(10, TimeUnit.SECONDS);
  }

  @Test
  void netClientMetersAreRegisteredOnceAndCountEveryConnection() throws Exception {
    DvcMetrics metrics = new DvcMetrics();
    Vertx vertx = metrics.newVertx();
    Vertx remote = Vertx.vertx();
    try {
      List<NetSocket> sockets = connect(vertx, server(remote));
      assertThat(Poll.until(() -> metrics.scrape().contains("vertx_net_client_active_connections 4.0"),
          Duration.ofSeconds(10), Duration.ofMillis(50))).as(metrics.scrape()).isTrue();
      NetSocket first = sockets.get(0);
      io.vertx.core.Promise<Void> echoed = io.vertx.core.Promise.promise();
      first.handler(b -> echoed.tryComplete());
      first.write("ping").await(10, TimeUnit.SECONDS);
      echoed.future().await(10, TimeUnit.SECONDS);
      for (NetSocket s : sockets) {
        s.close().await(10, TimeUnit.SECONDS);
      }
      // Vert.x reports a connection's small byte counts when it closes
      assertThat(Poll.until(() -> metrics.scrape().contains("vertx_net_client_active_connections 0.0")
          && metrics.scrape().contains("vertx_net_client_bytes_read_total 4.0"),
          Duration.ofSeconds(10), Duration.ofMillis(50))).as(metrics.scrape()).isTrue();
      assertThat(metrics.scrape()).contains("vertx_net_client_bytes_written_total 4.0");
      assertThat(doubleRegistrations()).isEmpty();
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
      remote.close().await(30, TimeUnit.SECONDS);
    }
  }

  /**
   * The library builds the HTTP server's active-requests gauge again per request, and the active-connections gauges
   * of servers and clients again per connection; ours are registered once.
   */
  @Test
  void theHttpServersActiveRequestsGaugeIsRegisteredOnceAndCounts() throws Exception {
    DvcMetrics metrics = new DvcMetrics();
    Vertx vertx = metrics.newVertx();
    io.vertx.core.Promise<Void> release = io.vertx.core.Promise.promise();
    try {
      io.vertx.core.http.HttpServer server = vertx.createHttpServer().requestHandler(req -> {
        if (req.path().equals("/slow")) {
          release.future().onComplete(x -> req.response().end("late"));
        } else if (req.path().equals("/hold")) {
          vertx.setTimer(300, t -> req.response().end("held"));
        } else {
          req.response().end("ok");
        }
      }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.actualPort();
      var slow = http.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/slow")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      for (int i = 0; i < 3; i++) {
        http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/fast")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
      }
      assertThat(Poll.until(() -> metrics.scrape().contains("vertx_http_server_active_requests{method=\"GET\"} 1.0"),
          Duration.ofSeconds(10), Duration.ofMillis(50))).as(metrics.scrape()).isTrue();
      release.complete();
      slow.get(10, TimeUnit.SECONDS);
      assertThat(Poll.until(() -> metrics.scrape().contains("vertx_http_server_active_requests{method=\"GET\"} 0.0"),
          Duration.ofSeconds(10), Duration.ofMillis(50))).as(metrics.scrape()).isTrue();
      // and the HTTP client's connections (the alert channels' web client): two requests at once, two connections
      io.vertx.core.http.HttpClient client = vertx.createHttpClient();
      List<io.vertx.core.Future<io.vertx.core.buffer.Buffer>> both = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        both.add(client.request(io.vertx.core.http.HttpMethod.GET, server.actualPort(), "127.0.0.1", "/hold")
            .compose(req -> req.send()).compose(resp -> resp.body()));
      }
      io.vertx.core.Future.all(both).await(10, TimeUnit.SECONDS);
      assertThat(metrics.scrape()).contains("vertx_http_server_requests_total", "vertx_http_server_active_connections ",
          "vertx_http_client_active_connections 2.0").doesNotContain("library");
      assertThat(doubleRegistrations()).isEmpty();
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** Why the meters are ours: the library's, on the same connections, register the gauge again. */
  @Test
  void theLibrarysOwnNetClientMetersRegisterTheGaugeAgainPerConnection() throws Exception {
    DvcMetrics metrics = new DvcMetrics();
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(false)))
        .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
        .build();
    Vertx remote = Vertx.vertx();
    try {
      connect(vertx, server(remote));
      assertThat(doubleRegistrations()).isNotEmpty()
          .allSatisfy(m -> assertThat(m).contains("vertx.net.client.active.connections"));
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
      remote.close().await(30, TimeUnit.SECONDS);
    }
  }
}
