package vn.dvcwatch.sim;

import io.netty.handler.ssl.SslHandler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.registry.PortalKind;

/**
 * The listening side of one simulated portal: its HTTPS and plain-HTTP listeners, its certificate and
 * its current mode. Refusing is real (the listening sockets are closed and reopened later on the same
 * ports); every other mode is decided per connection or per request by {@link SimConnection}.
 */
final class PortalServer {
  private static final Logger log = LoggerFactory.getLogger(PortalServer.class);
  private static final int IDLE_TIMEOUT_SECONDS = 75; // nginx's keepalive_timeout
  private static final int UNBIND_CHECKS = 400;
  private static final long UNBIND_CHECK_MS = 5;

  final Vertx vertx;
  final int index;
  final String id;
  final String name;
  final PortalKind kind;
  final String owner;
  final String hostname;
  final SimPosture posture;
  final ResponseHeads heads;
  private int httpsPort;
  private int httpPort;
  private volatile SimMode mode = SimMode.NORMAL;
  private volatile long fixedDelayMs = -1;
  /** Modes and delays for connections from one source address only: a regional outage (docs/SIMULATOR.md). */
  private final Map<String, SimMode> modeFrom = new ConcurrentHashMap<>();
  private final Map<String, Long> delayFrom = new ConcurrentHashMap<>();
  private final FleetTls tls;
  private volatile CertPosture cert;
  private NetServer httpsServer;
  private NetServer httpServer;
  private Future<Void> transitions = Future.succeededFuture();
  private boolean closed;
  private boolean sharedHttpPort;
  private volatile boolean started;

  PortalServer(Vertx vertx, FleetTls tls, int index, String id, String name, PortalKind kind, String owner,
      SimPosture posture, int basePort) {
    this.vertx = vertx;
    this.tls = tls;
    this.index = index;
    this.id = id;
    this.name = name;
    this.kind = kind;
    this.owner = owner;
    this.hostname = id + ".sim.dvc.test";
    this.posture = posture;
    this.heads = new ResponseHeads(posture, index);
    this.httpsPort = basePort == 0 ? 0 : basePort + 2 * index;
    this.httpPort = basePort == 0 ? 0 : basePort + 2 * index + 1;
    this.cert = posture.cert();
  }

  /** Sets the certificate served from the next handshake on. */
  void useCertificate(CertPosture posture, TestCa.Leaf leaf) {
    tls.use(hostname, leaf);
    cert = posture;
  }

  /** TLS for one new connection: this portal's certificate and protocols; {@code revoked}: staple "revoked". */
  SslHandler sslHandler(boolean revoked) {
    return revoked ? tls.revokedHandler(hostname, httpsPort) : tls.handler(hostname, httpsPort, posture.legacyTls());
  }

  CertPosture certificate() {
    return cert;
  }

  SimMode mode() {
    return mode;
  }

  /** The mode for a connection from {@code source}: the one set for that address, else the portal's. */
  SimMode modeFor(String source) {
    SimMode own = source == null ? null : modeFrom.get(source);
    return own != null ? own : mode;
  }

  /**
   * Sets the mode for connections from {@code source} only; NORMAL returns them to the portal's mode. A
   * listening socket cannot refuse some sources, so REFUSED from one source resets each of its connections
   * as soon as it is accepted, before TLS: the probe sees a failed connection, as behind a rejecting firewall.
   */
  void setModeFrom(String source, SimMode next) {
    if (next == SimMode.NORMAL) {
      modeFrom.remove(source);
    } else {
      modeFrom.put(source, next);
    }
  }

  /** Time to first byte for the next response to {@code source}: its own fixed delay, else the portal's. */
  long nextDelayMs(String source) {
    Long own = source == null ? null : delayFrom.get(source);
    return own != null ? own : nextDelayMs();
  }

  void setDelayFrom(String source, Duration delay) {
    if (delay == null || delay.isZero()) {
      delayFrom.remove(source);
    } else {
      delayFrom.put(source, delay.toMillis());
    }
  }

  /** Time to first byte for the next response: the fixed delay when one is set, else a draw. */
  long nextDelayMs() {
    long fixed = fixedDelayMs;
    return fixed >= 0 ? fixed : posture.latency().sampleMs(ThreadLocalRandom.current());
  }

  Duration delay() {
    long fixed = fixedDelayMs;
    return fixed < 0 ? Duration.ZERO : Duration.ofMillis(fixed);
  }

