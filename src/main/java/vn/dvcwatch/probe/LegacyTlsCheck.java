package vn.dvcwatch.probe;

import io.vertx.core.Future;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Whether a server still accepts TLS 1.0 / 1.1, found by separate handshakes that offer only that protocol
 * (the main probe offers only 1.2 and 1.3). A server's answer changes with its configuration, not from one
 * probe to the next, so it is asked at most once per {@code every} per host and port; concurrent probes of
 * the same host share one check.
 */
final class LegacyTlsCheck {
  private record Entry(Future<List<String>> answer, long expiresNanos) {}

  private final Map<String, Entry> cache = new ConcurrentHashMap<>();
  private final long everyNanos;
  private final BiFunction<InetSocketAddress, String[], Future<Boolean>> handshake;

  /** {@code handshake} answers whether a handshake offering only the given protocols succeeded. */
  LegacyTlsCheck(long everyNanos, BiFunction<InetSocketAddress, String[], Future<Boolean>> handshake) {
    this.everyNanos = everyNanos;
    this.handshake = handshake;
  }

  Future<List<String>> accepted(String host, InetSocketAddress address) {
    String key = host + ":" + address.getPort();
    long now = System.nanoTime();
    Entry e = cache.get(key);
    if (e != null && now - e.expiresNanos() < 0) {
      return e.answer();
    }
    Future<Boolean> v10 = handshake.apply(address, new String[] {"TLSv1"});
    Future<Boolean> v11 = handshake.apply(address, new String[] {"TLSv1.1"});
    Future<List<String>> answer = Future.join(v10, v11).transform(ignored -> {
      List<String> accepted = new ArrayList<>();
      if (Boolean.TRUE.equals(v10.result())) {
        accepted.add("TLSv1");
      }
      if (Boolean.TRUE.equals(v11.result())) {
        accepted.add("TLSv1.1");
      }
      return Future.succeededFuture(List.copyOf(accepted));
    });
    cache.put(key, new Entry(answer, now + everyNanos));
    return answer;
  }
}
