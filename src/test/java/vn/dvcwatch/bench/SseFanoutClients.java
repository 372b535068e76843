package vn.dvcwatch.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * P4 client side: opens N SSE connections to /api/v1/events (plus S stalled ones that never read), and
 * for {@code seconds} records, per {@code rank} event, the delay from publication to arrival at each
 * client. Prints connected clients, per-event coverage and latency percentiles. Bounded in time.
 *
 * <p>Arguments: port, clients (10000), stalled (100), seconds (40).
 */
public final class SseFanoutClients {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int stalled = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 40;
    Vertx vertx = Vertx.vertx();
    HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(clients + stalled + 10).setMaxWaitQueueSize(-1));
    AtomicInteger connected = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
    ConcurrentHashMap<Integer, AtomicInteger> perEvent = new ConcurrentHashMap<>();
    for (int i = 0; i < clients + stalled; i++) {
      boolean stall = i >= clients;
      http.request(HttpMethod.GET, "/api/v1/events").compose(req -> req.putHeader("Accept", "text/event-stream").send())
          .onSuccess(resp -> {
            connected.incrementAndGet();
            if (stall) {
              resp.pause(); // never reads: the server must drop it without slowing anyone else
              return;
            }
            StringBuilder buf = new StringBuilder();
            resp.handler((Buffer b) -> {
              buf.append(b.toString());
              int end;
              while ((end = buf.indexOf("\n\n")) >= 0) {
                String msg = buf.substring(0, end);
                buf.delete(0, end + 2);
                if (msg.contains("event: rank") || msg.contains("event:rank")) {
                  for (String line : msg.split("\n")) {
                    if (line.startsWith("data:")) {
                      JsonObject d = new JsonObject(line.substring(5).trim());
                      Instant now = Instant.now();
                      long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
                      latencies.add((micros - d.getLong("sentAtMicros")) / 1000.0);
                      perEvent.computeIfAbsent(d.getInteger("seq"), k -> new AtomicInteger()).incrementAndGet();
                    }
                  }
                }
              }
            });
          }).onFailure(e -> failed.incrementAndGet());
      if (i % 500 == 499) {
        Thread.sleep(50); // open connections in waves, as browsers arriving from a front page would
      }
    }
    long end = System.currentTimeMillis() + seconds * 1000L;
    while (System.currentTimeMillis() < end) {
      Thread.sleep(1000);
    }
    List<Double> l = new ArrayList<>(latencies);
    l.sort(Double::compare);
    System.out.printf("P4 clients: %d connected (%d of them stalled), %d failed to connect%n", connected.get(), stalled,
        failed.get());
    perEvent.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> System.out.printf("P4 rank event #%d reached %d clients%n", e.getKey(), e.getValue().get()));
    if (!l.isEmpty()) {
      System.out.printf("P4 latency ms over %d deliveries: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f (target p99 <= 250)%n",
          l.size(), l.get(l.size() / 2), l.get((int) (l.size() * 0.9)), l.get(Math.max(0, (int) Math.ceil(l.size() * 0.99) - 1)),
          l.get(l.size() - 1));
    }
    vertx.close().await();
    System.exit(0);
  }
}
