package vn.dvcwatch.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
    // Deliveries of events published a second or more after the last client connected: the fan-out
    // itself, apart from the connection storm (10,000 snapshots) that precedes it.
    ConcurrentLinkedQueue<Double> steady = new ConcurrentLinkedQueue<>();
    AtomicLong allConnectedAt = new AtomicLong(Long.MAX_VALUE - 2_000_000L);
    ConcurrentHashMap<Integer, AtomicInteger> perEvent = new ConcurrentHashMap<>();
    for (int i = 0; i < clients + stalled; i++) {
      boolean stall = i >= clients;
      http.request(HttpMethod.GET, "/api/v1/events").compose(req -> req.putHeader("Accept", "text/event-stream").send())
          .onSuccess(resp -> {
            if (connected.incrementAndGet() == clients + stalled) {
              allConnectedAt.set(nowMicros());
            }
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
                  // Only the two numbers are read, cheaply: the client's own parsing must not be what is measured.
                  long sent = number(msg, "\"sentAtMicros\":");
                  int seq = (int) number(msg, "\"seq\":");
                  long micros = nowMicros();
                  double ms = (micros - sent) / 1000.0;
                  latencies.add(ms);
                  if (sent > allConnectedAt.get() + 1_000_000L) {
                    steady.add(ms);
                  }
                  perEvent.computeIfAbsent(seq, k -> new AtomicInteger()).incrementAndGet();
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
    System.out.printf("P4 clients: %d connected (%d of them stalled), %d failed to connect%n", connected.get(), stalled,
        failed.get());
    perEvent.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> System.out.printf("P4 rank event #%d reached %d clients%n", e.getKey(), e.getValue().get()));
    report("all deliveries, including those during the connection storm", latencies);
    report("steady state, events published 1 s or more after the last client connected", steady);
    vertx.close().await();
    System.exit(0);
  }

  private static void report(String what, ConcurrentLinkedQueue<Double> latencies) {
    List<Double> l = new ArrayList<>(latencies);
    l.sort(Double::compare);
    if (l.isEmpty()) {
      System.out.printf("P4 latency, %s: no deliveries%n", what);
      return;
    }
    System.out.printf("P4 latency ms, %s, over %d deliveries: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f (target p99 <= 250)%n",
        what, l.size(), l.get(l.size() / 2), l.get((int) (l.size() * 0.9)),
        l.get(Math.max(0, (int) Math.ceil(l.size() * 0.99) - 1)), l.get(l.size() - 1));
  }

  private static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
  }

  /** The integer after {@code key} in a JSON text. */
  private static long number(String text, String key) {
    int i = text.indexOf(key) + key.length();
    int j = i;
    while (j < text.length() && (Character.isDigit(text.charAt(j)) || text.charAt(j) == '-')) {
      j++;
    }
    return Long.parseLong(text.substring(i, j));
  }
}
