package vn.dvcwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.dvcwatch.cli.Main;
import vn.dvcwatch.sim.CertPosture;
import vn.dvcwatch.sim.SimFleet;
import vn.dvcwatch.sim.SimMode;
import vn.dvcwatch.sim.SimOptions;
import vn.dvcwatch.sim.SimPortal;
import vn.dvcwatch.result.CertificateProblem;

/**
 * The certificate table: {@code check} against each certificate posture of the simulated fleet, as a
 * browser would judge it. A refused certificate is DOWN with cause {@code certificate} and exit 1; the
 * human report names the problem in Vietnamese and never says the certificate is trusted.
 */
class CertificateVerdictTest {
  /** One block of the simulator's deal: every certificate posture occurs. */
  static final int PORTALS = 50;
  @TempDir static Path dir;
  static Vertx simVertx;
  static SimFleet fleet;

  @BeforeAll
  static void start() {
    simVertx = Vertx.vertx();
    fleet = SimFleet.start(simVertx, new SimOptions(PORTALS, 0, 2023, null, List.of(), dir)).await();
    fleet.portals().forEach(p -> fleet.setDelay(p.id(), Duration.ofMillis(1)));
  }

  @AfterAll
  static void stop() {
    fleet.close().await();
    simVertx.close().await();
  }

  record Run(int code, String out) {}

