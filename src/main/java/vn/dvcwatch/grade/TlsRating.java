package vn.dvcwatch.grade;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.dvcwatch.grade.ScoringModel.TlsRules;
import vn.dvcwatch.result.CertificateProblem;
import vn.dvcwatch.result.TlsPosture;

/**
 * TLS, 15 points, after the SSL Labs rating guide: protocol support (30 %), key exchange (30 %) and
 * cipher strength (40 %) give a number 0..100 and a letter; legacy protocols, no forward secrecy, weak
 * keys and weak ciphers cap the letter; a certificate a browser refuses gives 0. The weaker of the
 * homepage and eForm counts, because a citizen meets both.
 */
final class TlsRating {
  static final String ID = "security.tls";
  private static final Hint NO_HTTPS = new Hint(
      "Triển khai HTTPS với chứng chỉ số hợp lệ cho toàn bộ cổng.",
      "Serve the whole portal over HTTPS with a valid certificate.");
  private static final Hint BAD_CERT = new Hint(
      "Thay chứng chỉ số hợp lệ: do tổ chức tin cậy cấp, còn hạn, đúng tên miền và đủ chuỗi trung gian.",
      "Install a valid certificate: from a trusted CA, not expired, for this host name, with the full chain.");
  private static final Hint LEGACY = new Hint(
      "Tắt TLS 1.0 và TLS 1.1; chỉ bật TLS 1.2 và TLS 1.3.",
      "Disable TLS 1.0 and 1.1; enable only TLS 1.2 and 1.3.");
  private static final Hint NO_FS = new Hint(
      "Ưu tiên bộ mã hóa ECDHE để có bí mật chuyển tiếp (forward secrecy).",
      "Prefer ECDHE cipher suites so that sessions have forward secrecy.");
  private static final Hint WEAK_KEY = new Hint(
      "Dùng khóa RSA tối thiểu 2048 bit hoặc khóa ECDSA P-256.",
      "Use an RSA key of at least 2048 bits or an ECDSA P-256 key.");
  private static final Hint WEAK_CIPHER = new Hint(
      "Tắt các bộ mã hóa yếu (RC4, 3DES, DES, NULL, EXPORT); dùng AES-GCM hoặc ChaCha20.",
      "Disable weak ciphers (RC4, 3DES, DES, NULL, EXPORT); use AES-GCM or ChaCha20.");
  private static final Hint UPGRADE = new Hint(
      "Nâng cấp cấu hình TLS: TLS 1.3, khóa RSA ≥ 2048 bit hoặc ECDSA, bộ mã hóa AES-GCM.",
      "Upgrade the TLS setup: TLS 1.3, RSA ≥ 2048 bits or ECDSA, AES-GCM cipher suites.");
  private static final Hint NOT_MEASURED = new Hint(
      "Kiểm tra cấu hình TLS: trình theo dõi chưa hoàn tất được bắt tay TLS.",
      "Check the TLS setup: the watchdog has not completed a TLS handshake yet.");

  // The bulk cipher's key size, not the MAC's: AES_128_GCM_SHA256 is a 128-bit cipher.
  private static final Pattern BULK_KEY =
      Pattern.compile("(?:AES|CAMELLIA|ARIA|SEED)_?(128|256)");

  private final TlsRules rules;

  TlsRating(TlsRules rules) {
    this.rules = rules;
  }

  /** The rating of one handshake; {@code hint} is the most important thing to fix, NONE when nothing. */
  record Rated(double points, String measurement, Hint hint) {}

  Criterion rate(Measurements m) {
    long max = Points.centi(rules.max());
    if (!m.https()) {
      return NO_HTTPS.row(ID, "security", 0, max, "trang chủ không dùng HTTPS");
    }
    Rated home = m.homeTls() == null ? null : rate(m.homeTls());
    Rated eform = m.eformTls() == null ? null : rate(m.eformTls());
    if (home == null && eform == null) {
      return NOT_MEASURED.row(ID, "security", 0, max, "chưa có lần bắt tay TLS nào hoàn tất");
    }
    Rated worst = home == null ? eform : eform == null || home.points() <= eform.points() ? home : eform;
    String text = (home == null ? "" : "trang chủ: " + home.measurement())
        + (home != null && eform != null ? "; " : "")
        + (eform == null ? "" : "eForm: " + eform.measurement());
    long points = Math.min(max, Points.centi(worst.points()));
    return worst.hint().row(ID, "security", points, max, text);
  }

