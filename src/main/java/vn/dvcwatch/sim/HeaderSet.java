package vn.dvcwatch.sim;

/** Which security headers a simulated portal sends, and whether its Server header names a version. */
public record HeaderSet(boolean hsts, boolean csp, boolean xFrameOptions, boolean nosniff, boolean referrerPolicy,
    boolean serverVersion) {}
