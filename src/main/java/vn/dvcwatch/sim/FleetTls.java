package vn.dvcwatch.sim;

import io.netty.handler.ssl.SslHandler;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The one TLS context of a simulated fleet. Each connection gets its own engine, named after its portal
 * so that {@link FleetKeyManager} presents that portal's certificate, and limited to the protocols the
 * portal accepts (TLS 1.0 and 1.1 only on legacy portals).
 */
final class FleetTls {
  private static final String[] MODERN = {"TLSv1.3", "TLSv1.2"};
  private static final String[] WITH_LEGACY = {"TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1"};

  private final FleetKeyManager keys = new FleetKeyManager();
  private final SSLContext context;

  /** Call {@link vn.dvcwatch.probe.LegacyTls#allowInThisJvm()} first, or TLS 1.0/1.1 stay disabled. */
  FleetTls() {
    try {
      context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {keys}, null, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create the simulator's TLS context", e);
    }
  }

  void use(String hostname, TestCa.Leaf leaf) {
    keys.put(hostname, leaf);
  }

  SslHandler handler(String hostname, int port, boolean legacy) {
    SSLEngine engine = context.createSSLEngine(hostname, port);
    engine.setUseClientMode(false);
    engine.setEnabledProtocols(legacy ? WITH_LEGACY : MODERN);
    return new SslHandler(engine);
  }
}
