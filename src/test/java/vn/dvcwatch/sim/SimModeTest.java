package vn.dvcwatch.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outages and hostile behaviours, each seen by the JDK's own client on one portal with a valid certificate. */
class SimModeTest {
  @TempDir static Path dir;
  static TestFleet started;
  static SimFleet fleet;
  static SSLContext trusting;
  static SimPortal p;

  @BeforeAll
  static void start() throws Exception {
    started = TestFleet.start(12, 2023, dir);
    fleet = started.fleet();
    trusting = JdkClient.trusting(fleet.caFile());
    p = fleet.portals().stream().filter(x -> x.posture().https() && x.posture().cert() == CertPosture.VALID)
        .findFirst().orElseThrow();
  }

  @AfterAll
  static void stop() {
    started.close();
  }

  @BeforeEach
  void normalAndFast() {
    fleet.setMode(p.id(), SimMode.NORMAL).await();
    fleet.setDelay(p.id(), Duration.ofMillis(1)); // the portal's own latency is not what these tests look at
  }

  @Test
  void refusedReallyRefusesAndNormalListensAgain() throws Exception {
    for (int round = 0; round < 5; round++) { // the switch must hold the moment it completes, every time
      fleet.setMode(p.id(), SimMode.REFUSED).await();
      assertThatThrownBy(() -> JdkClient.plain(p.httpsPort()).close()).isInstanceOf(ConnectException.class);
      assertThatThrownBy(() -> JdkClient.plain(p.httpPort()).close()).isInstanceOf(ConnectException.class);
      fleet.setMode(p.id(), SimMode.NORMAL).await();
      assertThat(get("/").status()).isEqualTo(200);
    }
  }

  @Test
  void serverErrorsAreServerErrors() throws Exception {
    fleet.setMode(p.id(), SimMode.HTTP_500);
    assertThat(get("/").status()).isEqualTo(500);
    fleet.setMode(p.id(), SimMode.HTTP_503);
    JdkClient.Response r = get("/");
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.header("Retry-After")).isEqualTo("120");
    assertThat(r.text()).contains("bảo trì");
  }

  @Test
  void resetDropsTheConnectionWithoutAnAnswer() {
    fleet.setMode(p.id(), SimMode.RESET);
    assertThatThrownBy(() -> get("/")).isInstanceOf(IOException.class);
  }

  @Test
  void timeoutAcceptsAndNeverAnswers() throws Exception {
    fleet.setMode(p.id(), SimMode.TIMEOUT);
    try (SSLSocket s = JdkClient.tls(trusting, p.hostname(), p.httpsPort(), true)) {
      s.setSoTimeout(1000);
      assertThatThrownBy(() -> JdkClient.get(s, p.hostname(), "/", 1 << 16)).isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void resetMidHandshakeBreaksTls() {
    fleet.setMode(p.id(), SimMode.RESET_MID_HANDSHAKE);
    assertThatThrownBy(() -> JdkClient.tls(trusting, p.hostname(), p.httpsPort(), true).close())
        .isInstanceOf(IOException.class);
  }

  @Test
  void redirectLoopNeverArrives() throws Exception {
    fleet.setMode(p.id(), SimMode.REDIRECT_LOOP);
    String path = "/";
    for (int hop = 0; hop < 10; hop++) {
      JdkClient.Response r = get(path);
      assertThat(r.status()).isEqualTo(302);
      String location = r.header("Location");
      assertThat(location).startsWith("https://" + p.hostname() + ":" + p.httpsPort() + "/").isNotEqualTo(path);
      path = location.substring(location.indexOf('/', "https://".length()));
    }
  }

  @Test
  void gzipBombIsSmallAndInflatesHuge() throws Exception {
    fleet.setMode(p.id(), SimMode.GZIP_BOMB);
    JdkClient.Response r = get("/", 4 << 20);
    assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(r.body().length).isEqualTo(Integer.parseInt(r.header("Content-Length"))).isLessThan(2 << 20);
    int isize = ByteBuffer.wrap(r.body(), r.body().length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    assertThat(isize).isEqualTo(1 << 30);
    long inflated = 0;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
      byte[] buf = new byte[1 << 16];
      int n;
      while (inflated < (64L << 20) && (n = in.read(buf)) > 0) {
        inflated += n;
      }
    }
    assertThat(inflated).as("inflated from %d bytes", r.body().length).isGreaterThanOrEqualTo(64L << 20);
  }

  @Test
  void malformedStatusLineIsNotHttp() throws Exception {
    fleet.setMode(p.id(), SimMode.MALFORMED_STATUS);
    String first = get("/").head().lines().findFirst().orElseThrow();
    assertThat(first).startsWith("HTTP/1.1 ").doesNotMatch("HTTP/1\\.[01] \\d{3} .*");
  }

  @Test
  void hugeHeadersAreTenThousand() throws Exception {
    fleet.setMode(p.id(), SimMode.HUGE_HEADERS);
    JdkClient.Response r = get("/", 4 << 20);
    assertThat(r.head().split("\r\n")).hasSizeGreaterThan(10_000);
    assertThat(r.text()).isEqualTo("ok");
  }

  @Test
  void endlessBodyKeepsComing() throws Exception {
    fleet.setMode(p.id(), SimMode.ENDLESS_BODY);
    JdkClient.Response r = get("/", 8 << 20);
    assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
    assertThat(r.body().length).isGreaterThan(7 << 20);
  }

  @Test
  void slowDripSendsTheHeadThenAlmostNothing() throws Exception {
    fleet.setMode(p.id(), SimMode.SLOW_DRIP);
    try (SSLSocket s = JdkClient.tls(trusting, p.hostname(), p.httpsPort(), true)) {
      s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + p.hostname() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      s.setSoTimeout(300);
      long until = System.nanoTime() + 1_000_000_000L;
      StringBuilder seen = new StringBuilder();
      while (System.nanoTime() < until) {
        try {
          int c = s.getInputStream().read();
          assertThat(c).isNotNegative();
          seen.append((char) c);
        } catch (SocketTimeoutException quiet) {
          // the drip is slower than the poll
        }
      }
      int head = seen.indexOf("\r\n\r\n");
      assertThat(head).isPositive();
      assertThat(seen.substring(0, head)).contains("200 OK", "Content-Length: ");
      assertThat(seen.length() - head - 4).isBetween(1, 10);
    }
  }

  @Test
  void aFixedDelayHoldsTheFirstByteThatLong() throws Exception {
    fleet.setDelay(p.id(), Duration.ofMillis(300));
    try (SSLSocket s = JdkClient.tls(trusting, p.hostname(), p.httpsPort(), true)) {
      long sent = System.nanoTime();
      s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + p.hostname() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      assertThat(s.getInputStream().read()).isEqualTo('H');
      long ttfbMs = (System.nanoTime() - sent) / 1_000_000;
      assertThat(ttfbMs).isBetween(299L, 400L);
    }
  }

  @Test
  void modesApplyToThePlainPortToo() throws Exception {
    fleet.setMode(p.id(), SimMode.HTTP_500);
    try (Socket s = JdkClient.plain(p.httpPort())) {
      assertThat(JdkClient.get(s, p.hostname(), "/", 1 << 20).status()).isEqualTo(500);
    }
  }

  private static JdkClient.Response get(String path) throws Exception {
    return get(path, 1 << 20);
  }

  private static JdkClient.Response get(String path, int limit) throws Exception {
    try (SSLSocket s = JdkClient.tls(trusting, p.hostname(), p.httpsPort(), true)) {
      return JdkClient.get(s, p.hostname(), path, limit);
    }
  }
}
