package vn.dvcwatch.sim;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * The responses a watchdog must survive (R4 of docs/RELIABILITY.md): a body that never ends, a gzip bomb, a redirect
 * loop, a status line that is not HTTP, ten thousand headers. Each is written with flow control or is
 * small, so the simulator itself stays bounded while the client suffers.
 */
final class HostileResponses {
  static final int HUGE_HEADER_COUNT = 10_000;
  static final String LOOP_A = "/chuyen-huong/a";
  static final String LOOP_B = "/chuyen-huong/b";
  private static final Buffer ENDLESS_CHUNK = endlessChunk();
  private static final int CHUNKS_PER_TURN = 16;

  private final PortalServer server;
  private final SimConnection connection;

  HostileResponses(PortalServer server, SimConnection connection) {
    this.server = server;
    this.connection = connection;
  }

  void endlessBody() {
    connection.socket().write(latin1(server.heads.statusLine(200, "OK")
        .append("Content-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")));
    writeChunks();
  }

  /**
   * Writes until the client stops reading (then waits for drain), a batch at a time so that one fast
   * reader cannot hold the event loop; stops when the connection is gone.
   */
  private void writeChunks() {
    var socket = connection.socket();
    for (int i = 0; i < CHUNKS_PER_TURN; i++) {
      if (!connection.open()) {
        return;
      }
      if (socket.writeQueueFull()) {
        socket.drainHandler(v -> writeChunks());
        return;
      }
      socket.write(ENDLESS_CHUNK.copy());
    }
    server.vertx.runOnContext(v -> writeChunks());
  }

  void gzipBomb(RequestHead head) {
    connection.send(head, 200, "OK", "text/html; charset=utf-8", Buffer.buffer(GzipBomb.bytes()), false,
        "Content-Encoding: gzip\r\n");
  }

  /** Two addresses that redirect to each other, whatever the client asks first. */
  void redirectLoop(RequestHead head) {
    String next = head.path().equals(LOOP_A) ? LOOP_B : LOOP_A;
    String origin = (connection.tls() ? "https://" : "http://") + server.hostname + ":"
        + (connection.tls() ? server.httpsPort() : server.httpPort());
    connection.redirect(head, 302, "Found", origin + next);
  }

  void malformedStatus() {
    connection.socket().write(Buffer.buffer("HTTP/1.1 2OO Được\r\nServer: " + server.heads.server()
        + "\r\nContent-Type text/html\r\nContent-Length: 2\r\n\r\nok", "UTF-8"));
    connection.socket().close();
  }

  void hugeHeaders() {
    StringBuilder h = server.heads.statusLine(200, "OK");
    for (int i = 0; i < HUGE_HEADER_COUNT; i++) {
      h.append("X-Dvc-Trace-").append(i).append(": giatri-").append(i).append("\r\n");
    }
    connection.socket().write(latin1(h.append("Content-Length: 2\r\nConnection: close\r\n\r\nok")));
    connection.socket().close();
  }

  private static Buffer latin1(StringBuilder text) {
    return Buffer.buffer(text.toString(), StandardCharsets.ISO_8859_1.name());
  }

  private static Buffer endlessChunk() {
    String line = "<p>Dữ liệu không bao giờ hết — dvc-watch giả lập.</p>\n";
    StringBuilder b = new StringBuilder();
    while (b.length() < 16_000) {
      b.append(line);
    }
    byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
    return Buffer.buffer(Integer.toHexString(bytes.length) + "\r\n").appendBytes(bytes).appendString("\r\n");
  }
}
