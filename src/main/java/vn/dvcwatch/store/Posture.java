package vn.dvcwatch.store;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.PostureJson;

/**
 * The TLS, header and page posture of one probe as stored once in {@code probe_posture}, keyed by a
 * digest: identical postures of successive probes share one row. The digest is taken over the records'
 * own text form, which is cheap enough for every probe on the writer's event loop; the JSON is built only
 * for a posture about to be inserted. (A different JVM printing records differently would only store
 * an equal posture twice, never mix two different ones.)
 */
record Posture(byte[] digest, ProbeResult source) {

  /** Null when the probe saw none of the three (it failed before TLS). */
  static Posture of(ProbeResult r) {
    if (r.tls() == null && r.headers() == null && r.page() == null) {
      return null;
    }
    String canonical = r.tls() + "\n" + r.headers() + "\n" + r.page();
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return new Posture(Arrays.copyOf(sha, 16), r);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  String key() {
    return HexFormat.of().formatHex(digest);
  }

  Buffer digestBuffer() {
    return Buffer.buffer(digest);
  }

  JsonObject tlsJson() {
    return PostureJson.tls(source.tls());
  }

  JsonObject headersJson() {
    return PostureJson.headers(source.headers());
  }

  JsonObject pageJson() {
    return PostureJson.page(source.page());
  }
}
