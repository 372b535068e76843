package vn.dvcwatch.probe;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import vn.dvcwatch.result.Cause;

/**
 * One HTTP/1.1 request over one fresh connection, timed at the I/O events themselves. The Vert.x HTTP client
 * hides connect, handshake and first-byte moments, so this drives a Netty channel directly on a Vert.x event
 * loop: every stamp is taken with {@link System#nanoTime()} inside the handler that sees the event, on the
 * channel's own thread, never after a hop through a queue (the blackbox_exporter httptrace idea).
 *
 * <p>Every way a server can misbehave ends the hop with a cause: refused or timed-out connect, failed
 * handshake, reset, malformed or oversized head, a body over the cap, the overall deadline.
 */
final class Hop extends ChannelInboundHandlerAdapter {

  /**
   * Where to go and how: a resolved address, the Host / SNI name, and the bounds; {@code source} is the
   * local address the connection leaves from (a vantage's own address), null to let the system choose.
   */
  record Request(InetSocketAddress address, String host, String hostHeader, String pathAndQuery, boolean tls,
      String[] protocols, long deadlineNanos, long connectTimeoutMillis, long maxBodyBytes, int maxHeaderBytes,
      String userAgent, boolean handshakeOnly, java.net.InetAddress source) {}

  /** What happened. Stamps are nanoTime values, 0 when the moment never came. */
  record Result(String cause, String error, Integer status, HttpHeaders headers, byte[] body, long bytes,
      long connectStart, long connected, long handshaken, long written, long firstByte, long lastByte,
      CertificateJudge.Handshake handshake) {

    boolean failed() {
      return cause != null;
    }
  }

  private final Request req;
  private final ProbeTls tls;
  private final Promise<Result> promise;
  private Channel channel;
  private ScheduledFuture<?> deadline;
  private boolean done;
  private String phase = "connect";
  private long connectStart;
  private long connected;
  private long handshaken;
  private long written;
  private long firstByte;
  private long lastByte;
  private Integer status;
  private HttpHeaders headers;
  private byte[] body = new byte[0];
  private int bodyLength;
  private boolean keepBody;
  private long bytes;
  private CertificateJudge.Handshake handshake;

  private Hop(Request req, ProbeTls tls, Promise<Result> promise) {
    this.req = req;
    this.tls = tls;
    this.promise = promise;
  }

  /** Starts the hop on {@code loop}; the result is delivered through {@code promise} (never failed). */
  static Future<Result> run(EventLoop loop, ChannelFactory<? extends Channel> channels, ProbeTls tls, Request req,
      Promise<Result> promise) {
    Hop hop = new Hop(req, tls, promise);
    loop.execute(() -> hop.start(loop, channels));
    return promise.future();
  }

