package vn.dvcwatch.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The names of what can be wrong with a server certificate (the {@code tls.problems} of {@code check --json}),
 * which of them make a browser refuse the page, and their Vietnamese words. Browsers refuse an expired or
 * not-yet-valid certificate, one that does not chain to a trusted root, one for another host name, and
 * one signed with SHA-1 (Chrome 57 and Firefox 52, 2017); a short RSA key is a weakness the score caps,
 * not a refusal.
 */
public final class CertificateProblem {
  public static final String EXPIRED = "expired";
  public static final String NOT_YET_VALID = "not_yet_valid";
  public static final String UNTRUSTED = "untrusted";
  public static final String SELF_SIGNED = "self_signed";
  public static final String HOSTNAME_MISMATCH = "hostname_mismatch";
  public static final String SHA1_SIGNATURE = "sha1_signature";
  public static final String WEAK_KEY = "weak_key";
  public static final String NO_CERTIFICATE = "no_certificate";
  /** Known only from an OCSP response the server stapled to its handshake (no OCSP or CRL is fetched). */
  public static final String REVOKED = "revoked";

  private static final Set<String> REFUSED = Set.of(EXPIRED, NOT_YET_VALID, UNTRUSTED, SELF_SIGNED,
      HOSTNAME_MISMATCH, SHA1_SIGNATURE, NO_CERTIFICATE, REVOKED);

  private static final Map<String, String> WORDS = Map.of(
      EXPIRED, "chứng chỉ đã hết hạn",
      NOT_YET_VALID, "chứng chỉ chưa đến ngày hiệu lực",
      UNTRUSTED, "chứng chỉ không do tổ chức được tin cậy cấp",
      SELF_SIGNED, "chứng chỉ tự ký",
      HOSTNAME_MISMATCH, "chứng chỉ không cấp cho tên miền này",
      SHA1_SIGNATURE, "chữ ký SHA-1 (trình duyệt không còn chấp nhận)",
      WEAK_KEY, "khóa RSA ngắn hơn 2048 bit",
      NO_CERTIFICATE, "máy chủ không gửi chứng chỉ",
      REVOKED, "chứng chỉ đã bị thu hồi");

  private CertificateProblem() {}

  /** Whether a browser refuses a certificate with this problem (a full-page warning instead of the page). */
  public static boolean refused(String problem) {
    return REFUSED.contains(problem);
  }

  /** The problem in Vietnamese, for reports, status details and mails. */
  public static String words(String problem) {
    return WORDS.getOrDefault(problem, problem);
  }

  /** The problems in Vietnamese, joined: "chứng chỉ đã hết hạn; chứng chỉ tự ký". Null for none. */
  public static String describe(List<String> problems) {
    if (problems == null || problems.isEmpty()) {
      return null;
    }
    List<String> words = new ArrayList<>();
    problems.forEach(p -> words.add(words(p)));
    return String.join("; ", words);
  }

  /** The problems, most serious first, from the facts the handshake gave (nothing known of revocation). */
  public static List<String> of(boolean chainTrusted, boolean selfSigned, boolean hostnameMatch, boolean expired,
      boolean notYetValid, String keyType, Integer keyBits, String signatureAlgorithm) {
    return of(chainTrusted, selfSigned, hostnameMatch, expired, notYetValid, keyType, keyBits, signatureAlgorithm, false);
  }

  /** The problems, most serious first; {@code revoked}: a stapled OCSP response says so. */
  public static List<String> of(boolean chainTrusted, boolean selfSigned, boolean hostnameMatch, boolean expired,
      boolean notYetValid, String keyType, Integer keyBits, String signatureAlgorithm, boolean revoked) {
    List<String> out = new ArrayList<>();
    if (revoked) {
      out.add(REVOKED);
    }
    if (expired) {
      out.add(EXPIRED);
    }
    if (notYetValid) {
      out.add(NOT_YET_VALID);
    }
    if (!chainTrusted) {
      out.add(selfSigned ? SELF_SIGNED : UNTRUSTED);
    }
    if (!hostnameMatch) {
      out.add(HOSTNAME_MISMATCH);
    }
    if (signatureAlgorithm != null && signatureAlgorithm.toUpperCase(Locale.ROOT).startsWith("SHA1")) {
      out.add(SHA1_SIGNATURE);
    }
    if ("RSA".equals(keyType) && keyBits != null && keyBits < 2048) {
      out.add(WEAK_KEY);
    }
    return out;
  }
}
