package vn.dvcwatch.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** One portal's entry in manifest.json: where it is and exactly what it serves (docs/SIMULATOR.md). */
final class ManifestEntry {
  private ManifestEntry() {}

  static JsonObject of(PortalServer s, Scenario scenario) {
    SimPortal p = s.portal();
    SimPosture posture = p.posture();
    JsonArray events = new JsonArray();
    scenario.eventsOf(p.id()).forEach(e -> events.add(e.describe()));
    return new JsonObject()
        .put("id", p.id())
        .put("name", p.name())
        .put("kind", p.kind().label())
        .put("hostname", p.hostname())
        .put("ports", new JsonObject().put("https", posture.https() ? p.httpsPort() : null).put("http", p.httpPort()))
        .put("urls", new JsonObject().put("homepage", p.homepage().toString()).put("eform", p.eform().toString()))
        .put("posture", new JsonObject()
            .put("plainHttp", posture.plainHttp().label())
            .put("tls", posture.https() ? tls(p) : null)
            .put("headers", headers(posture, s.heads.server()))
            .put("cookie", cookie(posture.cookie()))
            .put("page", page(posture.page()))
            .put("latency", new JsonObject()
                .put("medianMs", posture.latency().medianMs())
                .put("sigma", posture.latency().sigma())
                .put("distribution", "lognormal, capped at 4 x median")))
        .put("scenario", events);
  }

  private static JsonObject tls(SimPortal p) {
    SimPosture posture = p.posture();
    CertPosture cert = posture.cert();
    return new JsonObject()
        .put("certificate", cert.label())
        .put("daysLeft", posture.daysLeft())
        .put("trusted", cert != CertPosture.SELF_SIGNED && cert != CertPosture.UNTRUSTED)
        .put("hostnameMatch", cert != CertPosture.WRONG_HOST)
        .put("certificateHostname", cert == CertPosture.WRONG_HOST ? TestCa.WRONG_HOSTNAME : p.hostname())
        .put("keyType", "RSA")
        .put("keyBits", cert == CertPosture.RSA_1024 ? 1024 : 2048)
        .put("signature", cert == CertPosture.SHA1_SIGNATURE ? "SHA1withECDSA"
            : cert == CertPosture.SELF_SIGNED ? "SHA256withRSA" : "SHA256withECDSA")
        .put("legacyProtocols", posture.legacyTls() ? new JsonArray().add("TLSv1").add("TLSv1.1") : new JsonArray());
  }

  private static JsonObject headers(SimPosture posture, String server) {
    HeaderSet h = posture.headers();
    return new JsonObject()
        .put("hsts", posture.https() && h.hsts())
        .put("csp", h.csp())
        .put("xFrameOptions", h.xFrameOptions())
        .put("xContentTypeOptions", h.nosniff())
        .put("referrerPolicy", h.referrerPolicy())
        .put("serverVersionLeak", h.serverVersion())
        .put("server", server);
  }

  private static JsonObject cookie(CookieFlags c) {
    return new JsonObject()
        .put("name", ResponseHeads.COOKIE_NAME)
        .put("secure", c.secure())
        .put("httpOnly", c.httpOnly())
        .put("sameSite", c.sameSite());
  }

  /** The logo lacks alt text whenever any image does, so the eForm has at most one image without it. */
  private static JsonObject page(PageFlags f) {
    return new JsonObject()
        .put("lang", f.lang())
        .put("title", f.title())
        .put("viewport", f.viewport())
        .put("zoomBlocked", f.zoomBlocked())
        .put("privacyLink", f.privacyLink())
        .put("homepage", new JsonObject().put("imagesWithoutAlt", f.imagesWithoutAlt()).put("unlabeledFields", 0))
        .put("eform", new JsonObject().put("imagesWithoutAlt", Math.min(1, f.imagesWithoutAlt()))
            .put("unlabeledFields", f.unlabeledFields()));
  }
}
