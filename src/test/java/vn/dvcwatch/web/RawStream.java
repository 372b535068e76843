package vn.dvcwatch.web;

import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import vn.dvcwatch.testkit.Poll;

/**
 * An event-stream reader on a bare socket that reads as fast as the loopback allows and keeps only
 * the last 8 KB: for the tests where megabytes pass by (the web client's SSE codec is no speed reader
 * and does not take lines of hundreds of KB).
 */
final class RawStream {
  private static final int TAIL = 8192;
  private final StringBuilder tail = new StringBuilder();
  final NetSocket socket;

  RawStream(NetClient net, int port) {
    this(net, port, "/api/v1/events");
  }

  RawStream(NetClient net, int port, String uri) {
    socket = WebFixture.await(net.connect(port, "127.0.0.1"));
    socket.handler(b -> {
      synchronized (tail) {
        tail.append(b.toString());
        if (tail.length() > TAIL) {
          tail.delete(0, tail.length() - TAIL);
        }
      }
    });
    socket.write("GET " + uri + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  }

  /** Everything kept so far (the last 8 KB). */
  String text() {
    synchronized (tail) {
      return tail.toString();
    }
  }

  /** Whether the event with this id and name arrived within 10 s. */
  boolean sees(long id, String event) {
    String expected = "id: " + id + "\nevent: " + event;
    return Poll.until(() -> {
      synchronized (tail) {
        return tail.indexOf(expected) >= 0;
      }
    }, Duration.ofSeconds(10));
  }
}
