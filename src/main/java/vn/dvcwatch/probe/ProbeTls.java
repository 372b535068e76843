package vn.dvcwatch.probe;

import io.netty.util.NetUtil;
import java.net.IDN;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
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

  ProbeTls() {
    try {
      acceptAll = SSLContext.getInstance("TLS");
      acceptAll.init(null, new TrustManager[] {new AcceptAll()}, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS for probing: " + e.getMessage(), e);
    }
  }

  /**
   * A client engine offering only {@code protocols}; SNI is sent for hostnames, not for IP literals.
   * The engine is created without a peer address on purpose: JSSE looks up sessions to resume by host and
   * port, so this way every probe makes a full handshake, as a first visit does (and as blackbox_exporter
   * does), instead of a resumption that skips the certificate and would make {@code tls} look cheap.
   */
  SSLEngine engine(String host, String[] protocols) {
    SSLEngine engine = acceptAll.createSSLEngine();
    engine.setUseClientMode(true);
    SSLParameters params = engine.getSSLParameters();
    params.setProtocols(protocols);
    String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!NetUtil.isValidIpV4Address(name) && !NetUtil.isValidIpV6Address(name)) {
      params.setServerNames(List.of(new SNIHostName(IDN.toASCII(name, IDN.ALLOW_UNASSIGNED))));
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
