package vn.dvcwatch.sim;

/**
 * Everything a simulated portal serves, fixed at start from the seed: the ground truth the manifest
 * records and the tests assert against.
 *
 * @param daysLeft whole days until the certificate expires (negative when expired)
 * @param legacyTls TLS 1.0 and 1.1 are accepted besides 1.2 and 1.3
 */
public record SimPosture(CertPosture cert, int daysLeft, boolean legacyTls, PlainHttp plainHttp, HeaderSet headers,
    CookieFlags cookie, PageFlags page, Latency latency) {

  public boolean https() {
    return plainHttp != PlainHttp.ONLY;
  }
}
