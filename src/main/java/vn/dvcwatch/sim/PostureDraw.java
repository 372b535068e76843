package vn.dvcwatch.sim;

import java.util.SplittableRandom;

/**
 * Draws a portal's posture from the seed and its index, in proportions close to what the 2023–2024
 * evaluations found: most certificates valid, security headers often missing, the personal-data policy
 * link almost always absent (60 of 63 provinces failed that criterion), a minority of slow portals.
 * The same seed and index always give the same posture, whatever the fleet size.
 */
final class PostureDraw {
  private static final int BLOCK = 50;
  /**
   * Per block of 50, in {@link CertPosture} order: 70 % valid, 8 % expiring, 6 % expired, 4 % each other fault;
   * not-yet-valid and untrusted certificates are not dealt (scenarios and tests switch a portal to them).
   */
  private static final int[] PER_BLOCK = {35, 4, 3, 2, 2, 2, 2, 0, 0};

  private PostureDraw() {}

  static SimPosture draw(long seed, int index) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 1);
    CertPosture cert = cert(seed, index);
    int daysLeft = switch (cert) {
      case EXPIRING -> 1 + r.nextInt(29);
      case EXPIRED -> -1 - r.nextInt(90);
      default -> 45 + r.nextInt(320);
    };
    double http = r.nextDouble();
    PlainHttp plain = http < 0.03 ? PlainHttp.ONLY : http < 0.25 ? PlainHttp.CONTENT : PlainHttp.REDIRECT;
    boolean legacy = r.nextDouble() < 0.2;
    HeaderSet headers = new HeaderSet(r.nextDouble() < 0.35, r.nextDouble() < 0.2, r.nextDouble() < 0.5,
        r.nextDouble() < 0.45, r.nextDouble() < 0.25, r.nextDouble() < 0.4);
    CookieFlags cookie = new CookieFlags(r.nextDouble() < 0.5, r.nextDouble() < 0.65, r.nextDouble() < 0.3);
    boolean viewport = r.nextDouble() < 0.75;
    PageFlags page = new PageFlags(r.nextDouble() < 0.6, r.nextDouble() < 0.92, viewport,
        viewport && r.nextDouble() < 0.25, r.nextDouble() < 0.1,
        r.nextDouble() < 0.4 ? 0 : 1 + r.nextInt(5), r.nextDouble() < 0.45 ? 0 : 1 + r.nextInt(4));
    Latency latency = r.nextDouble() < 0.85
        ? new Latency(20 + r.nextInt(131), 0.25)
        : new Latency(500 + r.nextInt(2501), 0.35);
    return new SimPosture(cert, daysLeft, legacy, plain, headers, cookie, page, latency);
  }

  /**
   * Certificates are dealt from a shuffled deck per block of 50 portals rather than drawn one by one, so
   * that every posture occurs in every block: the 83-portal demo always shows each kind of fault.
   */
  private static CertPosture cert(long seed, int index) {
    CertPosture[] deck = new CertPosture[BLOCK];
    int at = 0;
    for (CertPosture c : CertPosture.values()) {
      for (int k = 0; k < PER_BLOCK[c.ordinal()]; k++) {
        deck[at++] = c;
      }
    }
    SplittableRandom r = new SplittableRandom(seed * 0xD1B54A32D192ED03L + index / BLOCK);
    for (int i = BLOCK - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      CertPosture t = deck[i];
      deck[i] = deck[j];
      deck[j] = t;
    }
    return deck[index % BLOCK];
  }
}
