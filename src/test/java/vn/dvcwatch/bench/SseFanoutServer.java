package vn.dvcwatch.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;
import vn.dvcwatch.web.BoardSource;
import vn.dvcwatch.web.EventHub;
import vn.dvcwatch.web.WebConfig;
import vn.dvcwatch.web.WebServer;

/**
 * P4 server side: the real EventHub and WebServer with an 83-portal board, publishing one {@code rank}
 * event every {@code everyMs} carrying the time it was published ({@code sentAtMicros}), for
 * {@code seconds} seconds, then exiting. bench/p4-sse.sh starts it, then the clients.
 *
 * <p>Arguments: port, seconds (60), everyMs (2000).
 */
public final class SseFanoutServer {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    long everyMs = args.length > 2 ? Long.parseLong(args[2]) : 2000;
    Vertx vertx = Vertx.vertx();
    JsonArray portals = new JsonArray();
    for (int i = 1; i <= 83; i++) {
      portals.add(new JsonObject().put("id", "p" + i).put("name", "Cổng " + i).put("kind", "province")
          .put("status", "UP").put("score", 90.0 - i / 2.0).put("grade", "B").put("rank", i));
    }
    BoardSource board = new BoardSource() {
      @Override public JsonArray portals() { return portals; }
      @Override public Future<Optional<JsonObject>> portal(String id) { return Future.succeededFuture(Optional.empty()); }
      @Override public Future<JsonArray> history(String id, Instant from, Instant to) { return Future.succeededFuture(new JsonArray()); }
      @Override public Future<JsonArray> sla(YearMonth month) { return Future.succeededFuture(new JsonArray()); }
      @Override public boolean networkSuspect() { return false; }
    };
    EventHub hub = new EventHub(vertx, () -> new JsonObject().put("portals", portals), 1000, 100_000, 100_000);
    hub.start(Duration.ofSeconds(15));
    WebServer web = new WebServer(vertx, new WebConfig("127.0.0.1", port, null, false, URI.create("http://127.0.0.1:" + port)),
        board, hub, null, null, () -> Future.succeededFuture(new JsonObject().put("status", "UP")), () -> "");
    web.start().await();
    System.out.println("P4 server ready on " + port);
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    int[] n = {0};
    vertx.setPeriodic(everyMs, id -> {
      Instant now = Instant.now();
      long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
      hub.publish("rank", new JsonObject().put("portal", "p" + (1 + n[0] % 83)).put("from", 2).put("to", 1)
          .put("seq", n[0]++).put("sentAtMicros", micros));
      if (n[0] % 5 == 0) {
        Runtime rt = Runtime.getRuntime();
        System.out.printf("P4 server: clients=%d dropped=%d heapUsedMB=%.1f%n", hub.clientCount(), hub.droppedCount(),
            (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
      }
    });
    while (System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    web.stop().await();
    hub.stop();
    vertx.close().await();
  }
}
