package vn.dvcwatch.sim;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Hands every portal's certificate to one shared TLS context. Building a JDK TLS context costs
 * milliseconds, which is a minute for 10,000 portals; here each connection's engine is created with the
 * portal's hostname as its "peer host", and that name picks the certificate. Switching a portal's
 * certificate is one map update, seen from the next handshake on.
 */
final class FleetKeyManager extends X509ExtendedKeyManager {
  private final Map<String, TestCa.Leaf> leaves = new ConcurrentHashMap<>();
  private volatile X509Certificate issuer;

  /**
   * The fleet's CA, sent after each leaf it issued, as real servers send their intermediates: Chromium's
   * allow-list of trusted keys (the browser room's way to trust the simulator) looks at the chain sent.
   */
  void issuer(X509Certificate ca) {
    issuer = ca;
  }

  void put(String hostname, TestCa.Leaf leaf) {
    leaves.put(hostname, leaf);
  }

  TestCa.Leaf leaf(String hostname) {
    return leaves.get(hostname);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    String host = engine == null ? null : engine.getPeerHost();
    TestCa.Leaf leaf = host == null ? null : leaves.get(host);
    boolean rsa = "RSA".equals(keyType) || "RSASSA-PSS".equals(keyType);
    return leaf != null && rsa ? host : null;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    TestCa.Leaf leaf = leaves.get(alias);
    if (leaf == null) {
      return null;
    }
    X509Certificate ca = issuer;
    return ca != null && leaf.cert().getIssuerX500Principal().equals(ca.getSubjectX500Principal())
        ? new X509Certificate[] {leaf.cert(), ca} : new X509Certificate[] {leaf.cert()};
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    TestCa.Leaf leaf = leaves.get(alias);
    return leaf == null ? null : leaf.key();
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return leaves.keySet().toArray(String[]::new);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return null; // only engines are used
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}
