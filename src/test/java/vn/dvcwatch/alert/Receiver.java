package vn.dvcwatch.alert;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * A real HTTP server on loopback standing in for webhook receivers, Slack, Teams and Telegram. Each path has a
 * behaviour (answer, fail, hang, redirect); every request that arrives is recorded with its headers and body.
 */
final class Receiver implements AutoCloseable {
  /** One request as it arrived. */
  record Call(String path, Map<String, String> headers, String body, long atNanos) {}

  private final HttpServer server;
  final int port;
  final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, BiConsumer<HttpServerRequest, Integer>> behaviours = new ConcurrentHashMap<>();

  Receiver(Vertx vertx) {
    server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      Map<String, String> h = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      req.headers().forEach(e -> h.put(e.getKey(), e.getValue()));
      calls.add(new Call(req.path(), h, body.toString(), System.nanoTime()));
      int nth = (int) calls.stream().filter(c -> c.path().equals(req.path())).count();
      behaviours.getOrDefault(req.path(), (r, n) -> r.response().end("ok")).accept(req, nth);
    })).listen(0, "127.0.0.1").await();
    port = server.actualPort();
  }

  /** Sets what a path does with its n-th request (1-based). */
  Receiver on(String path, BiConsumer<HttpServerRequest, Integer> behaviour) {
    behaviours.put(path, behaviour);
    return this;
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  List<Call> calls(String path) {
    return calls.stream().filter(c -> c.path().equals(path)).toList();
  }

  @Override
  public void close() {
    server.close().await();
  }
}
