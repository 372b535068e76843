package vn.dvcwatch.probe;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.Set;

/** Small real servers on 127.0.0.1 for probe tests: well-behaved HTTPS sites and raw TCP misbehaviour. */
final class TestSites {
  private TestSites() {}

  static HttpServer https(Vertx vertx, TestPki.Issued cert, TestPki.Issued ca, Set<String> protocols,
      Handler<HttpServerRequest> handler) throws Exception {
    HttpServerOptions o = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
        .setKeyCertOptions(ca == null ? cert.serverOptions() : cert.serverOptions(ca));
    if (protocols != null) {
      o.setEnabledSecureTransportProtocols(protocols);
    }
    return vertx.createHttpServer(o).requestHandler(handler).listen().await();
  }

  static HttpServer http(Vertx vertx, Handler<HttpServerRequest> handler) {
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(handler).listen().await();
  }

  /** A plain TCP server whose handler decides what, if anything, an HTTP client gets back. */
  static NetServer raw(Vertx vertx, Handler<NetSocket> handler) {
    return vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0))
        .connectHandler(handler).listen().await();
  }

  static final String PAGE = """
      <!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng Dịch vụ công</title>
      <meta name="viewport" content="width=device-width, initial-scale=1"></head>
      <body><a href="/chinh-sach-bao-mat">Chính sách bảo mật</a><img src="/logo.png" alt="Logo">
      <label for="q">Tìm kiếm</label><input id="q" name="q"></body></html>""";
}
