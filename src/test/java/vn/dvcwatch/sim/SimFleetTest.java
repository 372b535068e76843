package vn.dvcwatch.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.registry.PortalKind;

/** A small fleet seen through the JDK's own TLS client: pages, files, the registry view. */
class SimFleetTest {
  @TempDir static Path dir;
  static Vertx vertx;
  static SimFleet fleet;
  static SSLContext trusting;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    List<Portal> names = List.of(new Portal("ha-noi", "Hà Nội", PortalKind.PROVINCE, null, null, "UBND Hà Nội",
        List.of(), 0.995, null, null, true));
    fleet = SimFleet.start(vertx, new SimOptions(12, TestFleet.freeBase(12), 2023, null, names, dir)).await();
    trusting = JdkClient.trusting(fleet.caFile());
  }

  @AfterAll
  static void stop() {
    fleet.close().await();
    vertx.close().await();
  }

  @Test
  void aValidPortalServesItsVietnameseHomepageOverTrustedTls() throws Exception {
    SimPortal p = first(CertPosture.VALID);
    try (SSLSocket s = JdkClient.tls(trusting, p.hostname(), p.httpsPort(), true)) {
      JdkClient.Response r = JdkClient.get(s, p.hostname(), "/", 1 << 20);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.text()).contains("Cổng Dịch vụ công " + p.name());
      assertThat(r.header("Set-Cookie")).startsWith(ResponseHeads.COOKIE_NAME + "=");
    }
    try (SSLSocket s = JdkClient.tls(trusting, p.hostname(), p.httpsPort(), true)) {
      JdkClient.Response r = JdkClient.get(s, p.hostname(), "/dich-vu-cong/ly-lich-tu-phap", 1 << 20);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.text()).contains("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp");
    }
  }

  @Test
  void aKeptAliveConnectionAnswersPipelinedRequestsInOrder() throws Exception {
    SimPortal p = first(CertPosture.VALID);
    fleet.setDelay(p.id(), java.time.Duration.ofMillis(1));
    try (SSLSocket s = JdkClient.tls(trusting, p.hostname(), p.httpsPort(), true)) {
      String host = "Host: " + p.hostname() + "\r\n";
      s.getOutputStream().write(("GET /khong-co HTTP/1.1\r\n" + host + "\r\nHEAD / HTTP/1.1\r\n" + host
          + "\r\nGET " + p.eform().getPath() + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      String all = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(all.split("HTTP/1.1 ", -1)).hasSize(4);
      assertThat(all.indexOf("HTTP/1.1 404")).isLessThan(all.indexOf("HTTP/1.1 200"));
      assertThat(all).contains("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp").doesNotContain("Tin tức, thông báo");
    } finally {
      fleet.setDelay(p.id(), java.time.Duration.ZERO);
    }
  }

  @Test
  void registryNamesAreReusedThenGenerated() throws Exception {
    assertThat(fleet.portals().get(0).hostname()).isEqualTo("ha-noi.sim.dvc.test");
    assertThat(fleet.portals().get(0).name()).isEqualTo("Hà Nội");
    assertThat(fleet.portals().get(1).id()).isEqualTo("p0002");
    assertThat(fleet.portals().get(1).name()).isEqualTo("Cổng giả lập 0002");
    Portal r = fleet.registry().get(0);
    assertThat(r.contacts()).containsExactly("cntt.ha-noi@sim.dvc.test");
    assertThat(r.verified()).isFalse();
    assertThat(r.homepage()).isEqualTo(fleet.portals().get(0).homepage());
    assertThat(Files.readString(fleet.hostsFile())).contains("127.0.0.1 ha-noi.sim.dvc.test\n");
    assertThat(fleet.hosts()).containsEntry("p0012.sim.dvc.test", "127.0.0.1").hasSize(12);
    assertThat(Files.readString(fleet.caFile())).startsWith("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void theSameSeedGivesTheSameFleet(@TempDir Path other) throws Exception {
    TestFleet same = TestFleet.start(12, 2023, other.resolve("same"));
    TestFleet different = TestFleet.start(12, 2024, other.resolve("different"));
    try {
      assertThat(same.fleet().portals().stream().map(SimPortal::posture))
          .containsExactlyElementsOf(fleet.portals().stream().map(SimPortal::posture).toList());
      assertThat(different.fleet().portals().stream().map(SimPortal::posture))
          .isNotEqualTo(fleet.portals().stream().map(SimPortal::posture).toList());
      assertThat(same.posture("p0005").getJsonObject("page"))
          .isEqualTo(started(fleet.manifestFile()).get("p0005").getJsonObject("posture").getJsonObject("page"));
    } finally {
      same.close();
      different.close();
    }
  }

  @Test
  void aPortalsPostureDependsOnlyOnSeedAndPlace() {
    for (SimPortal p : fleet.portals()) {
      assertThat(p.posture()).isEqualTo(PostureDraw.draw(2023, fleet.portals().indexOf(p)));
    }
  }

  private static java.util.Map<String, io.vertx.core.json.JsonObject> started(Path manifest) throws Exception {
    return new io.vertx.core.json.JsonObject(Files.readString(manifest)).getJsonArray("portals").stream()
        .map(io.vertx.core.json.JsonObject.class::cast)
        .collect(java.util.stream.Collectors.toMap(o -> o.getString("id"), o -> o));
  }

  static SimPortal first(CertPosture posture) {
    return fleet.portals().stream().filter(p -> p.posture().https() && p.posture().cert() == posture).findFirst()
        .orElseThrow(() -> new AssertionError("no " + posture + " portal in the test fleet"));
  }
}
