package vn.dvcwatch.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.OpenSsl;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dvcwatch.probe.LegacyTls;

/**
 * The benchmarks' fleet ({@code -Ddvc.sim.tls=openssl}) serves its modern handshakes from BoringSSL: each
 * portal must still present its own certificate, chosen by hostname, and legacy portals must still speak
 * TLS 1.1 (the JDK engine keeps them).
 */
class NativeTlsFleetTest {
  @TempDir static Path dir;
  static TestFleet started;

  @BeforeAll
  static void start() throws Exception {
    LegacyTls.allowInThisJvm(); // before Netty's first look at TLS, which fixes the JDK's disabled protocols
    Assumptions.assumeTrue(OpenSsl.isAvailable(), "BoringSSL natives load on this machine");
    System.setProperty("dvc.sim.tls", "openssl");
    try {
      started = TestFleet.start(50, 7, dir);
    } finally {
      System.clearProperty("dvc.sim.tls");
    }
  }

  @AfterAll
  static void stop() {
    if (started != null) {
      started.close();
    }
  }

  @Test
  void theFleetSaysItServesFromBoringSsl() {
    assertThat(started.fleet().tlsImplementation()).startsWith("BoringSSL");
  }

  @Test
  void everyModernPortalPresentsItsOwnCertificateOverBoringSsl() throws Exception {
    SSLContext anything = JdkClient.trustingAnything();
    List<SimPortal> modern = https().stream().filter(p -> !p.posture().legacyTls()).toList();
    assertThat(modern).hasSizeGreaterThan(10);
    for (SimPortal p : modern) {
      String expected = started.posture(p.id()).getJsonObject("tls").getString("certificateHostname");
      try (SSLSocket s = JdkClient.tls(anything, p.hostname(), p.httpsPort(), false, "TLSv1.3")) {
        s.startHandshake();
        X509Certificate cert = (X509Certificate) s.getSession().getPeerCertificates()[0];
        assertThat(cert.getSubjectAlternativeNames()).as(p.id()).containsExactly(List.of(2, expected));
        assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.3");
      }
    }
  }

  @Test
  void soundCertificatesStillVerifyAgainstTheTestCa() throws Exception {
    SSLContext trusting = JdkClient.trusting(started.fleet().caFile());
    SimPortal sound = https().stream()
        .filter(p -> !p.posture().legacyTls() && p.posture().cert() == CertPosture.VALID).findFirst().orElseThrow();
    try (SSLSocket s = JdkClient.tls(trusting, sound.hostname(), sound.httpsPort(), true, "TLSv1.2")) {
      s.startHandshake();
      assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.2");
    }
  }

  @Test
  void legacyPortalsStillSpeakTls11() throws Exception {
    SimPortal legacy = https().stream().filter(p -> p.posture().legacyTls()).findFirst().orElseThrow();
    try (SSLSocket s = JdkClient.tls(JdkClient.trustingAnything(), legacy.hostname(), legacy.httpsPort(), false, "TLSv1.1")) {
      s.startHandshake();
      assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.1");
    }
  }

  private static List<SimPortal> https() {
    return started.fleet().portals().stream().filter(p -> p.posture().https()).toList();
  }
}
