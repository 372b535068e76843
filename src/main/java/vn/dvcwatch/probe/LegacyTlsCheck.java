package vn.dvcwatch.probe;

import io.vertx.core.Future;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Whether a server still accepts TLS 1.0 / 1.1, found by separate handshakes that offer only that protocol
 * (the main probe offers only 1.2 and 1.3). The answer changes with the server's configuration, not from
 * one probe to the next, so it is cached per host and port.
 */
final class LegacyTlsCheck {
  private final PerHostCache<List<String>> cache;
  private final BiFunction<InetSocketAddress, String[], Future<Boolean>> handshake;

  /** {@code handshake} answers whether a handshake offering only the given protocols succeeded. */
  LegacyTlsCheck(long everyNanos, BiFunction<InetSocketAddress, String[], Future<Boolean>> handshake) {
    this.cache = new PerHostCache<>(everyNanos);
    this.handshake = handshake;
  }

  Future<List<String>> accepted(String host, InetSocketAddress address) {
    return cache.get(host + ":" + address.getPort(), () -> {
      Future<Boolean> v10 = handshake.apply(address, new String[] {"TLSv1"});
      Future<Boolean> v11 = handshake.apply(address, new String[] {"TLSv1.1"});
      return Future.join(v10, v11).transform(ignored -> {
        List<String> accepted = new ArrayList<>();
        if (Boolean.TRUE.equals(v10.result())) {
          accepted.add("TLSv1");
        }
        if (Boolean.TRUE.equals(v11.result())) {
          accepted.add("TLSv1.1");
        }
        return Future.succeededFuture(List.copyOf(accepted));
      });
    });
  }

  /** Drops the answer for this host and port. */
  void forget(String host, int port) {
    cache.forget(host + ":" + port);
  }

  /** The last answer for this host, or null when it was never asked (used when a probe fails). */
  List<String> known(String host, InetSocketAddress address) {
    return cache.known(host + ":" + address.getPort());
  }
}
