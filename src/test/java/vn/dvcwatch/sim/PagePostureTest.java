package vn.dvcwatch.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Headers, cookies, pages and the plain-HTTP port of every portal match the manifest. */
class PagePostureTest {
  @TempDir static Path dir;
  static TestFleet started;
  static SimFleet fleet;
  static Map<String, JsonObject> manifest;
  static SSLContext anything;

  @BeforeAll
  static void start() throws Exception {
    started = TestFleet.start(40, 11, dir);
    fleet = started.fleet();
    manifest = started.manifest();
    anything = JdkClient.trustingAnything();
    fleet.portals().forEach(p -> fleet.setDelay(p.id(), Duration.ofMillis(1))); // not what is tested here
  }

  @AfterAll
  static void stop() {
    started.close();
  }

  @Test
  void theFleetHasEveryPlainHttpPosture() {
    assertThat(fleet.portals().stream().map(p -> p.posture().plainHttp()).distinct())
        .containsExactlyInAnyOrder(PlainHttp.values());
  }

  @Test
  void headersAndCookiesAreWhatTheManifestSays() throws Exception {
    for (SimPortal p : fleet.portals()) {
      JsonObject m = started.posture(p.id());
      JsonObject h = m.getJsonObject("headers");
      JdkClient.Response r = homepage(p);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Strict-Transport-Security") != null).as(p.id() + " hsts").isEqualTo(h.getBoolean("hsts"));
      assertThat(r.header("Content-Security-Policy") != null).as(p.id() + " csp").isEqualTo(h.getBoolean("csp"));
      assertThat(r.header("X-Frame-Options") != null).isEqualTo(h.getBoolean("xFrameOptions"));
      assertThat("nosniff".equals(r.header("X-Content-Type-Options"))).isEqualTo(h.getBoolean("xContentTypeOptions"));
      assertThat(r.header("Referrer-Policy") != null).isEqualTo(h.getBoolean("referrerPolicy"));
      assertThat(r.header("Server")).isEqualTo(h.getString("server"));
      assertThat(r.header("Server").matches(".*/\\d.*")).as(p.id() + " version").isEqualTo(h.getBoolean("serverVersionLeak"));
      JsonObject c = m.getJsonObject("cookie");
      String cookie = r.header("Set-Cookie");
      assertThat(cookie.contains("; Secure")).as(p.id() + " secure").isEqualTo(c.getBoolean("secure"));
      assertThat(cookie.contains("; HttpOnly")).isEqualTo(c.getBoolean("httpOnly"));
      assertThat(cookie.contains("; SameSite=")).isEqualTo(c.getBoolean("sameSite"));
    }
  }

  @Test
  void pagesAreWhatTheManifestSays() throws Exception {
    for (SimPortal p : fleet.portals()) {
      JsonObject m = started.posture(p.id()).getJsonObject("page");
      Document home = Jsoup.parse(homepage(p).text());
      assertThat(home.selectFirst("html").hasAttr("lang")).as(p.id() + " lang").isEqualTo(m.getBoolean("lang"));
      assertThat(home.selectFirst("title") != null).as(p.id() + " title").isEqualTo(m.getBoolean("title"));
      Element viewport = home.selectFirst("meta[name=viewport]");
      assertThat(viewport != null).isEqualTo(m.getBoolean("viewport"));
      assertThat(viewport != null && viewport.attr("content").contains("user-scalable=no"))
          .isEqualTo(m.getBoolean("zoomBlocked"));
      assertThat(home.select("a:contains(Chính sách bảo vệ dữ liệu cá nhân)")).as(p.id() + " privacy")
          .hasSize(m.getBoolean("privacyLink") ? 1 : 0);
      assertThat(home.select("img:not([alt])")).hasSize(m.getJsonObject("homepage").getInteger("imagesWithoutAlt"));
      Document eform = Jsoup.parse(get(p, p.eform().getPath()).text());
      assertThat(eform.select("img:not([alt])")).hasSize(m.getJsonObject("eform").getInteger("imagesWithoutAlt"));
      long unlabeled = eform.select("input").stream()
          .filter(i -> i.id().isEmpty() || eform.select("label[for=" + i.id() + "]").isEmpty()).count();
      assertThat(unlabeled).as(p.id() + " unlabeled").isEqualTo(m.getJsonObject("eform").getLong("unlabeledFields"));
    }
  }

  @Test
  void thePlainPortRedirectsServesOrIsAllThereIs() throws Exception {
    for (SimPortal p : fleet.portals()) {
      JdkClient.Response r;
      try (Socket s = JdkClient.plain(p.httpPort())) {
        r = JdkClient.get(s, p.hostname(), "/", 1 << 20);
      }
      switch (p.posture().plainHttp()) {
        case REDIRECT -> {
          assertThat(r.status()).isEqualTo(301);
          assertThat(r.header("Location")).isEqualTo(p.homepage().toString());
        }
        case CONTENT -> assertThat(r.status()).isEqualTo(200);
        case ONLY -> {
          assertThat(r.status()).isEqualTo(200);
          assertThat(p.homepage().getScheme()).isEqualTo("http");
          assertThat(started.posture(p.id()).getValue("tls")).isNull();
        }
      }
    }
  }

  @Test
  void aPortalWithoutHttpsRefusesTls() {
    SimPortal p = fleet.portals().stream().filter(x -> !x.posture().https()).findFirst().orElseThrow();
    assertThat(p.httpsPort()).isZero();
    assertThat(p.homepage().getPort()).isEqualTo(p.httpPort());
    assertThat(manifest.get(p.id()).getJsonObject("ports").getValue("https")).isNull();
  }

  @Test
  void unknownPagesAreVietnamese404s() throws Exception {
    SimPortal p = fleet.portals().get(0);
    JdkClient.Response r = get(p, "/khong-co");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.text()).contains("Không tìm thấy trang");
  }

  private static JdkClient.Response homepage(SimPortal p) throws Exception {
    return get(p, "/");
  }

  private static JdkClient.Response get(SimPortal p, String path) throws Exception {
    if (!p.posture().https()) {
      try (Socket s = JdkClient.plain(p.httpPort())) {
        return JdkClient.get(s, p.hostname(), path, 1 << 20);
      }
    }
    try (SSLSocket s = JdkClient.tls(anything, p.hostname(), p.httpsPort(), false)) {
      return JdkClient.get(s, p.hostname(), path, 1 << 20);
    }
  }
}
