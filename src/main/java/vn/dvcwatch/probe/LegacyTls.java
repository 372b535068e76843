package vn.dvcwatch.probe;

import java.security.Security;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lets this JVM speak TLS 1.0 and 1.1 at all. The JDK disables them in {@code jdk.tls.disabledAlgorithms},
 * but the watchdog must find out whether a portal still accepts them (a separate handshake offering only
 * the legacy protocol), and the simulator must be able to serve portals that do. The normal probe
 * handshake still offers only TLS 1.2 and 1.3; this only removes the JVM-wide veto.
 *
 * <p>Must run before the first TLS context is created: the JDK reads the property once.
 */
public final class LegacyTls {
  public static final Set<String> PROTOCOLS = Set.of("TLSv1", "TLSv1.1");
  private static final String PROPERTY = "jdk.tls.disabledAlgorithms";
  private static volatile boolean allowed;

  private LegacyTls() {}

  /** Removes TLSv1 and TLSv1.1 from the JVM's disabled list; idempotent. */
  public static synchronized void allowInThisJvm() {
    if (allowed) {
      return;
    }
    String disabled = Security.getProperty(PROPERTY);
    if (disabled != null) {
      String kept = Arrays.stream(disabled.split(","))
          .map(String::trim)
          .filter(entry -> !PROTOCOLS.contains(entry))
          .collect(Collectors.joining(", "));
      Security.setProperty(PROPERTY, kept);
    }
    allowed = true;
  }
}
