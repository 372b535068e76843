package vn.dvcwatch.sim;

/**
 * What a simulated portal does with the next connection or request. NORMAL serves the portal's posture;
 * the others are outages and the hostile behaviours the watchdog must classify without harm (R4 of docs/RELIABILITY.md).
 */
public enum SimMode {
  NORMAL,
  /** Nothing listens: the listening sockets are closed, so connections are refused. */
  REFUSED,
  /** The connection (and TLS) is accepted, the request is read and never answered. */
  TIMEOUT,
  HTTP_500,
  HTTP_503,
  /** The request is read, then the connection is reset (TCP RST). */
  RESET,
  /** The head comes at once, the body one byte every 200 ms. */
  SLOW_DRIP,
  /** A chunked body that never ends. */
  ENDLESS_BODY,
  /** About 1 MB of gzip that inflates to 1 GiB. */
  GZIP_BOMB,
  /** Two pages that redirect to each other. */
  REDIRECT_LOOP,
  /** A status line that is not HTTP. */
  MALFORMED_STATUS,
  /** A response head with 10,000 headers. */
  HUGE_HEADERS,
  /** The ClientHello is read, half a ServerHello is sent, then the connection is reset. */
  RESET_MID_HANDSHAKE,
  /**
   * The page is served normally, but the handshake staples an OCSP response, signed by the simulator's CA,
   * saying that the portal's certificate was revoked (served by BoringSSL: needs netty-tcnative).
   */
  REVOKED
}