  private void start(EventLoop loop, ChannelFactory<? extends Channel> channels) {
    long remaining = req.deadlineNanos() - System.nanoTime();
    if (remaining <= 0) {
      finish(Cause.TIMEOUT, "deadline reached before connecting");
      return;
    }
    deadline = loop.schedule(() -> finish(Cause.TIMEOUT, "deadline reached during " + phase), remaining,
        TimeUnit.NANOSECONDS);
    int connectMillis = (int) Math.max(1, Math.min(req.connectTimeoutMillis(), TimeUnit.NANOSECONDS.toMillis(remaining)));
    Bootstrap bootstrap = new Bootstrap().group(loop).channelFactory(channels)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMillis)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.AUTO_CLOSE, true)
        .handler(new ChannelInitializer<>() {
          @Override
          protected void initChannel(Channel ch) {
            if (req.tls()) {
              SSLEngine engine = tls.engine(ch.alloc(), req.host(), req.protocols());
              ch.pipeline().addLast("tls", new SslHandler(engine));
            }
            ch.pipeline().addLast("first-byte", new FirstByte());
            ch.pipeline().addLast("http", new HttpClientCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(8192).setMaxHeaderSize(req.maxHeaderBytes()).setMaxChunkSize(64 * 1024),
                false, false));
            ch.pipeline().addLast("hop", Hop.this);
          }
        });
    // Register first (this builds the pipeline and the TLS engine), then stamp and connect: the connect
    // phase must hold only the TCP handshake, not our own set-up.
    io.netty.channel.ChannelFuture registered = bootstrap.register();
    channel = registered.channel();
    registered.addListener(r -> {
      if (!r.isSuccess()) {
        finish(Cause.CONNECT, Failures.describe(r.cause()));
        return;
      }
      if (done) {
        return;
      }
      connectStart = System.nanoTime();
      io.netty.channel.ChannelFuture connecting = req.source() == null ? channel.connect(req.address())
          : channel.connect(req.address(), new InetSocketAddress(req.source(), 0));
      connecting.addListener(f -> {
        if (!f.isSuccess()) {
          finish(Cause.CONNECT, Failures.describe(f.cause()));
        }
      });
    });
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    connected = System.nanoTime();
    if (done) {
      channel.close();
      return;
    }
    if (!req.tls()) {
      sendRequest(ctx);
      return;
    }
    phase = "tls";
    ctx.pipeline().get(SslHandler.class).handshakeFuture().addListener(f -> {
      if (!f.isSuccess()) {
        finish(Cause.TLS, "handshake failed: " + Failures.describe(f.cause()));
        return;
      }
      handshaken = System.nanoTime();
      handshake = CertificateJudge.Handshake.of(ctx.pipeline().get(SslHandler.class).engine());
      if (req.handshakeOnly()) {
        finish(null, null);
      } else {
        sendRequest(ctx);
      }
    });
  }

  private void sendRequest(ChannelHandlerContext ctx) {
    DefaultFullHttpRequest get = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, req.pathAndQuery());
    get.headers().set(HttpHeaderNames.HOST, req.hostHeader())
        .set(HttpHeaderNames.USER_AGENT, req.userAgent())
        .set(HttpHeaderNames.ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8")
        .set(HttpHeaderNames.ACCEPT_ENCODING, "gzip")
        .set(HttpHeaderNames.ACCEPT_LANGUAGE, "vi,en;q=0.5")
        .set(HttpHeaderNames.CONNECTION, "close");
    // Stamped as the write starts: the server may read the request (on another core) before this thread
    // returns from the write, so a stamp taken after it could make ttfb shorter than the server's real
    // wait. Encrypting and writing one small request costs microseconds, the only over-statement left.
    written = System.nanoTime();
    phase = "waiting for the first byte";
    ctx.writeAndFlush(get).addListener(f -> {
      if (!f.isSuccess()) {
        finish(Cause.RESET, "request not sent: " + Failures.describe(f.cause()));
      }
    });
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (done) {
        return;
      }
      if (msg instanceof DecoderResultProvider d && d.decoderResult().isFailure()) {
        Throwable why = d.decoderResult().cause();
        if (why instanceof PrematureChannelClosureException) {
          finish(Cause.BODY, "connection closed in the middle of the body");
        } else {
          finish(Cause.MALFORMED, Failures.describe(why));
        }
        return;
      }
      if (msg instanceof HttpResponse r) {
        if (r.status().code() < 200) {
          return; // 1xx interim responses: the real one follows
        }
        status = r.status().code();
        headers = r.headers();
        phase = "body";
        String type = headers.get(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_TYPE);
        // Only pages are inspected: other bodies are counted and dropped, so they cost no heap.
        String t = type == null ? "" : type.toLowerCase(java.util.Locale.ROOT);
        keepBody = type == null || t.contains("html") || t.contains("xml") || t.contains("text");
        // A declared length sizes the buffer once: growing it by copies was the probe loops' second
        // allocator in a JFR recording of the demo. A wrong or missing length falls back to growing; at
        // most 1 MB is taken on a server's word, so a hostile one cannot make every probe reserve the cap.
        long declared = io.netty.handler.codec.http.HttpUtil.getContentLength(r, -1L);
        if (keepBody && declared > 0 && declared <= req.maxBodyBytes()) {
          body = new byte[(int) Math.min(declared, 1 << 20)];
        }
      }
      if (msg instanceof HttpContent c && status != null) {
        append(c.content());
        if (done) {
          return;
        }
        if (msg instanceof LastHttpContent) {
          lastByte = System.nanoTime();
          finish(null, null);
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void append(ByteBuf content) {
    int n = content.readableBytes();
    bytes += n;
    if (bytes > req.maxBodyBytes()) {
      finish(Cause.BODY_TOO_LARGE, "body larger than " + req.maxBodyBytes() + " bytes");
      return;
    }
    if (!keepBody) {
      content.skipBytes(n);
      return;
    }
    if (bodyLength + n > body.length) {
      body = Arrays.copyOf(body, (int) Math.min(req.maxBodyBytes(), Math.max(8192, 2L * (bodyLength + n))));
    }
    content.readBytes(body, bodyLength, n);
    bodyLength += n;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (status == null) {
      finish(Cause.RESET, "connection closed before the response" + (written == 0 ? " was requested" : ""));
    } else {
      finish(Cause.BODY, "connection closed in the middle of the body");
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (connected == 0) {
      finish(Cause.CONNECT, Failures.describe(cause));
    } else if (req.tls() && handshaken == 0 || Failures.rootOf(cause) instanceof SSLException) {
      finish(Cause.TLS, Failures.describe(cause));
    } else if (Failures.rootOf(cause) instanceof IOException) {
      finish(Cause.RESET, Failures.describe(cause));
    } else {
      finish(Cause.MALFORMED, Failures.describe(cause));
    }
  }

  private void finish(String cause, String error) {
    if (done) {
      return;
    }
    done = true;
    if (deadline != null) {
      deadline.cancel(false);
    }
    if (channel != null) {
      channel.close();
    }
    byte[] kept = cause == null && keepBody ? (bodyLength == body.length ? body : Arrays.copyOf(body, bodyLength)) : null;
    body = null;
    promise.tryComplete(new Result(cause, error, status, headers, kept, bytes, connectStart, connected,
        handshaken, written, firstByte, lastByte, handshake));
  }

  /**
   * Stamps the first response byte. It sits after TLS decryption (so TLS 1.3 session tickets, which arrive
   * before the answer, do not count) and before HTTP parsing (so a head split over several reads is timed
   * at its first part).
   */
  private final class FirstByte extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (firstByte == 0 && written != 0 && msg instanceof ByteBuf b && b.isReadable()) {
        firstByte = System.nanoTime();
      }
      ctx.fireChannelRead(msg);
    }
  }
}
