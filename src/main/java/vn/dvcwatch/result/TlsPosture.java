package vn.dvcwatch.result;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the TLS handshake showed. {@code trusted} is chain trust only (against the JDK trust store plus the
 * configured extra CAs, validated inside the leaf's validity); {@code problems} names everything wrong
 * with the certificate ({@link CertificateProblem}), and {@link #browserAccepts()} says whether a browser
 * would open the page. {@code legacyProtocols} lists those of TLSv1 and TLSv1.1 that the server still
 * accepts (tested in separate handshakes).
 */
public record TlsPosture(
    boolean trusted,
    String trustError,
    boolean hostnameMatch,
    Integer daysLeft,
    Instant notAfter,
    String protocol,
    String cipher,
    String keyType,
    Integer keyBits,
    String signatureAlgorithm,
    List<String> legacyProtocols,
    boolean forwardSecrecy,
    List<String> problems) {

  public TlsPosture {
    problems = problems == null ? List.of() : List.copyOf(problems);
  }

  /**
   * A posture without an explicit problem list (one stored before the list existed, a test's): the
   * problems that follow from its fields. Not-yet-valid cannot be told from these fields.
   */
  public TlsPosture(boolean trusted, String trustError, boolean hostnameMatch, Integer daysLeft, Instant notAfter,
      String protocol, String cipher, String keyType, Integer keyBits, String signatureAlgorithm,
      List<String> legacyProtocols, boolean forwardSecrecy) {
    this(trusted, trustError, hostnameMatch, daysLeft, notAfter, protocol, cipher, keyType, keyBits,
        signatureAlgorithm, legacyProtocols, forwardSecrecy,
        CertificateProblem.of(trusted, false, hostnameMatch, daysLeft != null && daysLeft < 0, false, keyType,
            keyBits, signatureAlgorithm));
  }

  public boolean expired() {
    return daysLeft != null && daysLeft < 0;
  }

  /** Whether a browser would open a page with this certificate for this host now: no refusing problem. */
  public boolean browserAccepts() {
    return problems.stream().noneMatch(CertificateProblem::refused);
  }

  /** The problems a browser refuses the certificate for, in the order of {@link #problems()}. */
  public List<String> refusals() {
    List<String> out = new ArrayList<>();
    for (String p : problems) {
      if (CertificateProblem.refused(p)) {
        out.add(p);
      }
    }
    return out;
  }

  /** A certificate a browser would refuse: untrusted, expired, not yet valid, for another host, SHA-1. */
  public boolean valid() {
    return browserAccepts();
  }
}
