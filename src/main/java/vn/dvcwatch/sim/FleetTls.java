package vn.dvcwatch.sim;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.KeyManagerFactoryWrapper;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The one TLS context of a simulated fleet. Each connection gets its own engine, named after its portal
 * so that {@link FleetKeyManager} presents that portal's certificate, and limited to the protocols the
 * portal accepts (TLS 1.0 and 1.1 only on legacy portals).
 *
 * <p>With {@code -Ddvc.sim.tls=openssl} (the scale benchmarks set it) the modern handshakes run on
 * BoringSSL, with the same key manager choosing each portal's certificate: one machine playing 10,000
 * portals at 667 handshakes a second spends most of a core on the JDK's pure-Java RSA signatures, and
 * the benchmark is about the watchdog, not the simulator. Legacy portals keep the JDK engine, which
 * alone speaks TLS 1.0 and 1.1 here. The default stays the JDK engine, which the tests are written
 * against.
 */
final class FleetTls {
  private static final String[] MODERN = {"TLSv1.3", "TLSv1.2"};
  private static final String[] WITH_LEGACY = {"TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1"};

  private final FleetKeyManager keys = new FleetKeyManager();
  private final SSLContext context;
  private final SslContext nativeContext;
  /** BoringSSL with OCSP stapling, for the portals in {@link SimMode#REVOKED}; made on first use. */
  private SslContext stapling;
  private volatile TestCa ca;
  private final Map<X509Certificate, byte[]> revoked = new ConcurrentHashMap<>();

  /** Call {@link vn.dvcwatch.probe.LegacyTls#allowInThisJvm()} first, or TLS 1.0/1.1 stay disabled. */
  FleetTls() {
    try {
      context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {keys}, null, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create the simulator's TLS context", e);
    }
    nativeContext = "openssl".equals(System.getProperty("dvc.sim.tls")) ? nativeContext(keys) : null;
  }

  private static SslContext nativeContext(FleetKeyManager keys) {
    if (!OpenSsl.isAvailable()) {
      throw new IllegalStateException("-Ddvc.sim.tls=openssl, but BoringSSL does not load here: "
          + OpenSsl.unavailabilityCause());
    }
    try {
      return SslContextBuilder.forServer(new KeyManagerFactoryWrapper(keys)).sslProvider(SslProvider.OPENSSL)
          .protocols(MODERN).build();
    } catch (javax.net.ssl.SSLException e) {
      throw new IllegalStateException("cannot create the simulator's BoringSSL context", e);
    }
  }

  /** Which TLS implementation serves the modern handshakes, for the benchmark logs. */
  String implementation() {
    return nativeContext != null ? "BoringSSL " + OpenSsl.versionString() : "JDK " + System.getProperty("java.version");
  }

  void issuer(TestCa ca) {
    this.ca = ca;
    keys.issuer(ca.certificate());
  }

  /**
   * TLS for one connection of a portal in {@link SimMode#REVOKED}: its certificate, with a stapled OCSP response
   * saying it is revoked. The JDK's server side staples only what it fetched from a responder itself
   * ({@code jdk.tls.server.enableStatusRequestExtension}), so this runs on BoringSSL, which staples the bytes it
   * is given.
   */
  SslHandler revokedHandler(String hostname, int port) {
    TestCa.Leaf leaf = keys.leaf(hostname);
    SslHandler h = stapling().newHandler(ByteBufAllocator.DEFAULT, hostname, port);
    if (leaf != null) {
      byte[] staple = revoked.computeIfAbsent(leaf.cert(), c -> ca.revokedResponse(c, Instant.now()));
      ((ReferenceCountedOpenSslEngine) h.engine()).setOcspResponse(staple);
    }
    return h;
  }

  private synchronized SslContext stapling() {
    if (stapling == null) {
      if (!OpenSsl.isAvailable() || !OpenSsl.isOcspSupported()) {
        throw new IllegalStateException("a stapled OCSP response needs BoringSSL (netty-tcnative), which does not load"
            + " here: " + OpenSsl.unavailabilityCause());
      }
      try {
        stapling = SslContextBuilder.forServer(new KeyManagerFactoryWrapper(keys)).sslProvider(SslProvider.OPENSSL)
            .protocols(MODERN).enableOcsp(true).build();
      } catch (javax.net.ssl.SSLException e) {
        throw new IllegalStateException("cannot create the simulator's stapling context", e);
      }
    }
    return stapling;
  }

  void use(String hostname, TestCa.Leaf leaf) {
    keys.put(hostname, leaf);
  }

  SslHandler handler(String hostname, int port, boolean legacy) {
    if (nativeContext != null && !legacy) {
      return nativeContext.newHandler(ByteBufAllocator.DEFAULT, hostname, port);
    }
    SSLEngine engine = context.createSSLEngine(hostname, port);
    engine.setUseClientMode(false);
    engine.setEnabledProtocols(legacy ? WITH_LEGACY : MODERN);
    return new SslHandler(engine);
  }
}
