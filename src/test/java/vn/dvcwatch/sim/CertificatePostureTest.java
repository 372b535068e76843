package vn.dvcwatch.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One block of 50 portals holds every certificate posture; the JDK's TLS client must see on each exactly
 * what the manifest says: dates, hostnames, key size, signature, trust, legacy protocols.
 */
class CertificatePostureTest {
  @TempDir static Path dir;
  static TestFleet started;
  static SimFleet fleet;
  static Map<String, JsonObject> manifest;
  static SSLContext trusting;
  static SSLContext anything;

  @BeforeAll
  static void start() throws Exception {
    started = TestFleet.start(50, 7, dir);
    fleet = started.fleet();
    manifest = started.manifest();
    trusting = JdkClient.trusting(fleet.caFile());
    anything = JdkClient.trustingAnything();
  }

  @AfterAll
  static void stop() {
    started.close();
  }

  @Test
  void everyPostureIsInTheBlock() {
    // Not-yet-valid and untrusted certificates are not dealt: a scenario or a test switches a portal to them.
    assertThat(https().stream().map(p -> p.posture().cert()).distinct()).containsExactlyInAnyOrderElementsOf(
        java.util.EnumSet.complementOf(java.util.EnumSet.of(CertPosture.NOT_YET_VALID, CertPosture.UNTRUSTED)));
    assertThat(https()).anyMatch(p -> p.posture().legacyTls()).anyMatch(p -> !p.posture().legacyTls());
  }

  @Test
  void certificatesAreWhatTheManifestSays() throws Exception {
    for (SimPortal p : https()) {
      JsonObject tls = started.posture(p.id()).getJsonObject("tls");
      X509Certificate cert = JdkClient.peerCertificate(p);
      long daysLeft = Math.floorDiv(Duration.between(Instant.now(), cert.getNotAfter().toInstant()).toSeconds(), 86_400);
      assertThat(daysLeft).as(p.id() + " days left").isEqualTo(tls.getLong("daysLeft"));
      assertThat(cert.getSubjectAlternativeNames()).as(p.id() + " names")
          .containsExactly(List.of(2, tls.getString("certificateHostname")));
      assertThat(((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength()).as(p.id() + " key")
          .isEqualTo(tls.getInteger("keyBits"));
      assertThat(cert.getSigAlgName()).as(p.id() + " signature").isEqualTo(tls.getString("signature"));
      switch (p.posture().cert()) {
        case EXPIRED -> assertThat(cert.getNotAfter().toInstant()).isBefore(Instant.now());
        case EXPIRING -> assertThat(daysLeft).isBetween(1L, 29L);
        case SELF_SIGNED -> assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        case WRONG_HOST -> assertThat(tls.getString("certificateHostname")).isNotEqualTo(p.hostname());
        default -> assertThat(cert.getIssuerX500Principal()).isNotEqualTo(cert.getSubjectX500Principal());
      }
    }
  }

  @Test
  void aClientTrustingTheTestCaAcceptsExactlyTheSoundCertificates() throws Exception {
    for (SimPortal p : https()) {
      boolean sound = switch (p.posture().cert()) {
        case EXPIRED, SELF_SIGNED, WRONG_HOST -> false;
        default -> true; // weak keys and SHA-1 are graded down, not refused, by a client that trusts the CA
      };
      if (sound) {
        JdkClient.tls(trusting, p.hostname(), p.httpsPort(), true).close();
      } else {
        assertThatThrownBy(() -> JdkClient.tls(trusting, p.hostname(), p.httpsPort(), true).close())
            .as(p.id() + " " + p.posture().cert()).isInstanceOf(SSLException.class);
      }
    }
  }

  @Test
  void aClientTrustingOnlyTheJdkRefusesEveryPortal() {
    SimPortal p = https().get(0);
    assertThatThrownBy(() -> JdkClient.tls(SSLContext.getDefault(), p.hostname(), p.httpsPort(), true).close())
        .isInstanceOf(SSLException.class);
  }

  @Test
  void legacyTlsIsAcceptedOnlyWhereThePostureSaysSo() throws Exception {
    for (SimPortal p : https()) {
      for (String legacy : List.of("TLSv1", "TLSv1.1")) {
        boolean listed = started.posture(p.id()).getJsonObject("tls").getJsonArray("legacyProtocols").contains(legacy);
        if (p.posture().legacyTls()) {
          try (SSLSocket s = JdkClient.tls(anything, p.hostname(), p.httpsPort(), false, legacy)) {
            assertThat(s.getSession().getProtocol()).isEqualTo(legacy);
          }
          assertThat(listed).isTrue();
        } else {
          assertThatThrownBy(() -> JdkClient.tls(anything, p.hostname(), p.httpsPort(), false, legacy).close())
              .as(p.id() + " " + legacy).isInstanceOf(SSLException.class);
          assertThat(listed).isFalse();
        }
      }
      try (SSLSocket s = JdkClient.tls(anything, p.hostname(), p.httpsPort(), false)) {
        assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.3");
      }
    }
  }

  @Test
  void aCertificateCanExpireWhileRunning() throws Exception {
    SimPortal p = https().stream().filter(x -> x.posture().cert() == CertPosture.VALID).findFirst().orElseThrow();
    fleet.setCertificate(p.id(), CertPosture.EXPIRED).await();
    try {
      assertThat(JdkClient.peerCertificate(p).getNotAfter().toInstant()).isBefore(Instant.now());
      assertThat(fleet.certificate(p.id())).isEqualTo(CertPosture.EXPIRED);
    } finally {
      fleet.setCertificate(p.id(), CertPosture.VALID).await();
    }
    assertThat(JdkClient.peerCertificate(p).getNotAfter().toInstant()).isAfter(Instant.now());
  }

  @Test
  void aPortalCanBeSwitchedToANotYetValidOrUntrustedCertificate() throws Exception {
    SimPortal p = https().stream().filter(x -> x.posture().cert() == CertPosture.VALID).skip(1).findFirst().orElseThrow();
    try {
      fleet.setCertificate(p.id(), CertPosture.NOT_YET_VALID).await();
      assertThat(JdkClient.peerCertificate(p).getNotBefore().toInstant()).isAfter(Instant.now());
      assertThatThrownBy(() -> JdkClient.tls(trusting, p.hostname(), p.httpsPort(), true).close())
          .isInstanceOf(SSLException.class);
      fleet.setCertificate(p.id(), CertPosture.UNTRUSTED).await();
      X509Certificate cert = JdkClient.peerCertificate(p);
      assertThat(cert.getIssuerX500Principal()).isNotEqualTo(cert.getSubjectX500Principal());
      assertThatThrownBy(() -> JdkClient.tls(trusting, p.hostname(), p.httpsPort(), true).close())
          .isInstanceOf(SSLException.class);
    } finally {
      fleet.setCertificate(p.id(), CertPosture.VALID).await();
    }
  }

  static List<SimPortal> https() {
    return fleet.portals().stream().filter(p -> p.posture().https()).toList();
  }
}
