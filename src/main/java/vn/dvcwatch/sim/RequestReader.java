package vn.dvcwatch.sim;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Cuts the bytes of one connection into request heads, skipping request bodies by Content-Length
 * (a form post). A hand-written reader, because the hostile modes need the raw connection: a normal
 * HTTP server cannot send a malformed status line or reset mid-handshake.
 */
final class RequestReader {
  static final int MAX_HEAD = 32 * 1024;
  private static final byte[] END = {'\r', '\n', '\r', '\n'};

  private final Consumer<RequestHead> onRequest;
  private final Runnable onBadRequest;
  private Buffer pending = Buffer.buffer();
  private long bodyToSkip;

  RequestReader(Consumer<RequestHead> onRequest, Runnable onBadRequest) {
    this.onRequest = onRequest;
    this.onBadRequest = onBadRequest;
  }

  void feed(Buffer data) {
    int from = 0;
    if (bodyToSkip > 0) {
      int skipped = (int) Math.min(bodyToSkip, data.length());
      bodyToSkip -= skipped;
      from = skipped;
    }
    if (from < data.length()) {
      pending.appendBuffer(data, from, data.length() - from);
    }
    int end;
    while (bodyToSkip == 0 && (end = indexOfEnd(pending)) >= 0) {
      RequestHead head = parse(pending.getString(0, end, StandardCharsets.ISO_8859_1.name()));
      int afterHead = end + END.length;
      if (head == null) {
        pending = Buffer.buffer();
        onBadRequest.run();
        return;
      }
      long body = head.contentLength();
      int inBuffer = (int) Math.min(body, pending.length() - afterHead);
      bodyToSkip = body - inBuffer;
      pending = pending.getBuffer(afterHead + inBuffer, pending.length());
      onRequest.accept(head);
    }
    if (pending.length() > MAX_HEAD) {
      pending = Buffer.buffer();
      onBadRequest.run();
    }
  }

  private static int indexOfEnd(Buffer b) {
    outer:
    for (int i = 0; i + END.length <= b.length(); i++) {
      for (int j = 0; j < END.length; j++) {
        if (b.getByte(i + j) != END[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static RequestHead parse(String text) {
    String[] lines = text.split("\r\n");
    String[] requestLine = lines[0].split(" ");
    if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.") || !requestLine[1].startsWith("/")) {
      return null;
    }
    Map<String, String> headers = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        return null;
      }
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    return new RequestHead(requestLine[0], requestLine[1], requestLine[2], headers);
  }
}
