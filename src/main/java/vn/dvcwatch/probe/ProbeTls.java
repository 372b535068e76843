package vn.dvcwatch.probe;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.NetUtil;
import java.net.IDN;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS side of probing. The handshake itself trusts everything, so that a portal with a bad certificate
 * is still measured and its page still checked; trust is then judged separately ({@link ChainTrust}) against
 * the JDK trust store plus the configured extra CAs, exactly as a browser would, and reported in the posture.
 */
final class ProbeTls {
  static final String[] MODERN = {"TLSv1.3", "TLSv1.2"};

  private final SSLContext acceptAll;
  /** BoringSSL through netty-tcnative when it is on the class path, else null (the JDK's engine is used). */
  private final SslContext native12and13;

  ProbeTls() {
    try {
      acceptAll = SSLContext.getInstance("TLS");
      acceptAll.init(null, new TrustManager[] {new AcceptAll()}, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS for probing: " + e.getMessage(), e);
    }
    native12and13 = nativeContext();
  }

  /**
   * JSSE on JDK 17 computes two key shares per TLS 1.3 ClientHello (X25519 and P-256) in pure Java, which
   * is most of a probe's CPU; BoringSSL sends one and computes it natively. Optional: without tcnative on
   * the class path, or for the legacy handshakes, the JDK engine is used.
   */
  private static SslContext nativeContext() {
    try {
      if ("jdk".equals(System.getProperty("dvc.probe.tls")) || !OpenSsl.isAvailable()) {
        return null; // -Ddvc.probe.tls=jdk forces the JDK engine (comparisons, a native library misbehaving)
      }
      // OCSP on: the server may staple its certificate's status, the only revocation we learn (StapledOcsp)
      return SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL).enableOcsp(OpenSsl.isOcspSupported())
          .trustManager(new AcceptAll()).protocols(MODERN).build();
    } catch (SSLException | LinkageError | RuntimeException e) {
      return null; // the JDK engine measures the same phases, at a higher CPU cost
    }
  }

  /** Which TLS implementation the main handshakes use, for logs and the benchmark report. */
  String implementation() {
    return native12and13 != null ? "BoringSSL " + OpenSsl.versionString() : "JDK " + System.getProperty("java.version");
  }

  /**
   * A client engine offering only {@code protocols}; SNI is sent for hostnames, not for IP literals.
   * The engine is created without a peer address on purpose: JSSE looks up sessions to resume by host and
   * port, so this way every probe makes a full handshake, as a first visit does (and as blackbox_exporter
   * does), instead of a resumption that skips the certificate and would make {@code tls} look cheap.
   */
  SSLEngine engine(ByteBufAllocator alloc, String host, String[] protocols) {
    boolean nativeEngine = native12and13 != null && protocols == MODERN;
    SSLEngine engine = nativeEngine ? native12and13.newEngine(alloc) : acceptAll.createSSLEngine();
    engine.setUseClientMode(true);
    // For BoringSSL only what changes is set (protocols, SNI): reading the engine's parameters and writing
    // them back re-set its cipher suites on every probe, allocation and native calls for nothing (JFR,
    // a small P1-like run). Unset fields of SSLParameters leave the engine as it is.
    SSLParameters params = nativeEngine ? new SSLParameters() : engine.getSSLParameters();
    params.setProtocols(protocols);
    String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!NetUtil.isValidIpV4Address(name) && !NetUtil.isValidIpV6Address(name)) {
      boolean ascii = name.chars().allMatch(c -> c < 0x80);
      params.setServerNames(List.of(new SNIHostName(ascii ? name : IDN.toASCII(name, IDN.ALLOW_UNASSIGNED))));
    }
    engine.setSSLParameters(params);
    return engine;
  }

  /** Accepts any chain: the probe wants the handshake to finish so it can judge the chain itself. */
  private static final class AcceptAll extends X509ExtendedTrustManager {
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
