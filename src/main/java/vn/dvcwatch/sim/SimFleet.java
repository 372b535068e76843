package vn.dvcwatch.sim;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import vn.dvcwatch.probe.LegacyTls;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.registry.PortalKind;

/**
 * A fleet of simulated portals on loopback: real TLS from a generated test CA, Vietnamese pages,
 * deterministic postures from a seed, outages and hostile behaviours on demand or from a scenario.
 * {@code demo}, {@code simulate}, the tests and the benchmarks all start it in-process.
 */
public final class SimFleet {
  private final Vertx vertx;
  private final SimOptions options;
  private final TestCa ca;
  private final List<PortalServer> servers;
  private final Map<String, PortalServer> byId = new LinkedHashMap<>();
  private final Scenario scenario;
  private final ScenarioRunner runner;
  private final String tlsImplementation;
  private List<SimPortal> portals;
  private SharedHttpPort sharedHttp;

  private SimFleet(Vertx vertx, SimOptions options, TestCa ca, List<PortalServer> servers, Scenario scenario,
      String tlsImplementation) {
    this.vertx = vertx;
    this.tlsImplementation = tlsImplementation;
    this.options = options;
    this.ca = ca;
    this.servers = servers;
    servers.forEach(s -> byId.put(s.id, s));
    this.scenario = scenario;
    this.runner = new ScenarioRunner(vertx, this);
  }

  /**
   * Generates the CA and certificates, binds every portal, writes ca.pem, hosts and manifest.json, then
   * starts the scenario. Fails with a {@link vn.dvcwatch.config.ConfigException} on a bad scenario file,
   * before anything listens.
   */
  public static Future<SimFleet> start(Vertx vertx, SimOptions options) {
    LegacyTls.allowInThisJvm(); // before the first TLS context of this JVM
    Future<SimFleet> prepared = vertx.executeBlocking(() -> {
      FleetTls tls = new FleetTls();
      List<PortalServer> servers = servers(vertx, tls, options);
      Scenario scenario = options.scenario() == null ? Scenario.none()
          : ScenarioLoader.load(options.scenario(), servers.stream().map(s -> s.id).collect(Collectors.toSet()));
      TestCa ca = TestCa.generate();
      tls.issuer(ca);
      Instant now = Instant.now();
      servers.parallelStream().filter(s -> s.posture.https()).forEach(s ->
          s.useCertificate(s.posture.cert(), ca.issue(s.hostname, s.posture.cert(), s.posture.daysLeft(), now)));
      GzipBomb.bytes();
      // The browser lab's large image is encoded in the background: its first request must not wait for it,
      // and start-up must not either.
      vertx.executeBlocking(BrowserLab::image, false);
      return new SimFleet(vertx, options, ca, servers, scenario, tls.implementation());
    }, false);
    return prepared.compose(fleet -> fleet.listen().compose(x -> fleet.writeFiles())
        .recover(e -> fleet.close().transform(x -> Future.failedFuture(e)))
        .map(x -> {
          fleet.runner.start(fleet.scenario);
          return fleet;
        }));
  }

  /** Which TLS implementation serves the modern handshakes ({@code -Ddvc.sim.tls=openssl}: BoringSSL). */
  public String tlsImplementation() {
    return tlsImplementation;
  }

  private static List<PortalServer> servers(Vertx vertx, FleetTls tls, SimOptions options) {
    List<PortalServer> out = new ArrayList<>(options.portals());
    for (int i = 0; i < options.portals(); i++) {
      SimPosture posture = PostureDraw.draw(options.seed(), i);
      if (i < options.names().size()) {
        Portal p = options.names().get(i);
        out.add(new PortalServer(vertx, tls, i, p.id(), p.name(), p.kind(), p.owner(), posture, options.basePort()));
      } else {
        String number = String.format("%04d", i + 1);
        out.add(new PortalServer(vertx, tls, i, "p" + number, "Cổng giả lập " + number, PortalKind.PROVINCE,
            "Đơn vị giả lập " + number, posture, options.basePort()));
      }
    }
    return out;
  }

  /**
   * Binds the portals from a thread outside Vert.x, so that each listener gets its own event-loop context
   * (spread round-robin over the loops). Bound from one context — this method used to run in a callback —
   * the whole simulated fleet served on a single core, which was the bottleneck of the first P1 run.
   */
  private Future<Void> listen() {
    Future<Void> shared = Future.succeededFuture();
    if (servers.size() > SharedHttpPort.ABOVE) {
      Map<String, PortalServer> byHostname = new java.util.HashMap<>();
      servers.forEach(s -> byHostname.put(s.hostname, s));
      sharedHttp = new SharedHttpPort(vertx, byHostname);
      int port = options.basePort() == 0 ? 0 : options.basePort() + 2 * servers.size();
      shared = sharedHttp.listen(port).map(bound -> {
        servers.forEach(s -> s.shareHttpPort(bound));
        return null;
      });
    }
    return shared.compose(x -> startServers());
  }

