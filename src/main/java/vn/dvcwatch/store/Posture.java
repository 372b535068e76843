package vn.dvcwatch.store;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import vn.dvcwatch.probe.ProbeResult;

/**
 * The TLS, header and page posture of one probe as stored once in {@code probe_posture}, keyed by a
 * digest of its JSON: identical postures of successive probes share one row.
 */
record Posture(byte[] digest, JsonObject tls, JsonObject headers, JsonObject page) {

  /** Null when the probe saw none of the three (it failed before TLS). */
  static Posture of(ProbeResult r) {
    if (r.tls() == null && r.headers() == null && r.page() == null) {
      return null;
    }
    JsonObject tls = PostureJson.tls(r.tls());
    JsonObject headers = PostureJson.headers(r.headers());
    JsonObject page = PostureJson.page(r.page());
    String canonical = String.valueOf(tls) + '\n' + headers + '\n' + page;
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return new Posture(Arrays.copyOf(sha, 16), tls, headers, page);
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
}