  static Run check(SimPortal p, boolean json) {
    StringWriter out = new StringWriter();
    List<String> args = new java.util.ArrayList<>(List.of("check", p.homepage().toString(), "--ca",
        fleet.caFile().toString(), "--hosts", fleet.hostsFile().toString()));
    if (json) {
      args.add("--json");
    }
    int code = Main.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(new StringWriter()));
    return new Run(code, out.toString());
  }

  static SimPortal portalWith(CertPosture cert, boolean legacyTls) {
    return portalWith(cert, legacyTls, 0);
  }

  static SimPortal portalWith(CertPosture cert, boolean legacyTls, int skip) {
    return fleet.portals().stream().filter(p -> p.posture().https() && p.posture().cert() == cert
        && p.posture().legacyTls() == legacyTls).skip(skip).findFirst()
        .orElseThrow(() -> new AssertionError("no simulated portal with " + cert + (legacyTls ? " and legacy TLS" : "")));
  }

  /**
   * The portal for a row: one the simulator dealt that certificate; for the two it does not deal (not yet
   * valid, untrusted), a valid portal other than the VALID rows' switched to it; with {@code timeout}, a second
   * portal of that posture that stops answering after the handshake.
   */
  static SimPortal portalFor(CertPosture cert, boolean legacy, boolean timeout) {
    if (cert == CertPosture.NOT_YET_VALID || cert == CertPosture.UNTRUSTED) {
      SimPortal p = portalWith(CertPosture.VALID, false, cert == CertPosture.NOT_YET_VALID ? 1 : 2);
      fleet.setCertificate(p.id(), cert).await();
      return p;
    }
    if (timeout) {
      SimPortal p = portalWith(cert, legacy, 1);
      fleet.setMode(p.id(), SimMode.TIMEOUT).await();
      return p;
    }
    return portalWith(cert, legacy);
  }

  @ParameterizedTest(name = "{0} legacy={1} timeout={6}: {2} {3} [{4}] exit {5}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "VALID          | false | UP   | -           | -                 | 0 | false",
      "EXPIRING       | false | UP   | -           | -                 | 0 | false",
      "RSA_1024       | false | UP   | -           | weak_key          | 0 | false",
      "VALID          | true  | UP   | -           | -                 | 0 | false",
      "EXPIRED        | false | DOWN | certificate | expired           | 1 | false",
      "NOT_YET_VALID  | false | DOWN | certificate | not_yet_valid     | 1 | false",
      "UNTRUSTED      | false | DOWN | certificate | untrusted         | 1 | false",
      "SELF_SIGNED    | false | DOWN | certificate | self_signed       | 1 | false",
      "WRONG_HOST     | false | DOWN | certificate | hostname_mismatch | 1 | false",
      "SHA1_SIGNATURE | false | DOWN | certificate | sha1_signature    | 1 | false",
      "SELF_SIGNED    | false | DOWN | certificate | self_signed       | 1 | true",
      "RSA_1024       | false | DOWN | timeout     | weak_key          | 1 | true"})
  void eachPostureIsJudgedAsABrowserWould(CertPosture cert, boolean legacy, String outcome, String cause,
      String problem, int exit, boolean timeout) {
    SimPortal p = portalFor(cert, legacy, timeout);
    Run json = check(p, true);
    JsonObject j = new JsonObject(json.out());
    assertThat(json.code()).as(json.out()).isEqualTo(exit);
    assertThat(j.getString("outcome")).isEqualTo(outcome);
    assertThat(j.getString("cause")).isEqualTo(cause);
    JsonObject tls = j.getJsonObject("tls");
    assertThat(tls.getJsonArray("problems").getList()).isEqualTo(problem == null ? List.of() : List.of(problem));
    boolean refused = "certificate".equals(cause);
    assertThat(tls.getBoolean("trusted")).as("a browser would accept it").isEqualTo(!refused);
    assertThat(tls.getBoolean("chainTrusted")).as("chain verdict")
        .isEqualTo(cert != CertPosture.SELF_SIGNED && cert != CertPosture.UNTRUSTED);
    if (legacy) {
      assertThat(tls.getJsonArray("legacyProtocols").getList()).contains("TLSv1");
    }

    Run text = check(p, false);
    assertThat(text.code()).isEqualTo(exit);
    assertThat(text.out()).doesNotContain("Tin cậy: có").doesNotContain("trust anchor")
        .doesNotContain("Path does not chain").doesNotContain("PKIX");
    if (refused) {
      assertThat(text.out()).contains("NGỪNG HOẠT ĐỘNG (DOWN) (nguyên nhân: lỗi chứng chỉ)")
          .containsPattern("Trình duyệt chấp nhận\\s+không \\(" + java.util.regex.Pattern.quote(
              CertificateProblem.words(problem)) + "\\)");
    } else {
      assertThat(text.out()).containsPattern("Trình duyệt chấp nhận\\s+có");
    }
    // No English library message inside the Vietnamese report (the JDK's PKIX and SSL wording).
    assertThat(text.out()).doesNotContain("Path does not chain").doesNotContain("validity check failed")
        .doesNotContain("No subject alternative").doesNotContain("NotAfter").doesNotContain("NotBefore")
        .doesNotContain("Algorithm constraints").doesNotContain("timed out").doesNotContain("Exception");
  }

  /**
   * Revoked "if known": a server that staples an OCSP response saying its certificate was revoked is refused,
   * as Firefox refuses it; the same portal without the staple is fine again (no OCSP or CRL is fetched, so
   * nothing else tells a revoked certificate apart).
   */
  @org.junit.jupiter.api.Test
  void aStapledRevocationIsARefusedCertificate() {
    SimPortal p = portalWith(CertPosture.VALID, false, 3);
    fleet.setMode(p.id(), SimMode.REVOKED).await();
    try {
      Run json = check(p, true);
      JsonObject j = new JsonObject(json.out());
      assertThat(json.code()).as(json.out()).isEqualTo(1);
      assertThat(j.getString("outcome")).isEqualTo("DOWN");
      assertThat(j.getString("cause")).isEqualTo("certificate");
      JsonObject tls = j.getJsonObject("tls");
      assertThat(tls.getJsonArray("problems").getList()).containsExactly(CertificateProblem.REVOKED);
      assertThat(tls.getBoolean("trusted")).isFalse();
      assertThat(tls.getBoolean("chainTrusted")).as("the chain itself is fine").isTrue();
      Run text = check(p, false);
      assertThat(text.out()).contains("NGỪNG HOẠT ĐỘNG (DOWN) (nguyên nhân: lỗi chứng chỉ)")
          .containsPattern("Trình duyệt chấp nhận\\s+không \\(chứng chỉ đã bị thu hồi\\)");
    } finally {
      fleet.setMode(p.id(), SimMode.NORMAL).await();
    }
    JsonObject again = new JsonObject(check(p, true).out());
    assertThat(again.getString("outcome")).isEqualTo("UP");
    assertThat(again.getJsonObject("tls").getJsonArray("problems").getList()).isEmpty();
  }
}
