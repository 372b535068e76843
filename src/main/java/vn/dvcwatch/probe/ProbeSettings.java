package vn.dvcwatch.probe;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The bounds and knobs of one prober. Every limit here is a defence against a hostile or broken server
 * (docs/PROBING.md): nothing a portal sends can make a probe hold more than these bytes or last longer than the
 * deadline.
 *
 * @param hosts hostname → IP overrides consulted before DNS (the simulator's names); empty = DNS only
 */
public record ProbeSettings(Duration connectTimeout, Duration deadline, long maxBodyBytes, long maxDecompressedBytes,
    int maxRedirects, int maxHeaderBytes, List<Path> extraCaFiles, Map<String, String> hosts,
    String userAgent, Duration slowThreshold, Duration legacyTlsCheckEvery, Duration slowTtfb,
    CertificateFailure certificateFailure) {

  /** The configuration file's default of {@code probe.slowTtfb}: the score's zero-point for TTFB. */
  public static final Duration SLOW_TTFB = Duration.ofMillis(1800);

  public ProbeSettings {
    extraCaFiles = List.copyOf(extraCaFiles);
    hosts = Map.copyOf(hosts);
  }

  /** With the defaults of {@code probe.slowTtfb} and {@code probe.certificateFailure}. */
  public ProbeSettings(Duration connectTimeout, Duration deadline, long maxBodyBytes, long maxDecompressedBytes,
      int maxRedirects, int maxHeaderBytes, List<Path> extraCaFiles, Map<String, String> hosts, String userAgent,
      Duration slowThreshold, Duration legacyTlsCheckEvery) {
    this(connectTimeout, deadline, maxBodyBytes, maxDecompressedBytes, maxRedirects, maxHeaderBytes, extraCaFiles,
        hosts, userAgent, slowThreshold, legacyTlsCheckEvery, SLOW_TTFB, CertificateFailure.DOWN);
  }

  /** Settings from the {@code probe:} section; reads {@code hostsFile} (hosts(5) format) when set. */
  public static ProbeSettings from(ProbeConfig p) {
    Map<String, String> hosts = p.hostsFile() == null ? Map.of() : HostsFile.read(p.hostsFile());
    return new ProbeSettings(p.connectTimeout(), p.deadline(), p.maxBodyBytes(), p.maxDecompressedBytes(),
        p.maxRedirects(), p.maxHeaderBytes(), p.extraCaFiles(), hosts, p.userAgent(), p.slowThreshold(),
        p.legacyTlsCheckEvery(), p.slowTtfb(), p.certificateFailure());
  }

  /** The configuration file's defaults. */
  public static ProbeSettings defaults() {
    return from(ProbeConfig.defaults());
  }

  public ProbeSettings withExtraCaFiles(List<Path> files) {
    return new ProbeSettings(connectTimeout, deadline, maxBodyBytes, maxDecompressedBytes, maxRedirects,
        maxHeaderBytes, files, hosts, userAgent, slowThreshold, legacyTlsCheckEvery, slowTtfb, certificateFailure);
  }

  public ProbeSettings withHosts(Map<String, String> overrides) {
    return new ProbeSettings(connectTimeout, deadline, maxBodyBytes, maxDecompressedBytes, maxRedirects,
        maxHeaderBytes, extraCaFiles, overrides, userAgent, slowThreshold, legacyTlsCheckEvery, slowTtfb,
        certificateFailure);
  }

  public ProbeSettings withDeadline(Duration d) {
    return new ProbeSettings(connectTimeout, d, maxBodyBytes, maxDecompressedBytes, maxRedirects,
        maxHeaderBytes, extraCaFiles, hosts, userAgent, slowThreshold, legacyTlsCheckEvery, slowTtfb,
        certificateFailure);
  }

  public ProbeSettings withCertificateFailure(CertificateFailure mode) {
    return new ProbeSettings(connectTimeout, deadline, maxBodyBytes, maxDecompressedBytes, maxRedirects,
        maxHeaderBytes, extraCaFiles, hosts, userAgent, slowThreshold, legacyTlsCheckEvery, slowTtfb, mode);
  }
}
