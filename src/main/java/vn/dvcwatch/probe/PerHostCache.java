package vn.dvcwatch.probe;

import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Answers that belong to a server's configuration rather than to one probe (does it still accept TLS 1.0?
 * does http:// redirect to https://?), asked at most once per {@code every} per host and port. Concurrent
 * probes of the same host (homepage and eForm) share one pending answer.
 */
final class PerHostCache<T> {
  private record Entry<T>(Future<T> answer, long expiresNanos) {}

  private final Map<String, Entry<T>> entries = new ConcurrentHashMap<>();
  private final long everyNanos;

  PerHostCache(long everyNanos) {
    this.everyNanos = everyNanos;
  }

  Future<T> get(String hostAndPort, Supplier<Future<T>> ask) {
    long now = System.nanoTime();
    Entry<T> e = entries.get(hostAndPort);
    if (e != null && now - e.expiresNanos() < 0) {
      return e.answer();
    }
    Future<T> answer = ask.get();
    entries.put(hostAndPort, new Entry<>(answer, now + everyNanos));
    return answer;
  }

  /** Drops this host's answer (the warm-up pass's loopback server, gone once the pass ends). */
  void forget(String hostAndPort) {
    entries.remove(hostAndPort);
  }

  /** The answer already known for this host, or null (never asks). */
  T known(String hostAndPort) {
    Entry<T> e = entries.get(hostAndPort);
    return e != null && e.answer().succeeded() ? e.answer().result() : null;
  }
}
