package vn.dvcwatch.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertPathValidator;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

  private static final int MAX_VERDICTS = 50_000;
  /** Trust verdict per chain fingerprint; "" means trusted. */
  private final java.util.Map<String, String> verdicts = new java.util.concurrent.ConcurrentHashMap<>();
  private final SSLContext acceptAll;
  /** BoringSSL client context, or null where its natives do not load (or -Ddvc.probe.tls=jdk). */
  private final io.netty.handler.ssl.SslContext native_;
  private final List<Set<TrustAnchor>> anchors;

  ProbeTls(List<Path> extraCaFiles) {
    try {
      acceptAll = SSLContext.getInstance("TLS");
      acceptAll.init(null, new TrustManager[] {new AcceptAll()}, null);
      native_ = nativeContext();
      anchors = new ArrayList<>();
      anchors.add(anchorsOf(trustManager(null)));
      if (!extraCaFiles.isEmpty()) {
        anchors.add(anchorsOf(trustManager(extraCas(extraCaFiles))));
      }
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS for probing: " + e.getMessage(), e);
    }
  }

  /**
   * A client engine offering only {@code protocols}; SNI is sent for hostnames, not for IP literals. The
   * modern handshake runs on BoringSSL when its natives load (most of a probe's CPU is this handshake);
   * the legacy-protocol checks always use the JDK's engine, which can be told to offer TLS 1.0 alone.
   */
  SSLEngine engine(String host, int port, String[] protocols) {
    if (native_ != null && protocols == MODERN) {
      return native_.newEngine(io.netty.buffer.ByteBufAllocator.DEFAULT, host, port);
    }
    SSLEngine engine = acceptAll.createSSLEngine(host, port);
    engine.setUseClientMode(true);
    engine.setEnabledProtocols(protocols);
    return engine;
  }

  /**
   * Null when the chain leads to a trusted root, else why not. This is chain trust only: the chain is
   * validated at a moment inside the leaf's validity, so an expired certificate from a good CA is still
   * "trusted" and its expiry is reported apart ({@link TlsPosture#expired()}), as the manifest and the
   * score distinguish them.
   */
  String trust(X509Certificate[] chain) {
    if (chain == null || chain.length == 0) {
      return "no certificate";
    }
    // The verdict depends only on the chain (validated at a moment inside the leaf's validity) and the
    // configured anchors, and a portal serves the same chain for months: judge each chain once. PKIX path
    // validation (signature checks) was the largest CPU cost of a probe in the P1 profile.
    String key = fingerprint(chain);
    if (key != null) {
      String cached = verdicts.get(key);
      if (cached != null) {
        return cached.isEmpty() ? null : cached;
      }
    }
    String verdict = judge(chain);
    if (key != null) {
      if (verdicts.size() >= MAX_VERDICTS) {
        verdicts.clear(); // a crude bound: chains of a fleet fit many times over
      }
      verdicts.put(key, verdict == null ? "" : verdict);
    }
    return verdict;
  }

  private static String fingerprint(X509Certificate[] chain) {
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      for (X509Certificate c : chain) {
        sha.update(c.getEncoded());
      }
      return java.util.HexFormat.of().formatHex(sha.digest());
    } catch (GeneralSecurityException e) {
      return null;
    }
  }

  private String judge(X509Certificate[] chain) {
    Date at = within(chain[0]);
    String refusal = "no trust store";
    for (Set<TrustAnchor> store : anchors) {
      List<X509Certificate> path = new ArrayList<>(List.of(chain));
      while (!path.isEmpty() && isAnchor(store, path.get(path.size() - 1))) {
        path.remove(path.size() - 1); // a root sent along is the anchor itself, not part of the path
      }
      if (path.isEmpty()) {
        return null;
      }
      try {
        PKIXParameters params = new PKIXParameters(store);
        params.setRevocationEnabled(false);
        params.setDate(at);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path),
            params);
        return null;
      } catch (GeneralSecurityException | RuntimeException e) {
        refusal = rootCause(e);
      }
    }
    return refusal;
  }

  private static Date within(X509Certificate leaf) {
    long now = System.currentTimeMillis();
    long notBefore = leaf.getNotBefore().getTime();
    long notAfter = leaf.getNotAfter().getTime();
    return new Date(now > notAfter ? notAfter - 1_000 : now < notBefore ? notBefore + 1_000 : now);
  }

  private static boolean isAnchor(Set<TrustAnchor> store, X509Certificate cert) {
    for (TrustAnchor a : store) {
      if (cert.equals(a.getTrustedCert())) {
        return true;
      }
    }
    return false;
  }

  private static Set<TrustAnchor> anchorsOf(X509TrustManager tm) throws GeneralSecurityException {
    Set<TrustAnchor> set = new HashSet<>();
    for (X509Certificate c : tm.getAcceptedIssuers()) {
      set.add(new TrustAnchor(c, null));
    }
    if (set.isEmpty()) {
      throw new GeneralSecurityException("empty trust store");
    }
    return set;
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

  private static io.netty.handler.ssl.SslContext nativeContext() {
    if ("jdk".equals(System.getProperty("dvc.probe.tls")) || !io.netty.handler.ssl.OpenSsl.isAvailable()) {
      return null;
    }
    try {
      return io.netty.handler.ssl.SslContextBuilder.forClient()
          .sslProvider(io.netty.handler.ssl.SslProvider.OPENSSL)
          .trustManager(new AcceptAll())
          .protocols(MODERN)
          .build();
    } catch (javax.net.ssl.SSLException | RuntimeException e) {
      return null; // the JDK engine measures the same phases, at a higher CPU cost
    }
  }

  /** Which TLS implementation the modern handshake uses, for the start-up log. */
  String implementation() {
    return native_ != null ? "BoringSSL " + io.netty.handler.ssl.OpenSsl.versionString() : "JDK";
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
