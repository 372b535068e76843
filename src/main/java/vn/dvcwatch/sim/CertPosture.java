package vn.dvcwatch.sim;

import java.util.Locale;

/** The certificate a simulated portal presents. Every fault is one a real portal has shown. */
public enum CertPosture {
  VALID,
  /** Valid, but expires in fewer than 30 days. */
  EXPIRING,
  EXPIRED,
  /** Signed by its own key, not by the test CA. */
  SELF_SIGNED,
  /** Issued by the test CA for another hostname. */
  WRONG_HOST,
  /** Issued by the test CA, but the key is RSA-1024. */
  RSA_1024,
  /** Issued by the test CA with a SHA-1 signature. */
  SHA1_SIGNATURE,
  /** Issued by the test CA, valid only from two days ahead (a clock or issuing mistake). Never dealt: set by a scenario or a test. */
  NOT_YET_VALID,
  /** Issued by a second CA that nobody trusts (a private or broken chain, not self-signed). Never dealt: set by a scenario or a test. */
  UNTRUSTED;

  /** The name used in the manifest and in scenario files: {@code self-signed}, {@code rsa-1024}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
