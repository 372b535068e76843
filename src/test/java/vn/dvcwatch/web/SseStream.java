package vn.dvcwatch.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test client of /api/v1/events: the web client's {@code BodyCodec.sseStream}, events queued as they arrive. */
final class SseStream implements AutoCloseable {
  record Event(String id, String name, JsonObject data) {}

  private final WebClient client;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

  SseStream(Vertx vertx, int port, String lastEventId) {
    client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
    HttpRequest<Void> req = client.get(port, "127.0.0.1", "/api/v1/events")
        .as(BodyCodec.sseStream(stream -> stream.handler(e -> {
          if (e.data() != null && !e.data().isEmpty()) {
            events.add(new Event(e.id(), e.event(), new JsonObject(e.data())));
          }
        })));
    if (lastEventId != null) {
      req.putHeader("Last-Event-ID", lastEventId);
    }
    req.send(); // completes only when the stream ends
  }

  /** The next event, failing the test after 10 s. */
  Event next() {
    try {
      Event e = events.poll(10, TimeUnit.SECONDS);
      if (e == null) {
        throw new AssertionError("no event within 10 s");
      }
      return e;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
