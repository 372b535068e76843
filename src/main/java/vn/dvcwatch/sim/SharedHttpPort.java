package vn.dvcwatch.sim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One plain-HTTP port for every portal of a large fleet, routed by the Host header. Two listeners per
 * portal would need 20,000 sockets for 10,000 portals, more than this machine's file limit; HTTPS keeps
 * a port per portal. A portal that is REFUSED cannot close a shared port, so its plain-HTTP requests
 * are reset instead.
 */
final class SharedHttpPort {
  /** Above this many portals, plain HTTP shares one port. */
  static final int ABOVE = 5_000;

  private final Map<String, PortalServer> byHostname;
  private final NetServer server;

  SharedHttpPort(Vertx vertx, Map<String, PortalServer> byHostname) {
    this.byHostname = byHostname;
    this.server = vertx.createNetServer(new NetServerOptions().setReuseAddress(true).setTcpNoDelay(true)
        .setIdleTimeout(75)).connectHandler(this::route);
  }

  Future<Integer> listen(int port) {
    return server.listen(port, "127.0.0.1").map(NetServer::actualPort);
  }

  Future<Void> close() {
    return server.close();
  }

  private void route(NetSocket socket) {
    Buffer head = Buffer.buffer();
    socket.exceptionHandler(e -> { });
    socket.handler(data -> {
      head.appendBuffer(data);
      String text = head.toString(StandardCharsets.ISO_8859_1);
      if (!text.contains("\r\n\r\n") && head.length() < RequestReader.MAX_HEAD) {
        return;
      }
      PortalServer portal = byHostname.get(host(text));
      if (portal == null) {
        socket.write("HTTP/1.1 421 Misdirected Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        socket.close();
        return;
      }
      socket.handler(null);
      new SimConnection(portal, socket, false).start(head);
    });
  }

  private static String host(String head) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("host")) {
        String host = line.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
        int port = host.lastIndexOf(':');
        return port > 0 ? host.substring(0, port) : host;
      }
    }
    return "";
  }
}
