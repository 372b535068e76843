package vn.dvcwatch.result;


/**
 * HTTP security posture of one response (docs/PROBING.md). {@code hsts} is true only with max-age of at least
 * 180 days; {@code xFrameOptions} is true for X-Frame-Options or a CSP frame-ancestors directive.
 */
public record HeaderPosture(
    Boolean httpsRedirect,
    boolean hsts,
    long hstsMaxAgeSeconds,
    boolean csp,
    boolean cspUnsafeInline,
    boolean xFrameOptions,
    boolean xContentTypeOptions,
    boolean referrerPolicy,
    boolean serverVersionLeak,
    int cookies,
    int cookiesWithoutSecure,
    int cookiesWithoutHttpOnly,
    int cookiesWithoutSameSite,
    boolean mixedContent) {}
