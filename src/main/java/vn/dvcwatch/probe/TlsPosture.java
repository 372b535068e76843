package vn.dvcwatch.probe;

import java.time.Instant;
import java.util.List;

/**
 * What the TLS handshake showed. {@code trusted} is chain trust against the JDK trust store plus the
 * configured extra CAs; {@code legacyProtocols} lists those of TLSv1 and TLSv1.1 that the server still
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
    boolean forwardSecrecy) {

  public boolean expired() {
    return daysLeft != null && daysLeft < 0;
  }

  /** A certificate a browser would refuse: untrusted, expired or for another host. */
  public boolean valid() {
    return trusted && hostnameMatch && !expired();
  }
}
