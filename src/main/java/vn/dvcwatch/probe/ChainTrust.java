package vn.dvcwatch.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.nio.ByteBuffer;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateEncodingException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import vn.dvcwatch.result.TlsPosture;

/**
 * Whether a server's chain leads to a root a browser would trust: the JDK trust store, or the configured
 * extra CAs (the simulator's, a ministry's private CA). PKIX path validation without revocation.
 */
final class ChainTrust {
  private static final int MAX_READINGS = 50_000;
  private final List<Set<TrustAnchor>> anchors = new ArrayList<>();
  /**
   * The same anchors by subject, for telling a root sent along from a path certificate: comparing a chain's
   * last certificate with every anchor ({@code X509Certificate.equals} clones both encodings) was the first
   * allocator of the probe path in a JFR recording of the demo (8 MB in 70 s, most at the first round).
   */
  private final List<Map<X500Principal, List<X509Certificate>>> anchorsBySubject = new ArrayList<>();
  /** Readings by the SHA-256 of the chain's encoded certificates (32 bytes a chain, not the certificates). */
  private final Map<ByteBuffer, Reading> readings = new ConcurrentHashMap<>();

  /**
   * What one distinct chain says, read once.
   *
   * @param refusal null when the chain leads to a trusted root, else why not ({@link #trust})
   */
  record Reading(String refusal, LeafFacts leaf) {}

  /** Throws {@link IllegalStateException} when an extra CA file holds no certificate or cannot be read. */
  ChainTrust(List<Path> extraCaFiles) {
    this(load(extraCaFiles));
  }

  private ChainTrust(java.util.Collection<Set<TrustAnchor>> stores) {
    anchors.addAll(stores);
    for (Set<TrustAnchor> store : anchors) {
      Map<X500Principal, List<X509Certificate>> bySubject = new HashMap<>();
      store.forEach(a -> bySubject.computeIfAbsent(a.getTrustedCert().getSubjectX500Principal(),
          k -> new ArrayList<>(1)).add(a.getTrustedCert()));
      anchorsBySubject.add(bySubject);
    }
  }

  private static List<Set<TrustAnchor>> load(List<Path> extraCaFiles) {
    try {
      List<Set<TrustAnchor>> stores = new ArrayList<>();
      stores.add(anchorsOf(trustManager(null)));
      if (!extraCaFiles.isEmpty()) {
        stores.add(anchorsOf(trustManager(extraCas(extraCaFiles))));
      }
      return stores;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS for probing: " + e.getMessage(), e);
    }
  }

  /**
   * These anchors and {@code root} after them, as a new instance with readings of its own: the warm-up pass
   * trusts its throwaway CA this way, and this instance (the fleet's) never learns of it.
   */
  ChainTrust with(X509Certificate root) {
    List<Set<TrustAnchor>> stores = new ArrayList<>(anchors);
    stores.add(Set.of(new TrustAnchor(root, null)));
    return new ChainTrust(stores);
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
    return read(chain).refusal();
  }

  /**
   * The chain's trust verdict ({@link #trust}) and its leaf's facts. A portal presents the same chain probe after
   * probe: each distinct chain is validated and its leaf parsed once. Keyed by a digest of the encoded bytes:
   * certificates from the native engine are fresh lazy objects each time (their encoding is read without parsing
   * them), and at 10,000 portals the encoded chains themselves would be 10-20 MB of keys.
   *
   * @param chain at least one certificate, the leaf first
   */
  Reading read(X509Certificate[] chain) {
    ByteBuffer key;
    try {
      key = key(chain);
    } catch (CertificateEncodingException e) {
      return new Reading("unreadable certificate: " + e.getMessage(), LeafFacts.of(chain));
    }
    Reading known = readings.get(key);
    if (known != null) {
      return known;
    }
    Reading reading = new Reading(validate(chain), LeafFacts.of(chain));
    if (readings.size() >= MAX_READINGS) {
      readings.clear();
    }
    readings.put(key, reading);
    return reading;
  }

  /**
   * The reading of a chain {@link #read} has seen before, or null: a new chain costs a path validation
   * (milliseconds), which an event loop leaves to a worker.
   */
  Reading known(X509Certificate[] chain) {
    if (chain == null || chain.length == 0) {
      return null;
    }
    try {
      return readings.get(key(chain));
    } catch (CertificateEncodingException e) {
      return null;
    }
  }

  /** A digest of the chain's encoded bytes. */
  private static ByteBuffer key(X509Certificate[] chain) throws CertificateEncodingException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (X509Certificate c : chain) {
        sha.update(c.getEncoded()); // DER carries its own length, so the concatenation is unambiguous
      }
      return ByteBuffer.wrap(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private String validate(X509Certificate[] chain) {
    Date at = within(chain[0]);
    String refusal = "no trust store";
    for (int i = 0; i < anchors.size(); i++) {
      Set<TrustAnchor> store = anchors.get(i);
      List<X509Certificate> path = new ArrayList<>(List.of(chain));
      while (!path.isEmpty() && isAnchor(anchorsBySubject.get(i), path.get(path.size() - 1))) {
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
        refusal = Failures.describe(e);
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

  private static boolean isAnchor(Map<X500Principal, List<X509Certificate>> bySubject, X509Certificate cert) {
    List<X509Certificate> named = bySubject.get(cert.getSubjectX500Principal());
    return named != null && named.contains(cert);
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
}
