package vn.dvcwatch.probe;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import vn.dvcwatch.config.YamlNode;

/**
 * The {@code probe:} section as written: the schedule, the prober's bounds and the status tracker's confirmations;
 * in a cluster, how many vantages probe each portal ({@code vantagesPerPortal}, 0: all).
 * Nothing here reads a file; {@link ProbeSettings#from} reads {@code hostsFile} when the prober is built.
 */
public record ProbeConfig(Duration interval, Duration connectTimeout, Duration deadline, int maxInFlight,
    long maxBodyBytes, long maxDecompressedBytes, int maxRedirects, int maxHeaderBytes,
    List<Path> extraCaFiles, Path hostsFile, Duration legacyTlsCheckEvery, Duration slowThreshold,
    int confirmDown, int confirmUp, Duration retryInterval, double fleetFailureRatio, String userAgent,
    Duration slowTtfb, CertificateFailure certificateFailure, int vantagesPerPortal) {
  static final Set<String> KEYS = Set.of("interval", "connectTimeout", "deadline", "maxInFlight",
      "maxBodyBytes", "maxDecompressedBytes", "maxRedirects", "maxHeaderBytes", "extraCaFiles", "hostsFile",
      "legacyTlsCheckEvery", "slowThreshold", "confirmDown", "confirmUp", "retryInterval",
      "fleetFailureRatio", "userAgent", "slowTtfb", "certificateFailure", "vantagesPerPortal");

  /** {@code baseDir}: where relative paths start (the working directory, as a user types them). */
  public static ProbeConfig from(YamlNode p, Path baseDir) {
    p.only(KEYS);
    Duration interval = p.get("interval").positiveDuration(Duration.ofSeconds(30));
    Duration deadline = p.get("deadline").positiveDuration(Duration.ofSeconds(15));
    if (deadline.compareTo(interval) > 0) {
      throw p.get("deadline").fail("must not be longer than probe.interval (" + interval.toSeconds() + "s)");
    }
    String hosts = p.get("hostsFile").string("");
    // unset (0): every vantage of a cluster probes every portal; k spreads the fleet, k vantages per portal
    int vantagesPerPortal = p.get("vantagesPerPortal").integer(0);
    if (p.get("vantagesPerPortal").present() && (vantagesPerPortal < 1 || vantagesPerPortal > 100)) {
      throw p.get("vantagesPerPortal").fail(vantagesPerPortal + " is out of range 1..100 (leave it out to probe"
          + " every portal from every vantage)");
    }
    return new ProbeConfig(interval, p.get("connectTimeout").positiveDuration(Duration.ofSeconds(5)), deadline,
        p.get("maxInFlight").integer(200, 1, 100_000),
        p.get("maxBodyBytes").longValue(2L * 1024 * 1024), p.get("maxDecompressedBytes").longValue(8L * 1024 * 1024),
        p.get("maxRedirects").integer(5, 0, 20), p.get("maxHeaderBytes").integer(64 * 1024, 1024, 1024 * 1024),
        p.get("extraCaFiles").strings().stream().map(s -> resolve(baseDir, s)).toList(),
        hosts.isBlank() ? null : resolve(baseDir, hosts),
        p.get("legacyTlsCheckEvery").positiveDuration(Duration.ofHours(1)),
        p.get("slowThreshold").positiveDuration(Duration.ofSeconds(10)),
        p.get("confirmDown").integer(3, 1, 20), p.get("confirmUp").integer(2, 1, 20),
        p.get("retryInterval").positiveDuration(Duration.ofSeconds(10)),
        p.get("fleetFailureRatio").number(0.5, 0.05, 1.0),
        p.get("userAgent").string("dvc-watch/0.1 (+https://github.com/dvc-watch)"),
        p.get("slowTtfb").positiveDuration(ProbeSettings.SLOW_TTFB),
        p.get("certificateFailure").enumValue(CertificateFailure.class, CertificateFailure.DOWN), vantagesPerPortal);
  }

  /** Every default. */
  public static ProbeConfig defaults() {
    return from(YamlNode.parse("(defaults)", "{}", java.util.Map.of()).get("probe"), Path.of("."));
  }

  private static Path resolve(Path baseDir, String file) {
    Path p = Path.of(file);
    return p.isAbsolute() ? p : baseDir.resolve(p).normalize();
  }
}
