package vn.dvcwatch.web;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A rendered public body reused until an event is published or a second has passed. The public read
 * path (the ranking, /status, /embed) must survive a news front page: rendering and hashing once per
 * change, not once per request, is what makes that cheap. With a large fleet events arrive hundreds
 * of times a second, so a body is also kept at least a quarter of a second.
 */
final class CachedBody {
  private static final long MIN_AGE_NANOS = Duration.ofMillis(250).toNanos();
  private static final long MAX_AGE_NANOS = Duration.ofSeconds(1).toNanos();

  private final LongSupplier version;
  private final Supplier<Buffer> render;
  private final LongSupplier nanoClock;
  private volatile Entry entry;

  CachedBody(LongSupplier version, Supplier<Buffer> render) {
    this(version, render, System::nanoTime);
  }

  CachedBody(LongSupplier version, Supplier<Buffer> render, LongSupplier nanoClock) {
    this.version = version;
    this.render = render;
    this.nanoClock = nanoClock;
  }

  /** The current body and its ETag (two racing requests may both render; the result is the same). */
  Entry current() {
    long v = version.getAsLong();
    long now = nanoClock.getAsLong();
    Entry e = entry;
    long age = e == null ? 0 : now - e.renderedAt;
    if (e == null || (e.version != v && age >= MIN_AGE_NANOS) || age >= MAX_AGE_NANOS) {
      Buffer body = render.get();
      e = new Entry(v, now, offHeap(body), HttpHeaders.createOptimized(Replies.etag(body)));
      entry = e;
    }
    return e;
  }

  /**
   * The same bytes in direct memory. A heap body is copied into a direct buffer by Netty on every
   * response; a direct one goes to the socket as it is, which is most of the cost of a 20-30 KB body
   * (measured by bench/p5-read-path.sh). The JDK buffer is freed by the GC once no entry or pending
   * write holds it.
   */
  static Buffer offHeap(Buffer body) {
    ByteBuffer direct = ByteBuffer.allocateDirect(body.length());
    direct.put(body.getBytes()).flip();
    return BufferInternal.buffer(Unpooled.wrappedBuffer(direct));
  }

  record Entry(long version, long renderedAt, Buffer body, CharSequence etag) {}
}
