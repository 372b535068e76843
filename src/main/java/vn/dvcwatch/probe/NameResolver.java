package vn.dvcwatch.probe;

import io.netty.util.NetUtil;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves a probe's hostname without any cache, so that every probe measures a real DNS lookup
 * (docs/PROBING.md: no DNS cache). The JDK's {@code InetAddress} caches for 30 s and Vert.x's own resolver caches
 * by TTL; the Vert.x {@link DnsClient} sends a fresh query each time. Hosts-file overrides come first, as
 * the system resolver does with /etc/hosts; an IP literal needs no lookup at all (its dns phase is null).
 */
final class NameResolver {
  /** An address and how long finding it took, null when no lookup happened. */
  record Resolved(InetAddress address, Double dnsMillis) {}

  private final Map<String, String> hosts;
  private final DnsClient dns;

  NameResolver(Vertx vertx, Map<String, String> hosts, long queryTimeoutMillis) {
    this.hosts = hosts;
    this.dns = vertx.createDnsClient(new DnsClientOptions().setQueryTimeout(queryTimeoutMillis));
  }

  Future<Resolved> resolve(String host) {
    String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host.toLowerCase(Locale.ROOT);
    byte[] literal = NetUtil.createByteArrayFromIpAddressString(name);
    if (literal != null) {
      return Future.succeededFuture(new Resolved(address(name, literal), null));
    }
    long start = System.nanoTime();
    String override = hosts.get(name);
    if (override == null && name.equals("localhost")) {
      override = "127.0.0.1"; // RFC 6761: never sent to a name server
    }
    if (override != null) {
      byte[] ip = NetUtil.createByteArrayFromIpAddressString(override);
      if (ip == null) {
        return Future.failedFuture(new UnknownHostException(name + ": hosts entry is not an address: " + override));
      }
      return Future.succeededFuture(new Resolved(address(name, ip), Millis.since(start)));
    }
    return dns.lookup(name).compose(ip -> {
      double took = Millis.since(start);
      byte[] bytes = ip == null ? null : NetUtil.createByteArrayFromIpAddressString(ip);
      if (bytes == null) {
        return Future.failedFuture(new UnknownHostException(name + ": no address"));
      }
      return Future.succeededFuture(new Resolved(address(name, bytes), took));
    }, err -> Future.failedFuture(new UnknownHostException(name + ": " + err.getMessage())));
  }

  Future<Void> close() {
    return dns.close();
  }

  private static InetAddress address(String name, byte[] ip) {
    try {
      return InetAddress.getByAddress(name, ip);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // only thrown for a wrong length, which NetUtil never returns
    }
  }
}
