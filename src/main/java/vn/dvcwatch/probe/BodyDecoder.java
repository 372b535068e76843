package vn.dvcwatch.probe;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import vn.dvcwatch.result.Cause;

/**
 * Undoes the response's Content-Encoding with a hard cap on the output, so that a few kilobytes of
 * gzip cannot expand into gigabytes on our heap (a decompression bomb). Reads at most {@code cap + 1} bytes.
 */
final class BodyDecoder {
  /** The decoded body, or why it could not be decoded ({@link Cause#DECOMPRESSION} or {@link Cause#BODY}). */
  record Decoded(byte[] bytes, String cause, String error) {}

  private BodyDecoder() {}

  static Decoded decode(byte[] body, String contentEncoding, long cap) {
    String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
    if (encoding.isEmpty() || encoding.equals("identity")) {
      return new Decoded(body, null, null);
    }
    try (InputStream in = switch (encoding) {
      case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(body), 8192);
      case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(body));
      default -> null;
    }) {
      if (in == null) {
        return new Decoded(null, null, "unsupported content encoding " + encoding);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(body.length * 4, 1 << 20));
      byte[] buf = new byte[16 * 1024];
      long total = 0;
      for (int n; (n = in.read(buf)) > 0; ) {
        total += n;
        if (total > cap) {
          return new Decoded(null, Cause.DECOMPRESSION, "decompresses to more than " + cap + " bytes");
        }
        out.write(buf, 0, n);
      }
      return new Decoded(out.toByteArray(), null, null);
    } catch (IOException e) {
      return new Decoded(null, Cause.BODY, "broken " + encoding + " body: " + e.getMessage());
    }
  }
}
