package vn.dvcwatch.result;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The JSON form of the phases and postures, one shape everywhere, written and read here only: the `check --json`
 * contract (docs/API.md), the SSE `probe` event and the store's {@code probe_posture} column are the same objects.
 * Written by hand, field by field, so that the shape is explicit and a renamed record component fails a test, not
 * old rows. Null in, null out.
 */
public final class PostureJson {
  private PostureJson() {}

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

  public static TlsPosture tls(JsonObject j) {
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

  public static HeaderPosture headers(JsonObject j) {
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

  public static PagePosture page(JsonObject j) {
    if (j == null) {
      return null;
    }
    return new PagePosture(j.getBoolean("lang", false), j.getBoolean("title", false), j.getBoolean("viewport", false),
        j.getBoolean("zoomBlocked", false), j.getInteger("imagesWithoutAlt", 0), j.getInteger("unlabeledFields", 0),
        j.getInteger("linksWithoutName", 0), j.getBoolean("metaRefresh", false),
        j.getBoolean("privacyPolicyLink", false));
  }
}
