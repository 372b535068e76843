package vn.dvcwatch.probe;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.zip.GZIPOutputStream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The page the warm-up pass probes ({@link WarmUp}, docs/PROBING.md "The warm-up pass"): an HTTPS server on
 * 127.0.0.1 inside this process, with a CA and a certificate for {@code localhost} made for the pass and thrown
 * away with it. Only the pass's own {@link ChainTrust} trusts that CA ({@link ChainTrust#with}); the fleet's never
 * sees it. Each page is a small portal-like HTML page, gzipped, with the security headers the posture reads, and
 * a different text per path, so that every probe of the pass runs the page checks (the findings are cached per
 * unchanged page).
 *
 * <p>A bare Netty server on the watchdog's Vert.x loops, not a Vert.x HTTP server: Vert.x would count its requests
 * in the watchdog's own HTTP server metrics, and the pass must not appear in any metric. Never on the probe loops.
 */
public final class WarmUpSite {
  private final Channel server;
  private final X509Certificate ca;
  private final int port;

  private WarmUpSite(Channel server, X509Certificate ca) {
    this.server = server;
    this.ca = ca;
    this.port = ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** Makes the certificates on a worker, then listens on an ephemeral port of 127.0.0.1. */
  public static Future<WarmUpSite> start(Vertx vertx) {
    return vertx.executeBlocking(Certificates::make, false).compose(certs -> {
      VertxInternal internal = (VertxInternal) vertx;
      ServerBootstrap bootstrap = new ServerBootstrap().group(internal.nettyEventLoopGroup())
          .channelFactory(internal.transport().serverChannelFactory(false))
          .childHandler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
              ch.pipeline().addLast(certs.server().newHandler(ch.alloc()), new HttpServerCodec(), new Pages());
            }
          });
      Promise<WarmUpSite> bound = Promise.promise();
      bootstrap.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).addListener(
          (ChannelFutureListener) f -> {
            if (f.isSuccess()) {
              bound.complete(new WarmUpSite(f.channel(), certs.ca()));
            } else {
              bound.fail(f.cause());
            }
          });
      return bound.future();
    });
  }

  /** The {@code n}th page: each has a text of its own. */
  URI page(int n) {
    return URI.create(origin() + "warm-up/" + n);
  }

  /** {@code https://localhost:PORT/}: every page of the pass starts with it. */
  String origin() {
    return "https://localhost:" + port + "/";
  }

  int port() {
    return port;
  }

  /** The throwaway CA, for the pass's own trust. */
  X509Certificate anchor() {
    return ca;
  }

  public Future<Void> close() {
    Promise<Void> closed = Promise.promise();
    server.close().addListener(f -> closed.tryComplete());
    return closed.future();
  }

  /** The pass's CA and the server's TLS context with a {@code localhost} certificate it signed. */
  private record Certificates(X509Certificate ca, SslContext server) {
    static Certificates make() throws GeneralSecurityException, OperatorException, IOException {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair caKeys = gen.generateKeyPair();
      KeyPair siteKeys = gen.generateKeyPair();
      Instant now = Instant.now();
      X500Name caName = new X500Name("CN=dvc-watch warm-up CA (throwaway)");
      X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE,
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), caName, caKeys.getPublic());
      ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      X509Certificate caCert = sign(ca, caKeys.getPrivate());
      X509v3CertificateBuilder site = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO,
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
          new X500Name("CN=localhost"), siteKeys.getPublic());
      site.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
      site.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      site.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      site.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      X509Certificate siteCert = sign(site, caKeys.getPrivate());
      SslContext server = SslContextBuilder.forServer(siteKeys.getPrivate(), siteCert)
          .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
          .protocols(ProbeTls.MODERN).build();
      return new Certificates(caCert, server);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
        throws GeneralSecurityException, OperatorException {
      return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA")
          .build(key)));
    }
  }

  /** Answers every GET with its page and closes, as the probe asks ({@code Connection: close}). */
  private static final class Pages extends SimpleChannelInboundHandler<HttpObject> {
    private String path = "/";

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) throws IOException {
      if (msg instanceof HttpRequest r) {
        path = r.uri();
      }
      if (msg instanceof LastHttpContent) {
        byte[] body = gzip(html(path));
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
            Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
            .set(HttpHeaderNames.CONTENT_ENCODING, "gzip")
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
            .set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
            .set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'self'")
            .set("X-Content-Type-Options", "nosniff")
            .set("Referrer-Policy", "strict-origin-when-cross-origin")
            .set(HttpHeaderNames.SET_COOKIE, "phien=khoi-dong; Path=/; Secure; HttpOnly; SameSite=Lax")
            .set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close(); // a legacy-protocol handshake refused, a client gone: nothing to tell anyone
    }

    private static String html(String path) {
      StringBuilder items = new StringBuilder();
      for (int i = 1; i <= 120; i++) {
        items.append("<li><a href=\"/thu-tuc/").append(i).append("\">Thủ tục hành chính số ").append(i)
            .append("</a></li>\n");
      }
      return "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
          + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
          + "<title>Cổng dịch vụ công — khởi động " + escape(path) + "</title></head><body>"
          + "<header><img src=\"/logo.png\" alt=\"Quốc huy\"><h1>Cổng dịch vụ công</h1></header>"
          + "<form action=\"/tra-cuu\"><label for=\"q\">Tra cứu hồ sơ</label><input id=\"q\" name=\"q\">"
          + "<button type=\"submit\">Tìm</button></form><ul>" + items + "</ul>"
          + "<footer><a href=\"/chinh-sach-bao-mat\">Chính sách bảo mật</a></footer></body></html>";
    }

    private static String escape(String s) {
      return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static byte[] gzip(String text) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream z = new GZIPOutputStream(out)) {
        z.write(text.getBytes(StandardCharsets.UTF_8));
      }
      return out.toByteArray();
    }
  }
}
