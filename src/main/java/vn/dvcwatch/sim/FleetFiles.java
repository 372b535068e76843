package vn.dvcwatch.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * The three files a simulated fleet leaves for its clients: the test CA (trusted only by a watchdog told
 * to), a hosts(5) file mapping every portal's name to 127.0.0.1, and the manifest — exactly what each
 * portal serves, the ground truth tests and benchmarks compare the watchdog's findings with.
 */
final class FleetFiles {
  static final String CA = "ca.pem";
  static final String HOSTS = "hosts";
  static final String MANIFEST = "manifest.json";

  private FleetFiles() {}

  static void write(Path dir, String caPem, List<PortalServer> servers, long seed, Scenario scenario) {
    try {
      Files.createDirectories(dir);
      replace(dir.resolve(CA), caPem);
      StringBuilder hosts = new StringBuilder();
      for (PortalServer s : servers) {
        hosts.append("127.0.0.1 ").append(s.hostname).append('\n');
      }
      replace(dir.resolve(HOSTS), hosts.toString());
      replace(dir.resolve(MANIFEST), manifest(dir, servers, seed, scenario).encodePrettily() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the simulator's files under " + dir, e);
    }
  }

  /** Written beside, then moved: a reader never sees half a manifest. */
  private static void replace(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static JsonObject manifest(Path dir, List<PortalServer> servers, long seed, Scenario scenario) {
    JsonArray portals = new JsonArray();
    for (PortalServer s : servers) {
      portals.add(portal(s, scenario));
    }
    return new JsonObject()
        .put("seed", seed)
        .put("ca", dir.resolve(CA).toAbsolutePath().toString())
        .put("hosts", dir.resolve(HOSTS).toAbsolutePath().toString())
        .put("scenario", scenario.file())
        .put("portals", portals);
  }

  private static JsonObject portal(PortalServer s, Scenario scenario) {
    SimPortal p = s.portal();
    SimPosture posture = p.posture();
    JsonObject tls = null;
    if (posture.https()) {
      tls = new JsonObject()
          .put("certificate", posture.cert().label())
          .put("daysLeft", posture.daysLeft())
          .put("trusted", posture.cert() != CertPosture.SELF_SIGNED)
          .put("hostnameMatch", posture.cert() != CertPosture.WRONG_HOST)
          .put("certificateHostname", posture.cert() == CertPosture.WRONG_HOST ? TestCa.WRONG_HOSTNAME : p.hostname())
          .put("keyType", "RSA")
          .put("keyBits", posture.cert() == CertPosture.RSA_1024 ? 1024 : 2048)
          .put("signature", posture.cert() == CertPosture.SHA1_SIGNATURE ? "SHA1withECDSA"
              : posture.cert() == CertPosture.SELF_SIGNED ? "SHA256withRSA" : "SHA256withECDSA")
          .put("legacyProtocols", posture.legacyTls() ? new JsonArray().add("TLSv1").add("TLSv1.1") : new JsonArray());
    }
    HeaderSet h = posture.headers();
    PageFlags f = posture.page();
    JsonArray events = new JsonArray();
    scenario.eventsOf(p.id()).forEach(e -> events.add(e.describe()));
    JsonObject headers = new JsonObject()
        .put("hsts", posture.https() && h.hsts())
        .put("csp", h.csp())
        .put("xFrameOptions", h.xFrameOptions())
        .put("xContentTypeOptions", h.nosniff())
        .put("referrerPolicy", h.referrerPolicy())
        .put("serverVersionLeak", h.serverVersion())
        .put("server", s.heads.server());
    JsonObject cookie = new JsonObject()
        .put("name", ResponseHeads.COOKIE_NAME)
        .put("secure", posture.cookie().secure())
        .put("httpOnly", posture.cookie().httpOnly())
        .put("sameSite", posture.cookie().sameSite());
    JsonObject page = new JsonObject()
        .put("lang", f.lang())
        .put("title", f.title())
        .put("viewport", f.viewport())
        .put("zoomBlocked", f.zoomBlocked())
        .put("privacyLink", f.privacyLink())
        .put("homepage", new JsonObject().put("imagesWithoutAlt", f.imagesWithoutAlt()).put("unlabeledFields", 0))
        .put("eform", new JsonObject().put("imagesWithoutAlt", Math.min(1, f.imagesWithoutAlt()))
            .put("unlabeledFields", f.unlabeledFields()));
    JsonObject latency = new JsonObject()
        .put("medianMs", posture.latency().medianMs())
        .put("sigma", posture.latency().sigma())
        .put("distribution", "lognormal, capped at 4 x median");
    return new JsonObject()
        .put("id", p.id())
        .put("name", p.name())
        .put("kind", p.kind().label())
        .put("hostname", p.hostname())
        .put("ports", new JsonObject().put("https", posture.https() ? p.httpsPort() : null).put("http", p.httpPort()))
        .put("urls", new JsonObject().put("homepage", p.homepage().toString()).put("eform", p.eform().toString()))
        .put("posture", new JsonObject()
            .put("plainHttp", posture.plainHttp().label())
            .put("tls", tls)
            .put("headers", headers)
            .put("cookie", cookie)
            .put("page", page)
            .put("latency", latency))
        .put("scenario", events);
  }

  static String label(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
