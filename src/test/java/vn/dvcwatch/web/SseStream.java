package vn.dvcwatch.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test client of /api/v1/events that parses the stream into events as they arrive. */
final class SseStream implements AutoCloseable {
  record Event(String id, String name, JsonObject data) {}

  private final HttpClient http;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final StringBuilder pending = new StringBuilder();
  final int status;

  SseStream(Vertx vertx, int port, String lastEventId) {
    http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    RequestOptions req = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
        .setURI("/api/v1/events");
    if (lastEventId != null) {
      req.addHeader("Last-Event-ID", lastEventId);
    }
    // The handler is set as the response arrives, on its event loop: set later, early chunks would be lost.
    HttpClientResponse res = WebFixture.await(http.request(req).compose(r -> r.send()).map(r -> {
      r.handler(buf -> {
        synchronized (pending) {
          pending.append(buf.toString());
          int end;
          while ((end = pending.indexOf("\n\n")) >= 0) {
            parse(pending.substring(0, end));
            pending.delete(0, end + 2);
          }
        }
      });
      return r;
    }));
    status = res.statusCode();
  }

  private void parse(String block) {
    String id = null;
    String name = "message";
    StringBuilder data = new StringBuilder();
    for (String line : block.split("\n")) {
      if (line.startsWith("id: ")) {
        id = line.substring(4);
      } else if (line.startsWith("event: ")) {
        name = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data.append(line.substring(6));
      }
    }
    if (data.length() > 0) {
      events.add(new Event(id, name, new JsonObject(data.toString())));
    }
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

  /** Events that arrive within the given time (for "nothing more came"). */
  List<Event> drain(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    List<Event> out = new ArrayList<>();
    events.drainTo(out);
    return out;
  }

  @Override
  public void close() {
    WebFixture.await(http.close());
  }
}