  void setDelay(Duration delay) {
    fixedDelayMs = delay == null || delay.isZero() ? -1 : delay.toMillis();
  }

  int httpsPort() {
    return httpsPort;
  }

  int httpPort() {
    return httpPort;
  }

  SimPortal portal() {
    String https = "https://" + hostname + ":" + httpsPort;
    String base = posture.https() ? https : "http://" + hostname + ":" + httpPort;
    return new SimPortal(id, name, kind, hostname, posture.https() ? httpsPort : 0, httpPort, URI.create(base + "/"),
        URI.create(base + PortalPages.EFORM_PATH), posture);
  }

  /**
   * Switches mode; listeners open or close to match, after any switch still under way. A port that
   * cannot be bound again (another socket took it while the portal refused) is retried every second.
   */
  synchronized Future<Void> setMode(SimMode next) {
    if (closed) {
      return Future.succeededFuture();
    }
    mode = next;
    transitions = transitions.transform(x -> mode == SimMode.REFUSED ? closeListeners() : openListeners());
    if (!started) {
      return transitions.onSuccess(x -> started = true); // a port taken at start fails the start instead
    }
    transitions.onFailure(e -> {
      log.warn("{}: {}, retrying in 1 s", hostname, e.getMessage());
      vertx.setTimer(1000, t -> {
        if (mode != SimMode.REFUSED) {
          setMode(mode);
        }
      });
    });
    return transitions;
  }

  synchronized Future<Void> close() {
    closed = true;
    mode = SimMode.REFUSED;
    transitions = transitions.transform(x -> closeListeners());
    return transitions;
  }

  /** Plain HTTP comes through the fleet's shared port (large fleets), not a listener of this portal's own. */
  void shareHttpPort(int port) {
    httpPort = port;
    sharedHttpPort = true;
  }

  Future<Void> start() {
    return setMode(SimMode.NORMAL);
  }

  private Future<Void> openListeners() {
    Future<Void> https = Future.succeededFuture();
    if (httpsServer == null && posture.https()) {
      NetServer s = listener(true);
      httpsServer = s;
      https = s.listen(httpsPort, "127.0.0.1").<Void>map(bound -> {
        httpsPort = bound.actualPort();
        return null;
      }).onFailure(e -> httpsServer = null).recover(e -> cannotListen(httpsPort, e));
    }
    Future<Void> http = Future.succeededFuture();
    if (httpServer == null && !sharedHttpPort) {
      NetServer s = listener(false);
      httpServer = s;
      http = s.listen(httpPort, "127.0.0.1").<Void>map(bound -> {
        httpPort = bound.actualPort();
        return null;
      }).onFailure(e -> httpServer = null).recover(e -> cannotListen(httpPort, e));
    }
    return Future.all(https, http).mapEmpty();
  }

  private static Future<Void> cannotListen(int port, Throwable e) {
    return Future.failedFuture(new IllegalStateException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e));
  }

  private NetServer listener(boolean tls) {
    NetServerOptions options = new NetServerOptions().setIdleTimeout(IDLE_TIMEOUT_SECONDS).setReuseAddress(true)
        .setTcpNoDelay(true);
    return vertx.createNetServer(options).connectHandler(socket -> new SimConnection(this, socket, tls).start());
  }

  private Future<Void> closeListeners() {
    List<Integer> ports = new ArrayList<>();
    Future<Void> https = Future.succeededFuture();
    if (httpsServer != null) {
      ports.add(httpsPort);
      https = httpsServer.close();
    }
    Future<Void> http = Future.succeededFuture();
    if (httpServer != null) {
      ports.add(httpPort);
      http = httpServer.close();
    }
    httpsServer = null;
    httpServer = null;
    return Future.all(https, http).compose(x -> untilUnbound(ports, UNBIND_CHECKS));
  }

  /**
   * Vert.x completes a server's close before its listening socket is really closed, and a refused
   * portal must refuse from the moment the switch completes: wait until the ports can be bound again.
   */
  private Future<Void> untilUnbound(List<Integer> ports, int checksLeft) {
    if (ports.stream().allMatch(PortalServer::unbound) || checksLeft == 0) {
      return Future.succeededFuture();
    }
    Promise<Void> later = Promise.promise();
    vertx.setTimer(UNBIND_CHECK_MS, t -> untilUnbound(ports, checksLeft - 1).onComplete(later));
    return later.future();
  }

  private static boolean unbound(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException stillListening) {
      return false;
    }
  }
}
