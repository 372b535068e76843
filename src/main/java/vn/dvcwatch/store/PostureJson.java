package vn.dvcwatch.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import vn.dvcwatch.probe.HeaderPosture;
import vn.dvcwatch.probe.PagePosture;
import vn.dvcwatch.probe.TlsPosture;

/**
 * The JSON stored in {@code probe_posture} for each posture record. Written by hand, field by field,
 * so that the stored shape is explicit and a renamed record component fails a test, not old rows.
 */
final class PostureJson {
  private PostureJson() {}

  static JsonObject tls(TlsPosture x) {
    return vn.dvcwatch.probe.PostureJsonWriter.tls(x);
  }

  static TlsPosture tls(JsonObject j) {
    if (j == null) {
      return null;
    }
    String notAfter = j.getString("notAfter");
    JsonArray legacy = j.getJsonArray("legacyProtocols");
    // "chainTrusted" since the browser verdict took the name "trusted"; older rows have chain trust there.
    TlsPosture t = new TlsPosture(j.getBoolean("chainTrusted", j.getBoolean("trusted", false)), j.getString("trustError"),
        j.getBoolean("hostnameMatch", false), j.getInteger("daysLeft"),
        notAfter == null ? null : Instant.parse(notAfter), j.getString("protocol"), j.getString("cipher"),
        j.getString("keyType"), j.getInteger("keyBits"), j.getString("signatureAlgorithm"),
        legacy == null ? null : legacy.stream().map(String::valueOf).toList(), j.getBoolean("forwardSecrecy", false));
    JsonArray problems = j.getJsonArray("problems");
    return problems == null ? t : new TlsPosture(t.trusted(), t.trustError(), t.hostnameMatch(), t.daysLeft(),
        t.notAfter(), t.protocol(), t.cipher(), t.keyType(), t.keyBits(), t.signatureAlgorithm(),
        t.legacyProtocols(), t.forwardSecrecy(), problems.stream().map(String::valueOf).toList());
  }

  static JsonObject headers(HeaderPosture x) {
    return vn.dvcwatch.probe.PostureJsonWriter.headers(x);
  }

  static HeaderPosture headers(JsonObject j) {
    if (j == null) {
      return null;
    }
    return new HeaderPosture(j.getBoolean("httpsRedirect"), j.getBoolean("hsts", false),
        j.getLong("hstsMaxAgeSeconds", 0L), j.getBoolean("csp", false), j.getBoolean("cspUnsafeInline", false),
        j.getBoolean("xFrameOptions", false), j.getBoolean("xContentTypeOptions", false),
        j.getBoolean("referrerPolicy", false), j.getBoolean("serverVersionLeak", false), j.getInteger("cookies", 0),
        j.getInteger("cookiesWithoutSecure", 0), j.getInteger("cookiesWithoutHttpOnly", 0),
        j.getInteger("cookiesWithoutSameSite", 0), j.getBoolean("mixedContent", false));
  }

  static JsonObject page(PagePosture x) {
    return vn.dvcwatch.probe.PostureJsonWriter.page(x);
  }

  static PagePosture page(JsonObject j) {
    if (j == null) {
      return null;
    }
    return new PagePosture(j.getBoolean("lang", false), j.getBoolean("title", false), j.getBoolean("viewport", false),
        j.getBoolean("zoomBlocked", false), j.getInteger("imagesWithoutAlt", 0), j.getInteger("unlabeledFields", 0),
        j.getInteger("linksWithoutName", 0), j.getBoolean("metaRefresh", false),
        j.getBoolean("privacyPolicyLink", false));
  }
}
