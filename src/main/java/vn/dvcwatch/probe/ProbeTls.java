package vn.dvcwatch.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS side of probing. The handshake itself trusts everything, so that a portal with a bad certificate
 * is still measured and its page still checked; trust is then judged separately ({@link #trust}) against the
 * JDK trust store plus the configured extra CAs, exactly as a browser would, and reported in the posture.
 */
final class ProbeTls {
  static final String[] MODERN = {"TLSv1.3", "TLSv1.2"};

  private final SSLContext acceptAll;
  private final List<X509TrustManager> judges;

  ProbeTls(List<Path> extraCaFiles) {
    try {
      acceptAll = SSLContext.getInstance("TLS");
      acceptAll.init(null, new TrustManager[] {new AcceptAll()}, null);
      judges = new ArrayList<>();
      judges.add(trustManager(null));
      if (!extraCaFiles.isEmpty()) {
        judges.add(trustManager(extraCas(extraCaFiles)));
      }
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS for probing: " + e.getMessage(), e);
    }
  }

  /** A client engine offering only {@code protocols}; SNI is sent for hostnames, not for IP literals. */
  SSLEngine engine(String host, int port, String[] protocols) {
    SSLEngine engine = acceptAll.createSSLEngine(host, port);
    engine.setUseClientMode(true);
    engine.setEnabledProtocols(protocols);
    return engine;
  }

  /** Null when a trust store accepts the chain, else the reason it was refused. */
  String trust(X509Certificate[] chain) {
    String refusal = "no certificate";
    for (X509TrustManager judge : judges) {
      try {
        judge.checkServerTrusted(chain, "UNKNOWN");
        return null;
      } catch (CertificateException | RuntimeException e) {
        refusal = rootCause(e);
      }
    }
    return refusal;
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }

  private static KeyStore extraCas(List<Path> files) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    int n = 0;
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        for (Certificate c : cf.generateCertificates(in)) {
          store.setCertificateEntry("extra-" + n++, c);
        }
      }
    }
    if (n == 0) {
      throw new GeneralSecurityException("no certificate in " + files);
    }
    return store;
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
