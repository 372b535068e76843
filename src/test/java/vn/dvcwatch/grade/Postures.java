package vn.dvcwatch.grade;

import java.time.Instant;
import java.util.List;
import vn.dvcwatch.result.HeaderPosture;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.PagePosture;
import vn.dvcwatch.result.Phases;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.result.TlsPosture;

/** Known postures for the tests: a clean fast portal, and single faults derived from it. */
final class Postures {
  private static final Instant NOT_AFTER = Instant.parse("2027-06-01T00:00:00Z");

  private Postures() {}

  static TlsPosture cleanTls() {
    return new TlsPosture(true, null, true, 200, NOT_AFTER, "TLSv1.3",
        "TLS_AES_256_GCM_SHA384", "EC", 256, "SHA256withECDSA", List.of(), true);
  }

  static TlsPosture expiredTls() {
    return new TlsPosture(true, null, true, -3, Instant.parse("2026-11-21T00:00:00Z"), "TLSv1.3",
        "TLS_AES_256_GCM_SHA384", "EC", 256, "SHA256withECDSA", List.of(), true);
  }

  static TlsPosture tls(String protocol, String cipher, String keyType, int keyBits, List<String> legacy, boolean fs) {
    return new TlsPosture(true, null, true, 200, NOT_AFTER, protocol, cipher, keyType,
        keyBits, "SHA256withRSA", legacy, fs);
  }

  static HeaderPosture cleanHeaders() {
    return new HeaderPosture(true, true, 31_536_000, true, false, true, true, true, false, 1, 0, 0, 0, false);
  }

  static HeaderPosture bareHeaders() {
    return new HeaderPosture(false, false, 0, false, false, false, false, false, true, 2, 2, 2, 2, true);
  }

  static PagePosture cleanPage() {
    return new PagePosture(true, true, true, false, 0, 0, 0, false, true);
  }

  static PagePosture brokenPage() {
    return new PagePosture(false, false, false, true, 30, 12, 40, true, false);
  }

  /** A clean, fast, up portal measured over a window. */
  static Measurements clean(String id) {
    return new Measurements(id, 1.0, 80.0, 900.0, true, 120.0, 1400.0, 1.0, true,
        cleanTls(), cleanTls(), cleanHeaders(), cleanHeaders(), cleanPage(), cleanPage());
  }

  /** A probe of an https:// page when {@code tls} is given (a DOWN probe drops every posture), else http://. */
  static ProbeResult probe(String id, Target target, Instant at, Outcome outcome, double ttfb, double total,
      TlsPosture tls, HeaderPosture headers, PagePosture page) {
    String scheme = tls == null ? "http" : "https";
    boolean down = outcome == Outcome.DOWN;
    Phases phases = down ? new Phases(1.0, 2.0, null, null, null, total)
        : new Phases(1.0, 2.0, tls == null ? null : 5.0, ttfb, total - ttfb, total);
    return new ProbeResult(id, target, scheme + "://" + id + ".example/" + target.label(), at, outcome,
        down ? "timeout" : null, down ? null : 200, phases, 0, down ? 0 : 20_000, down ? null : tls,
        down ? null : headers, down ? null : page);
  }

  static ProbeResult cleanProbe(String id, Target target, Instant at) {
    return probe(id, target, at, Outcome.UP, 90, 1200, cleanTls(), cleanHeaders(), cleanPage());
  }
}