  private Future<Void> startServers() {
    Promise<List<Future<Void>>> bound = Promise.promise();
    java.util.concurrent.ForkJoinPool.commonPool().execute(() ->
        bound.complete(servers.stream().map(PortalServer::start).toList()));
    return bound.future().compose(started -> Future.all(started)).map(x -> {
      portals = servers.stream().map(PortalServer::portal).toList();
      return null;
    });
  }

  private Future<Void> writeFiles() {
    return vertx.executeBlocking(() -> {
      FleetFiles.write(options.outDir(), ca.pem(), servers, options.seed(), scenario);
      return null;
    }, false);
  }

  public List<SimPortal> portals() {
    return portals;
  }

  /** The fleet as registry portals pointing at the simulated URLs, so the watchdog can watch it unchanged. */
  public List<Portal> registry() {
    return servers.stream().map(s -> {
      SimPortal p = portals.get(s.index);
      return new Portal(p.id(), p.name(), p.kind(), p.homepage(), p.eform(), s.owner,
          List.of("cntt." + p.id() + "@sim.dvc.test"), Portal.DEFAULT_SLA_TARGET, null, null, false);
    }).toList();
  }

  public Path caFile() {
    return options.outDir().resolve(FleetFiles.CA);
  }

  public Path hostsFile() {
    return options.outDir().resolve(FleetFiles.HOSTS);
  }

  public Map<String, String> hosts() {
    Map<String, String> out = new LinkedHashMap<>();
    servers.forEach(s -> out.put(s.hostname, "127.0.0.1"));
    return out;
  }

  public Path manifestFile() {
    return options.outDir().resolve(FleetFiles.MANIFEST);
  }

  public Scenario scenario() {
    return scenario;
  }

  /**
   * Takes effect on the next request; REFUSED closes the listening sockets and any other mode reopens
   * them. The future completes when the listeners match the mode (callers may ignore it).
   */
  public Future<Void> setMode(String portalId, SimMode mode) {
    return server(portalId).setMode(mode);
  }

  /** A fixed time to first byte, exactly (no jitter); {@link Duration#ZERO} returns to the portal's own latency. */
  public void setDelay(String portalId, Duration delay) {
    server(portalId).setDelay(delay);
  }

  /**
   * A mode for connections from one source address only ({@code "127.0.0.3"}, a vantage's address), the
   * others keep the portal's own: a regional outage made of real traffic. NORMAL lifts it. REFUSED from
   * one source resets that source's connections at accept (a listening socket cannot refuse some sources).
   */
  public void setMode(String portalId, String source, SimMode mode) {
    server(portalId).setModeFrom(SourceAddress.canonical(source), mode);
  }

  /** A fixed time to first byte for connections from one source address only; ZERO lifts it. */
  public void setDelay(String portalId, String source, Duration delay) {
    server(portalId).setDelayFrom(SourceAddress.canonical(source), delay);
  }

  /** The fixed delay now in force, {@link Duration#ZERO} when the portal follows its own latency. */
  public Duration delay(String portalId) {
    return server(portalId).delay();
  }

  /** Switches the certificate served from the next handshake on (e.g. to an expired one). */
  public Future<Void> setCertificate(String portalId, CertPosture certificate) {
    PortalServer s = server(portalId);
    if (!s.posture.https()) {
      return Future.failedFuture(new IllegalStateException(portalId + " serves no HTTPS"));
    }
    SimPosture p = s.posture;
    int daysLeft = certificate == p.cert() ? p.daysLeft()
        : switch (certificate) {
          case EXPIRED -> -1;
          case EXPIRING -> 7;
          default -> 90;
        };
    return vertx.executeBlocking(() -> {
      s.useCertificate(certificate, ca.issue(s.hostname, certificate, daysLeft, Instant.now()));
      return null;
    }, false);
  }

  /** The certificate a portal serves now (the posture's, unless a scenario or a test switched it). */
  public CertPosture certificate(String portalId) {
    return server(portalId).certificate();
  }

  public SimMode mode(String portalId) {
    return server(portalId).mode();
  }

  SimPosture posture(String portalId) {
    return server(portalId).posture;
  }

  private PortalServer server(String portalId) {
    PortalServer s = byId.get(portalId);
    if (s == null) {
      throw new IllegalArgumentException("no simulated portal \"" + portalId + "\"");
    }
    return s;
  }

  /** Stops the scenario and closes every listener and connection. */
  public Future<Void> close() {
    runner.stop();
    List<Future<Void>> closed = new ArrayList<>(servers.stream().map(PortalServer::close).toList());
    if (sharedHttp != null) {
      closed.add(sharedHttp.close());
    }
    return Future.all(closed).mapEmpty();
  }
}
