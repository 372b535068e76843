package vn.dvcwatch.web;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * One server-sent event, encoded once ({@code id}, {@code event}, one {@code data} line) and shared by every
 * client. The bytes sit in direct memory: a heap buffer is copied into a fresh direct one by Netty for each
 * of the 10,000 sockets it is written to (the allocator showed in the P4 profile), a direct one is not.
 * {@code probe} marks the per-probe events that clients asking {@code ?probes=0} do not receive.
 */
record SseFrame(long id, Buffer bytes, boolean probe) {
  SseFrame(long id, Buffer bytes) {
    this(id, bytes, false);
  }

  static SseFrame of(long id, String event, String json) {
    // JSON from encode() never contains a raw newline, so one data line always suffices.
    String text = "id: " + id + "\nevent: " + event + "\ndata: " + json + "\n\n";
    return new SseFrame(id, CachedBody.offHeap(Buffer.buffer(text.getBytes(StandardCharsets.UTF_8))), "probe".equals(event));
  }
}
