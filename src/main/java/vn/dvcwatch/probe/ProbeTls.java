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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import io.netty.util.NetUtil;
import java.net.IDN;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
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
  private static final int MAX_VERDICTS = 50_000;
  private final List<Set<TrustAnchor>> anchors;
  private final Map<List<X509Certificate>, Optional<String>> verdicts = new ConcurrentHashMap<>();

  ProbeTls(List<Path> extraCaFiles) {
    try {
      acceptAll = SSLContext.getInstance("TLS");
      acceptAll.init(null, new TrustManager[] {new AcceptAll()}, null);
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
    // A portal presents the same chain probe after probe: validate each distinct chain once.
    List<X509Certificate> key = List.of(chain);
    Optional<String> known = verdicts.get(key);
    if (known != null) {
      return known.orElse(null);
    }
    String refusal = validate(chain);
    if (verdicts.size() >= MAX_VERDICTS) {
      verdicts.clear();
    }
    verdicts.put(key, Optional.ofNullable(refusal));
    return refusal;
  }

  private String validate(X509Certificate[] chain) {
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