  Rated rate(TlsPosture t) {
    if (!t.trusted()) {
      // The JDK's reason is English ("Path does not chain with any of the trust anchors"): said in Vietnamese.
      return new Rated(0, "chứng chỉ không được tin cậy" + (t.problems().contains(CertificateProblem.SELF_SIGNED)
          ? " (tự ký)" : ""), BAD_CERT);
    }
    if (!t.hostnameMatch()) {
      return new Rated(0, "chứng chỉ không khớp tên miền", BAD_CERT);
    }
    if (t.expired()) {
      return new Rated(0, "chứng chỉ đã hết hạn " + (-t.daysLeft()) + " ngày", BAD_CERT);
    }
    if (t.problems().contains(CertificateProblem.NOT_YET_VALID)) {
      return new Rated(0, "chứng chỉ chưa đến ngày hiệu lực", BAD_CERT);
    }
    int best = protocolScore(t.protocol());
    int worstProtocol = best;
    List<String> legacy = t.legacyProtocols() == null ? List.of() : t.legacyProtocols();
    for (String p : legacy) {
      worstProtocol = Math.min(worstProtocol, protocolScore(p));
    }
    int rsaBits = rsaEquivalentBits(t.keyType(), t.keyBits());
    int cipherBits = cipherBits(t.cipher());
    double numeric = rules.protocolWeight() * (best + worstProtocol) / 2.0
        + rules.keyWeight() * keyScore(rsaBits) + rules.cipherWeight() * cipherScore(cipherBits);
    char letter = letter(numeric);
    Hint hint = Hint.NONE;
    boolean tls13 = "TLSv1.3".equals(t.protocol());
    if (!tls13 && !t.forwardSecrecy() && letter < rules.noForwardSecrecyCap()) {
      letter = rules.noForwardSecrecyCap();
      hint = NO_FS;
    }
    if (rsaBits < 2048 && letter < rules.weakKeyCap()) {
      letter = rules.weakKeyCap();
      hint = WEAK_KEY;
    }
    if ((!legacy.isEmpty() || best < 100) && letter < rules.legacyCap()) {
      letter = rules.legacyCap();
      hint = LEGACY;
    }
    if (weakCipher(t.cipher()) && letter < rules.weakCipherCap()) {
      letter = rules.weakCipherCap();
      hint = WEAK_CIPHER;
    }
    String text = known(t.protocol()) + (legacy.isEmpty() ? "" : " (còn nhận " + String.join(", ", legacy) + ")")
        + ", khóa " + known(t.keyType()) + " " + known(t.keyBits()) + " bit, " + known(t.cipher())
        + (t.forwardSecrecy() || tls13 ? "" : ", không có forward secrecy")
        + " → " + Math.round(numeric) + "/100, hạng " + letter;
    return new Rated(rules.max() * rules.letterShare().get(letter), text,
        hint == Hint.NONE && letter != 'A' ? UPGRADE : hint);
  }

  private static String known(Object value) {
    return value == null ? "?" : value.toString();
  }

  private static int protocolScore(String protocol) {
    if (protocol == null) {
      return 90;
    }
    return switch (protocol) {
      case "TLSv1.3", "TLSv1.2" -> 100;
      case "TLSv1.1" -> 95;
      case "TLSv1" -> 90;
      case "SSLv3" -> 80;
      case "SSLv2", "SSLv2Hello" -> 0;
      default -> 90;
    };
  }

  /** Key strength in RSA-equivalent bits (NIST SP 800-57 equivalences for elliptic curves). */
  static int rsaEquivalentBits(String keyType, Integer keyBits) {
    if (keyBits == null) {
      return 1024;
    }
    String type = keyType == null ? "" : keyType.toUpperCase(Locale.ROOT);
    if (type.startsWith("EC") || type.startsWith("ED")) {
      if (keyBits >= 512) {
        return 15360;
      }
      if (keyBits >= 384) {
        return 7680;
      }
      if (keyBits >= 250) {
        return 3072;
      }
      if (keyBits >= 224) {
        return 2048;
      }
      return keyBits >= 160 ? 1024 : 512;
    }
    return keyBits;
  }

  private static int keyScore(int rsaBits) {
    if (rsaBits < 512) {
      return 20;
    }
    if (rsaBits < 1024) {
      return 40;
    }
    if (rsaBits < 2048) {
      return 80;
    }
    return rsaBits < 4096 ? 90 : 100;
  }

  /** Symmetric strength of a cipher suite name (JSSE/IANA names); unknown names count as 128 bits. */
  static int cipherBits(String cipher) {
    String c = cipher == null ? "" : cipher.toUpperCase(Locale.ROOT);
    if (c.contains("NULL")) {
      return 0;
    }
    if (c.contains("EXPORT")) {
      return 40;
    }
    if (c.contains("3DES") || c.contains("DES_EDE")) {
      return 112;
    }
    if (c.contains("DES")) {
      return 56;
    }
    Matcher bulk = BULK_KEY.matcher(c);
    if (c.contains("CHACHA20") || bulk.find() && bulk.group(1).equals("256")) {
      return 256;
    }
    return 128;
  }

  private static boolean weakCipher(String cipher) {
    String c = cipher == null ? "" : cipher.toUpperCase(Locale.ROOT);
    return c.contains("RC4") || c.contains("DES") || c.contains("NULL") || c.contains("EXPORT");
  }

  private static int cipherScore(int bits) {
    if (bits == 0) {
      return 0;
    }
    if (bits < 128) {
      return 20;
    }
    return bits < 256 ? 80 : 100;
  }

  private static char letter(double numeric) {
    if (numeric >= 80) {
      return 'A';
    }
    if (numeric >= 65) {
      return 'B';
    }
    if (numeric >= 50) {
      return 'C';
    }
    if (numeric >= 35) {
      return 'D';
    }
    return numeric >= 20 ? 'E' : 'F';
  }
}
