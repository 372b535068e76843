package vn.dvcwatch.result;


/** Why a probe was not UP. The lower-case names are the `cause` values of the JSON contract. */
public final class Cause {
  public static final String DNS = "dns";
  public static final String CONNECT = "connect";
  public static final String TLS = "tls";
  public static final String TIMEOUT = "timeout";
  public static final String HTTP_5XX = "http_5xx";
  public static final String HTTP_4XX = "http_4xx";
  public static final String BODY = "body";
  public static final String BODY_TOO_LARGE = "body_too_large";
  public static final String DECOMPRESSION = "decompression_bomb";
  public static final String REDIRECT_LOOP = "redirect_loop";
  public static final String MALFORMED = "malformed_response";
  public static final String RESET = "reset";
  public static final String SLOW = "slow";
  /** A certificate a browser refuses ({@link CertificateProblem}); the page is DOWN or DEGRADED by config. */
  public static final String CERTIFICATE = "certificate";

  private Cause() {}
}
