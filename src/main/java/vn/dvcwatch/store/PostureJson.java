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

  static JsonObject tls(TlsPosture t) {
    if (t == null) {
      return null;
    }
    return new JsonObject().put("trusted", t.trusted()).put("trustError", t.trustError())
        .put("hostnameMatch", t.hostnameMatch()).put("daysLeft", t.daysLeft())
        .put("notAfter", t.notAfter() == null ? null : t.notAfter().toString()).put("protocol", t.protocol())
        .put("cipher", t.cipher()).put("keyType", t.keyType()).put("keyBits", t.keyBits())
        .put("signatureAlgorithm", t.signatureAlgorithm())
        .put("legacyProtocols", t.legacyProtocols() == null ? null : new JsonArray(List.copyOf(t.legacyProtocols())))
        .put("forwardSecrecy", t.forwardSecrecy());
  }

  static TlsPosture tls(JsonObject j) {
    if (j == null) {
      return null;
    }
    String notAfter = j.getString("notAfter");
    JsonArray legacy = j.getJsonArray("legacyProtocols");
    return new TlsPosture(j.getBoolean("trusted", false), j.getString("trustError"),
        j.getBoolean("hostnameMatch", false), j.getInteger("daysLeft"),
        notAfter == null ? null : Instant.parse(notAfter), j.getString("protocol"), j.getString("cipher"),
        j.getString("keyType"), j.getInteger("keyBits"), j.getString("signatureAlgorithm"),
        legacy == null ? null : legacy.stream().map(String::valueOf).toList(), j.getBoolean("forwardSecrecy", false));
  }

  static JsonObject headers(HeaderPosture h) {
    if (h == null) {
      return null;
    }
    return new JsonObject().put("httpsRedirect", h.httpsRedirect()).put("hsts", h.hsts())
        .put("hstsMaxAgeSeconds", h.hstsMaxAgeSeconds()).put("csp", h.csp()).put("cspUnsafeInline", h.cspUnsafeInline())
        .put("xFrameOptions", h.xFrameOptions()).put("xContentTypeOptions", h.xContentTypeOptions())
        .put("referrerPolicy", h.referrerPolicy()).put("serverVersionLeak", h.serverVersionLeak())
        .put("cookies", h.cookies()).put("cookiesWithoutSecure", h.cookiesWithoutSecure())
        .put("cookiesWithoutHttpOnly", h.cookiesWithoutHttpOnly())
        .put("cookiesWithoutSameSite", h.cookiesWithoutSameSite()).put("mixedContent", h.mixedContent());
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

  static JsonObject page(PagePosture p) {
    if (p == null) {
      return null;
    }
    return new JsonObject().put("lang", p.lang()).put("title", p.title()).put("viewport", p.viewport())
        .put("zoomBlocked", p.zoomBlocked()).put("imagesWithoutAlt", p.imagesWithoutAlt())
        .put("unlabeledFields", p.unlabeledFields()).put("linksWithoutName", p.linksWithoutName())
        .put("metaRefresh", p.metaRefresh()).put("privacyPolicyLink", p.privacyPolicyLink());
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
