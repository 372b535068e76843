package vn.dvcwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.Cause;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;

/** Servers that misbehave on purpose: every one is classified with its cause, within the bounds. */
class HostileServerTest {
  static final long MAX_BODY = 256 * 1024;
  static Vertx vertx;
  static Prober prober;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    prober = new Prober(vertx, new ProbeSettings(Duration.ofSeconds(1), Duration.ofMillis(1500), MAX_BODY,
        1024 * 1024, 5, 16 * 1024, List.of(), Map.of(), "dvc-watch-test", Duration.ofSeconds(10),
        Duration.ofHours(1)));
  }

  @AfterAll
  static void stop() {
    prober.close().await();
    vertx.close().await();
  }

  static ProbeResult probe(Consumer<NetSocket> server, String path) {
    NetServer s = TestSites.raw(vertx, server::accept);
    try {
      return prober.probe("hostile", Target.HOMEPAGE, URI.create("http://127.0.0.1:" + s.actualPort() + path)).await();
    } finally {
      s.close().await();
    }
  }

  /** Answers every request on the socket with {@code reply} once the request head has arrived. */
  static Consumer<NetSocket> replying(Consumer<NetSocket> reply) {
    return socket -> {
      StringBuilder head = new StringBuilder();
      socket.handler(b -> {
        head.append(b.toString());
        if (head.indexOf("\r\n\r\n") >= 0 && head.length() > 0) {
          head.setLength(0);
          head.append("done");
          reply.accept(socket);
        }
      });
    };
  }

  @Test
  void endlessBodyStopsAtTheCap() {
    ProbeResult r = probe(replying(socket -> {
      socket.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n");
      Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
      long timer = vertx.setPeriodic(1, t -> {
        if (!socket.writeQueueFull()) {
          socket.write(chunk);
        }
      });
      socket.closeHandler(v -> vertx.cancelTimer(timer));
    }), "/");
    assertThat(r.outcome()).isEqualTo(Outcome.DOWN);
    assertThat(r.cause()).isEqualTo(Cause.BODY_TOO_LARGE);
    assertThat(r.bytes()).isBetween(MAX_BODY, MAX_BODY + 64 * 1024);
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void slowDripHitsTheDeadline() {
    ProbeResult r = probe(replying(socket -> {
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
      long timer = vertx.setPeriodic(100, t -> socket.write("x"));
      socket.closeHandler(v -> vertx.cancelTimer(timer));
    }), "/");
    assertThat(r.outcome()).isEqualTo(Outcome.DOWN);
    assertThat(r.cause()).isEqualTo(Cause.TIMEOUT);
    assertThat(r.phases().ttfb()).isNotNull();
    assertThat(r.phases().total()).isBetween(1400.0, 3000.0);
  }

  @Test
  void gzipBombIsRefusedWithoutExpanding() throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        gz.write(zeros);
      }
    }
    byte[] bomb = zipped.toByteArray();
    assertThat(bomb.length).isLessThan((int) MAX_BODY);
    ProbeResult r = probe(replying(socket -> socket.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
        + "Content-Encoding: gzip\r\nContent-Length: " + bomb.length + "\r\n\r\n")
        .compose(v -> socket.write(Buffer.buffer(bomb)))), "/");
    assertThat(r.cause()).isEqualTo(Cause.DECOMPRESSION);
    assertThat(r.outcome()).isEqualTo(Outcome.DOWN);
  }

  @Test
  void gzipPageIsDecodedAndInspected() throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write(TestSites.PAGE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    byte[] body = zipped.toByteArray();
    ProbeResult r = probe(replying(socket -> socket.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
        + "Content-Encoding: gzip\r\nContent-Length: " + body.length + "\r\n\r\n")
        .compose(v -> socket.write(Buffer.buffer(body)))), "/");
    assertThat(r.outcome()).isEqualTo(Outcome.UP);
    assertThat(r.page().title()).isTrue();
    assertThat(r.page().privacyPolicyLink()).isTrue();
  }

  static Consumer<NetSocket> redirecting(java.util.function.Function<String, String> next) {
    return socket -> {
      StringBuilder head = new StringBuilder();
      socket.handler(b -> {
        head.append(b.toString());
        if (head.indexOf("\r\n\r\n") >= 0) {
          String path = head.toString().split(" ")[1];
          socket.write("HTTP/1.1 302 Found\r\nLocation: " + next.apply(path) + "\r\nContent-Length: 0\r\n\r\n");
          head.setLength(0);
        }
      });
    };
  }

  @Test
  void redirectLoopIsDetected() {
    ProbeResult r = probe(redirecting(path -> path.equals("/a") ? "/b" : "/a"), "/a");
    assertThat(r.cause()).isEqualTo(Cause.REDIRECT_LOOP);
    assertThat(r.redirects()).isEqualTo(2);
  }

  @Test
  void endlessRedirectsStopAtTheLimit() {
    ProbeResult r = probe(redirecting(path -> path + "x"), "/r");
    assertThat(r.cause()).isEqualTo(Cause.REDIRECT_LOOP);
    assertThat(r.redirects()).isEqualTo(5);
  }

  @Test
  void malformedStatusLine() {
    ProbeResult r = probe(replying(socket -> socket.write("HTTP/1.1 abc OK\r\n\r\n")), "/");
    assertThat(r.cause()).isEqualTo(Cause.MALFORMED);
    assertThat(r.outcome()).isEqualTo(Outcome.DOWN);
  }

  @Test
  void notHttpAtAll() {
    ProbeResult r = probe(replying(socket -> socket.write("SSH-2.0-OpenSSH_9.6\r\n\r\n").compose(v -> socket.end())), "/");
    assertThat(r.cause()).isIn(Cause.MALFORMED);
  }

  @Test
  void tenThousandHeadersAreCutOffAndClassified() {
    StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
    for (int i = 0; i < 10_000; i++) {
      head.append("X-Filler-").append(i).append(": ").append("v".repeat(10)).append("\r\n");
    }
    head.append("Content-Length: 0\r\n\r\n");
    ProbeResult r = probe(replying(socket -> socket.write(head.toString())), "/");
    assertThat(r.cause()).isEqualTo(Cause.MALFORMED);
    assertThat(r.headers()).isNull();
  }

  @Test
  void resetBeforeAnswering() {
    ProbeResult r = probe(socket -> socket.handler(b -> socket.close()), "/");
    assertThat(r.outcome()).isEqualTo(Outcome.DOWN);
    assertThat(r.cause()).isEqualTo(Cause.RESET);
    assertThat(r.phases().connect()).isNotNull();
    assertThat(r.phases().ttfb()).isNull();
  }

  @Test
  void refusedConnection() throws Exception {
    int port = vn.dvcwatch.testkit.LowPorts.one(); // nothing listens; below 32768 the probe cannot connect to itself
    ProbeResult r = prober.probe("gone", Target.HOMEPAGE, URI.create("http://127.0.0.1:" + port + "/")).await();
    assertThat(r.cause()).isEqualTo(Cause.CONNECT);
    assertThat(r.phases().connect()).isNull();
    assertThat(r.phases().dns()).isNull();
  }

  @Test
  void unknownNameIsADnsFailure() {
    ProbeResult r = prober.probe("nx", Target.HOMEPAGE, URI.create("https://no-such-portal.invalid/")).await();
    assertThat(r.outcome()).isEqualTo(Outcome.DOWN);
    assertThat(r.cause()).isEqualTo(Cause.DNS);
    assertThat(r.phases().connect()).isNull();
  }

  @Test
  void serverErrorsAndMissingPages() {
    ProbeResult r = probe(replying(s -> s.write("HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n")), "/");
    assertThat(r.outcome()).isEqualTo(Outcome.DOWN);
    assertThat(r.cause()).isEqualTo(Cause.HTTP_5XX);
    NetServer s = TestSites.raw(vertx, replying(x -> x.write("HTTP/1.1 404 Nope\r\nContent-Length: 0\r\n\r\n"))::accept);
    ProbeResult eform = prober.probe("p", Target.EFORM, URI.create("http://127.0.0.1:" + s.actualPort() + "/f")).await();
    assertThat(eform.outcome()).isEqualTo(Outcome.DEGRADED);
    assertThat(eform.cause()).isEqualTo(Cause.HTTP_4XX);
    s.close().await();
  }
}
