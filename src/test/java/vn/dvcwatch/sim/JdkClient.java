package vn.dvcwatch.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * An independent client for the simulator's tests: the JDK's own SSLSocket and a plain socket, never the
 * watchdog's code. Names resolve through the fleet's hosts map (everything is 127.0.0.1), SNI carries the
 * hostname. Every read is bounded by a socket timeout.
 */
final class JdkClient {
  static final int TIMEOUT_MS = 5000;

  private JdkClient() {}

  static SSLContext trusting(Path caPem) throws Exception {
    X509Certificate ca;
    try (InputStream in = Files.newInputStream(caPem)) {
      ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("sim-ca", ca);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
    return ctx;
  }

  /** Accepts any certificate: for reading what a portal presents, whatever it is. */
  static SSLContext trustingAnything() throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) { }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) { }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, new SecureRandom());
    return ctx;
  }

  /** A TLS connection to 127.0.0.1:port with SNI = hostname; {@code checkHostname} turns on HTTPS endpoint checks. */
  static SSLSocket tls(SSLContext ctx, String hostname, int port, boolean checkHostname, String... protocols)
      throws IOException {
    Socket raw = new Socket();
    raw.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
    raw.setSoTimeout(TIMEOUT_MS);
    raw.setTcpNoDelay(true); // as the watchdog's client does: timings without Nagle's delay
    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, hostname, port, true);
    SSLParameters params = s.getSSLParameters();
    params.setServerNames(List.of(new SNIHostName(hostname)));
    if (checkHostname) {
      params.setEndpointIdentificationAlgorithm("HTTPS");
    }
    if (protocols.length > 0) {
      params.setProtocols(protocols);
    }
    s.setSSLParameters(params);
    s.startHandshake();
    return s;
  }

  /** The certificate a portal presents now, whatever it is. */
  static X509Certificate peerCertificate(SimPortal p) throws Exception {
    try (SSLSocket s = tls(trustingAnything(), p.hostname(), p.httpsPort(), false)) {
      return (X509Certificate) s.getSession().getPeerCertificates()[0];
    }
  }

  static Socket plain(int port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
    s.setSoTimeout(TIMEOUT_MS);
    s.setTcpNoDelay(true);
    return s;
  }

  /** Sends one GET with Connection: close and reads at most {@code limit} bytes of the answer. */
  static Response get(Socket s, String hostname, String path, int limit) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(("GET " + path + " HTTP/1.1\r\nHost: " + hostname + "\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return Response.read(s.getInputStream(), limit);
  }

  /** A raw HTTP response: everything up to the limit, split at the end of the head. */
  record Response(String head, byte[] body) {
    static Response read(InputStream in, int limit) throws IOException {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while (all.size() < limit && (n = in.read(buf, 0, Math.min(buf.length, limit - all.size()))) > 0) {
        all.write(buf, 0, n);
      }
      byte[] bytes = all.toByteArray();
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      if (end < 0) {
        return new Response(text, new byte[0]);
      }
      byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
      return new Response(text.substring(0, end), body);
    }

    int status() {
      return Integer.parseInt(head.substring(9, 12));
    }

    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }
}
