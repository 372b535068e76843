package vn.dvcwatch.sim;

import java.net.URI;
import vn.dvcwatch.registry.PortalKind;

/** One simulated portal: where it listens and what it serves ({@code httpsPort} 0 when it has no HTTPS). */
public record SimPortal(String id, String name, PortalKind kind, String hostname, int httpsPort, int httpPort,
    URI homepage, URI eform, SimPosture posture) {}
