package vn.dvcwatch.sim;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;

/**
 * One accepted connection of a simulated portal. Requests are answered one at a time, in order, after
 * the portal's time to first byte (a Vert.x timer, never a sleep), in whatever mode the portal is in when
 * the request arrives. TLS is added here, on the raw channel, so that a mode can also break the handshake.
 */
final class SimConnection {
  private static final Buffer HALF_SERVER_HELLO = Buffer.buffer(new byte[] {
      0x16, 0x03, 0x03, 0x00, 0x50, 0x02, 0x00, 0x00, 0x4c, 0x03, 0x03, 0x5a, 0x1c, 0x07, 0x42, 0x11, 0x6e});
  private static final Buffer PNG = Buffer.buffer(Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="));
  private static final Buffer CSS = Buffer.buffer("body{font-family:Arial,sans-serif;margin:0 auto;max-width:1100px}\n");
  private static final long DRIP_INTERVAL_MS = 200;

  private final PortalServer server;
  private final NetSocket socket;
  private final boolean tls;
  /** The client's address ("127.0.0.2"): a scenario may treat connections from one vantage apart. */
  private final String source;
  private final Deque<RequestHead> queue = new ArrayDeque<>();
  private final HostileResponses hostile;
  private boolean busy;
  private boolean closed;
  private long timer = -1;

  SimConnection(PortalServer server, NetSocket socket, boolean tls) {
    this.server = server;
    this.socket = socket;
    this.tls = tls;
    this.source = socket.remoteAddress() == null ? null : socket.remoteAddress().hostAddress();
    this.hostile = new HostileResponses(server, this);
  }

  void start() {
    start(null);
  }

  /** Starts serving; {@code alreadyRead} is what a router read before handing the connection over. */
  void start(Buffer alreadyRead) {
    socket.exceptionHandler(e -> { }); // clients that give up mid-handshake or mid-body are routine here
    socket.closeHandler(v -> {
      closed = true;
      cancelTimer();
    });
    SimMode atAccept = server.modeFor(source);
    if (atAccept == SimMode.REFUSED) {
      reset(); // refused for this source only: the listener is open for the others
      return;
    }
    if (tls && atAccept == SimMode.RESET_MID_HANDSHAKE) {
      socket.handler(clientHello -> {
        socket.handler(null);
        socket.write(HALF_SERVER_HELLO).onComplete(x -> reset());
      });
      return;
    }
    if (tls) {
      channel().pipeline().addFirst("ssl", server.sslHandler(atAccept == SimMode.REVOKED));
    }
    RequestReader reader = new RequestReader(this::onRequest, this::badRequest);
    socket.handler(reader::feed);
    if (alreadyRead != null) {
      reader.feed(alreadyRead);
    }
  }

  boolean tls() {
    return tls;
  }

  /** Still connected: the close handler may not have run yet when a write loop asks. */
  boolean open() {
    return !closed && channel().isActive();
  }

  NetSocket socket() {
    return socket;
  }

  private void onRequest(RequestHead head) {
    queue.add(head);
    if (!busy) {
      next();
    }
  }

  /** Answers the next queued request, if any. */
  void next() {
    RequestHead head = queue.poll();
    busy = head != null;
    if (head == null || closed) {
      return;
    }
    SimMode mode = server.modeFor(source);
    switch (mode) {
      case TIMEOUT -> { } // read and never answered: this connection stays busy until the client leaves
      case RESET, RESET_MID_HANDSHAKE, REFUSED -> reset();
      default -> after(server.nextDelayMs(source), () -> respond(head, mode));
    }
  }

  /** Runs {@code action} after {@code ms}, unless the connection closes first. */
  void after(long ms, Runnable action) {
    if (ms <= 0) {
      action.run();
      return;
    }
    timer = server.vertx.setTimer(ms, id -> {
      timer = -1;
      if (!closed) {
        action.run();
      }
    });
  }

  /** Repeats {@code action} every {@code ms} until it returns false or the connection closes. */
  void every(long ms, java.util.function.BooleanSupplier action) {
    timer = server.vertx.setPeriodic(ms, id -> {
      if (!open() || !action.getAsBoolean()) {
        server.vertx.cancelTimer(id);
        timer = -1;
      }
    });
  }

  private void cancelTimer() {
    if (timer >= 0) {
      server.vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void respond(RequestHead head, SimMode mode) {
    switch (mode) {
      case HTTP_500 -> page(head, 500, "Internal Server Error", PortalPages.error(500, server.name), false, "");
      case HTTP_503 -> page(head, 503, "Service Unavailable", PortalPages.error(503, server.name), false,
          "Retry-After: 120\r\n");
      case SLOW_DRIP -> slowDrip(head);
      case ENDLESS_BODY -> hostile.endlessBody();
      case GZIP_BOMB -> hostile.gzipBomb(head);
      case REDIRECT_LOOP -> hostile.redirectLoop(head);
      case MALFORMED_STATUS -> hostile.malformedStatus();
      case HUGE_HEADERS -> hostile.hugeHeaders();
      default -> normal(head);
    }
  }

  private void normal(RequestHead head) {
    if (!tls && server.posture.plainHttp() == PlainHttp.REDIRECT) {
      redirect(head, 301, "Moved Permanently", "https://" + server.hostname + ":" + server.httpsPort() + head.target());
      return;
    }
    String path = head.path();
    PageFlags flags = server.posture.page();
    if (path.equals("/") || path.equals("/index.html")) {
      page(head, 200, "OK", PortalPages.homepage(server.name, flags), true, "");
    } else if (path.equals(PortalPages.EFORM_PATH)) {
      page(head, 200, "OK", PortalPages.eform(server.name, flags), true, "");
    } else if (path.equals(PortalPages.PRIVACY_PATH) && flags.privacyLink()) {
      page(head, 200, "OK", PortalPages.privacy(server.name), false, "");
    } else if (path.startsWith(BrowserLab.PREFIX)) {
      BrowserLab.respond(this, head);
    } else if (path.startsWith("/static/")) {
      boolean css = path.endsWith(".css");
      send(head, 200, "OK", css ? "text/css; charset=utf-8" : "image/png", css ? CSS : PNG, false, "");
    } else {
      page(head, 404, "Not Found", PortalPages.error(404, server.name), false, "");
    }
  }

  void redirect(RequestHead head, int status, String reason, String location) {
    page(head, status, reason, "<!DOCTYPE html>\n<html lang=\"vi\"><body><a href=\"" + location + "\">Chuyển hướng</a></body></html>\n",
        false, "Location: " + location + "\r\n");
  }

  private void page(RequestHead head, int status, String reason, String html, boolean cookie, String extra) {
    send(head, status, reason, "text/html; charset=utf-8", Buffer.buffer(html, "UTF-8"), cookie, extra);
  }

  /** One complete response; the connection stays open for the next request when the client wants it. */
  void send(RequestHead head, int status, String reason, String type, Buffer body, boolean cookie, String extra) {
    boolean keepAlive = head.keepAlive();
    StringBuilder h = server.heads.head(status, reason, type, body.length(), tls, cookie, keepAlive).append(extra)
        .append("\r\n");
    Buffer out = Buffer.buffer(h.toString(), StandardCharsets.ISO_8859_1.name());
    if (!head.method().equals("HEAD")) {
      out.appendBuffer(body);
    }
    socket.write(out);
    finish(keepAlive);
  }

  void finish(boolean keepAlive) {
    if (keepAlive) {
      next();
    } else {
      socket.close();
    }
  }

  private void slowDrip(RequestHead head) {
    Buffer body = Buffer.buffer(PortalPages.homepage(server.name, server.posture.page()), "UTF-8");
    StringBuilder h = server.heads.head(200, "OK", "text/html; charset=utf-8", body.length(), tls, true, false)
        .append("\r\n");
    socket.write(Buffer.buffer(h.toString(), StandardCharsets.ISO_8859_1.name()));
    int[] sent = {0};
    every(DRIP_INTERVAL_MS, () -> {
      socket.write(body.getBuffer(sent[0], sent[0] + 1));
      if (++sent[0] < body.length()) {
        return true;
      }
      socket.close();
      return false;
    });
  }

  private void badRequest() {
    socket.write(Buffer.buffer(server.heads.statusLine(400, "Bad Request")
        .append("Content-Length: 0\r\nConnection: close\r\n\r\n").toString()));
    socket.close();
  }

  /** A TCP reset: no TLS close_notify, no FIN, unsent bytes dropped. */
  void reset() {
    Channel ch = channel();
    if (ch.pipeline().get("ssl") != null) {
      ch.pipeline().remove("ssl");
    }
    ch.config().setOption(ChannelOption.SO_LINGER, 0);
    ch.close();
  }

  private Channel channel() {
    return ((NetSocketInternal) socket).channelHandlerContext().channel();
  }
}
