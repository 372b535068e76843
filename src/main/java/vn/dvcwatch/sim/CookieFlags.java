package vn.dvcwatch.sim;

/** The attributes of the session cookie a simulated portal sets. */
public record CookieFlags(boolean secure, boolean httpOnly, boolean sameSite) {}
