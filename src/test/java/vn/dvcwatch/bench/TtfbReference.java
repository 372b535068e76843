package vn.dvcwatch.bench;

import io.vertx.core.Vertx;
import java.io.*; import java.net.*; import java.nio.file.*; import java.time.Duration; import java.util.*;
import vn.dvcwatch.sim.*; import vn.dvcwatch.probe.*;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;
/**
 * P2's reference: one simulated portal answering after exactly 100 ms, measured by three clients in turn —
 * a raw socket on its plain-HTTP port, a blocking JDK SSLSocket on its HTTPS port, and the watchdog's
 * Prober — so that the simulator's own delay overhead can be told apart from the prober's error.
 *   java -cp target/dvc-watch.jar:target/test-classes vn.dvcwatch.bench.TtfbReference
 */
public final class TtfbReference {
  public static void main(String[] a) throws Exception {
    LegacyTls.allowInThisJvm();
    Vertx sv = Vertx.vertx();
    SimFleet sim = SimFleet.start(sv, new SimOptions(1, 5800, 7, null, List.of(), Files.createTempDirectory("x"))).await();
    SimPortal p = sim.portals().get(0);
    sim.setDelay(p.id(), Duration.ofMillis(100));
    for (int r = 0; r < 8; r++) {
      try (Socket s = new Socket("127.0.0.1", p.httpPort())) {
        s.setTcpNoDelay(true);
        OutputStream o = s.getOutputStream(); InputStream in = s.getInputStream();
        long t0 = System.nanoTime();
        o.write(("GET / HTTP/1.1\r\nHost: " + p.hostname() + "\r\nConnection: close\r\n\r\n").getBytes()); o.flush();
        in.read();
        long t1 = System.nanoTime();
        System.out.printf("raw socket ttfb error %.3f ms%n", (t1 - t0) / 1e6 - 100);
      }
    }
    javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
    ctx.init(null, new javax.net.ssl.TrustManager[]{new javax.net.ssl.X509TrustManager(){
      public void checkClientTrusted(java.security.cert.X509Certificate[] c, String t){}
      public void checkServerTrusted(java.security.cert.X509Certificate[] c, String t){}
      public java.security.cert.X509Certificate[] getAcceptedIssuers(){return new java.security.cert.X509Certificate[0];}}}, null);
    for (int r = 0; r < 8; r++) {
      try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) ctx.getSocketFactory().createSocket(new Socket("127.0.0.1", p.httpsPort()), p.hostname(), p.httpsPort(), true)) {
        s.setTcpNoDelay(true); s.startHandshake();
        OutputStream o = s.getOutputStream(); InputStream in = s.getInputStream();
        long t0 = System.nanoTime();
        o.write(("GET / HTTP/1.1\r\nHost: " + p.hostname() + "\r\nConnection: close\r\n\r\n").getBytes()); o.flush();
        in.read();
        long t1 = System.nanoTime();
        System.out.printf("JDK SSLSocket ttfb error %.3f ms%n", (t1 - t0) / 1e6 - 100);
      }
    }
    Vertx cv = Vertx.vertx();
    ProbeSettings d = ProbeSettings.defaults();
    Prober pr = new Prober(cv, new ProbeSettings(d.connectTimeout(), d.deadline(), d.maxBodyBytes(), d.maxDecompressedBytes(), d.maxRedirects(), d.maxHeaderBytes(), List.of(sim.caFile()), sim.hosts(), d.userAgent(), d.slowThreshold(), Duration.ofDays(365)));
    for (int r = 0; r < 8; r++) {
      ProbeResult res = pr.probe(p.id(), Target.HOMEPAGE, URI.create("http://" + p.hostname() + ":" + p.httpPort() + "/")).await();
      System.out.printf("prober ttfb error %.3f ms (status %s, redirects %d, url %s)%n", res.phases().ttfb() - 100, res.status(), res.redirects(), res.url());
    }
    System.exit(0);
  }
}
