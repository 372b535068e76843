package vn.dvcwatch.probe;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The JSON form of the phases and postures, one shape everywhere: the `check --json` contract (docs/API.md) and the
 * store's posture column are the same objects. Null in, null out.
 */
public final class PostureJsonWriter {
  private PostureJsonWriter() {}

  /** The six phases in milliseconds; a phase that did not happen is null (so is every phase of null). */
  public static JsonObject phases(Phases p) {
    Phases x = p == null ? Phases.NONE : p;
    return new JsonObject().put("dns", x.dns()).put("connect", x.connect()).put("tls", x.tls())
        .put("ttfb", x.ttfb()).put("transfer", x.transfer()).put("total", x.total());
  }

  public static JsonObject tls(TlsPosture t) {
    if (t == null) {
      return null;
    }
    // "trusted": a browser would accept it for this host now; "chainTrusted": the chain alone.
    return new JsonObject().put("trusted", t.browserAccepts()).put("chainTrusted", t.trusted())
        .put("problems", new JsonArray(t.problems())).put("trustError", t.trustError())
        .put("hostnameMatch", t.hostnameMatch()).put("daysLeft", t.daysLeft())
        .put("notAfter", t.notAfter() == null ? null : t.notAfter().toString())
        .put("protocol", t.protocol()).put("cipher", t.cipher()).put("keyType", t.keyType())
        .put("keyBits", t.keyBits()).put("signatureAlgorithm", t.signatureAlgorithm())
        .put("legacyProtocols", t.legacyProtocols() == null ? null : new JsonArray(t.legacyProtocols()))
        .put("forwardSecrecy", t.forwardSecrecy());
  }

  public static JsonObject headers(HeaderPosture h) {
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

  public static JsonObject page(PagePosture p) {
    if (p == null) {
      return null;
    }
    return new JsonObject().put("lang", p.lang()).put("title", p.title()).put("viewport", p.viewport())
        .put("zoomBlocked", p.zoomBlocked()).put("imagesWithoutAlt", p.imagesWithoutAlt())
        .put("unlabeledFields", p.unlabeledFields()).put("linksWithoutName", p.linksWithoutName())
        .put("metaRefresh", p.metaRefresh()).put("privacyPolicyLink", p.privacyPolicyLink());
  }
}
