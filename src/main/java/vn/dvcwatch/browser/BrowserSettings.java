package vn.dvcwatch.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import vn.dvcwatch.config.YamlNode;

/**
 * The {@code browser} section of {@code conf/dvc-watch.yaml}: where the browser is, how many pages load at
 * once, how often each portal is loaded, and the bounds of one load. The room reads and validates its own
 * section (the top-level config only composes).
 *
 * @param path the browser executable; blank: the first of {@link #CANDIDATES} that exists
 * @param deadline the hard end of one load, whatever the page does
 * @param settle how long to keep observing after the load event (late layout shifts, late long tasks)
 * @param maxBytes transfer bytes after which further requests are blocked and the load ends
 * @param maxRequests requests after which further requests are blocked
 * @param maxMemoryMb resident memory of the whole browser (all its processes) above which it is restarted
 * @param nice the browser's CPU niceness (0–19, inherited by all its processes) when it runs in the normal class
 * @param idleClass the browser runs in Linux's idle scheduling class (SCHED_IDLE, {@code cpuClass: idle}, the
 *     default): a probe loop that wakes takes a core from a page load at once, where a niced browser still kept
 *     its core for a while (docs/PERFORMANCE.md, P2-truth); {@code cpuClass: normal} runs it at {@code nice}
 * @param cpuBudget the cores the browser room may use on average (its processes' CPU time per second of wall time;
 *     0: no limit); above it, loads wait ({@link CpuBudget}), so a large fleet gets longer rounds, not busy cores
 * @param hosts name → address pairs the browser resolves first (the prober's hosts file)
 * @param extraCaFiles CAs whose certificates the browser accepts besides the system's (the prober's)
 */
public record BrowserSettings(boolean enabled, String path, int concurrency, Duration interval, Duration deadline,
    Duration settle, long maxBytes, int maxRequests, int maxMemoryMb, int nice, boolean idleClass, double cpuBudget,
    Profile profile, Throttling throttling, Map<String, String> hosts, List<Path> extraCaFiles) {

  /**
   * Debian's headless shell first: it is smaller and made for this; then the full browser (what the Docker image
   * installs, checked by DeploymentFilesTest).
   */
  public static final List<String> CANDIDATES = List.of("/usr/bin/chromium-headless-shell", "/usr/bin/chromium",
      "/usr/bin/chromium-browser", "/usr/bin/google-chrome");

  /** The device a load pretends to be. */
  public enum Profile {
    /** Lighthouse's mobile device: a 412×823 viewport at 1.75 device pixels, touch, an Android user agent. */
    MOBILE,
    DESKTOP;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How the network and CPU are slowed; stored with every figure, and figures of two methods are never compared. */
  public enum Throttling {
    /** Nothing slowed: the watchdog's own network and CPU. */
    NONE("none"),
    /** Lighthouse's "slow 4G" applied by DevTools (562.5 ms request latency, 1.47 Mbit/s down) and a 4× slower CPU. */
    DEVTOOLS_4G_4X_CPU("devtools-4g-4x-cpu");

    private final String method;

    Throttling(String method) {
      this.method = method;
    }

    public String method() {
      return method;
    }

    static Throttling of(YamlNode n) {
      String v = n.string("none").trim().toLowerCase(Locale.ROOT);
      for (Throttling t : values()) {
        if (t.method.equals(v)) {
          return t;
        }
      }
      throw n.fail("expected none or devtools-4g-4x-cpu, got \"" + v + "\"");
    }
  }

  /**
   * A quarter of one core: the default fleet (83 portals, 166 pages an hour at about 1.7 CPU-seconds a load on a quiet
   * machine) needs about 0.1, so its rounds are not slowed; 1,000 portals would need a core or more, more than a
   * small machine can give beside its probes (docs/BROWSER.md, "CPU budget").
   */
  static final double DEFAULT_CPU_BUDGET = 0.25;

  static final Set<String> KEYS = Set.of("enabled", "path", "concurrency", "interval", "deadline", "settle",
      "maxBytes", "maxRequests", "maxMemoryMb", "nice", "cpuClass", "cpuBudget", "profile", "throttling");

  public static BrowserSettings defaults() {
    return from(YamlNode.parse("(defaults)", "{}", Map.of()));
  }

  /** Reads the section; every rejection names file, line and field. */
  public static BrowserSettings from(YamlNode b) {
    b.only(KEYS);
    Duration interval = positive(b.get("interval"), Duration.ofMinutes(60));
    Duration deadline = positive(b.get("deadline"), Duration.ofSeconds(45));
    if (deadline.compareTo(interval) > 0) {
      throw b.get("deadline").fail("must not be longer than browser.interval (" + interval.toMinutes() + " min)");
    }
    Duration settle = positive(b.get("settle"), Duration.ofSeconds(2));
    if (settle.compareTo(deadline) >= 0) {
      throw b.get("settle").fail("must be shorter than browser.deadline (" + deadline.toSeconds() + "s)");
    }
    long maxBytes = b.get("maxBytes").longValue(50L * 1024 * 1024);
    if (maxBytes < 64 * 1024) {
      throw b.get("maxBytes").fail("must be at least 65536 (64 KiB)");
    }
    String path = b.get("path").string("").trim();
    if (!path.isEmpty() && !path.startsWith("/")) {
      throw b.get("path").fail("must be an absolute path to the browser, got \"" + path + "\"");
    }
    return new BrowserSettings(b.get("enabled").bool(true), path, b.get("concurrency").integer(1, 1, 16), interval,
        deadline, settle, maxBytes, b.get("maxRequests").integer(1000, 10, 100_000),
        b.get("maxMemoryMb").integer(1536, 256, 65_536), b.get("nice").integer(10, 0, 19), idleClass(b.get("cpuClass")),
        b.get("cpuBudget").number(DEFAULT_CPU_BUDGET, 0, 64), b.get("profile").enumValue(Profile.class, Profile.MOBILE),
        Throttling.of(b.get("throttling")), Map.of(), List.of());
  }

  /** The same settings resolving these names first and trusting these CAs too (the prober's, in demo and check). */
  public BrowserSettings withNetwork(Map<String, String> newHosts, List<Path> cas) {
    return new BrowserSettings(enabled, path, concurrency, interval, deadline, settle, maxBytes, maxRequests,
        maxMemoryMb, nice, idleClass, cpuBudget, profile, throttling, Map.copyOf(newHosts), List.copyOf(cas));
  }

  /** The same settings with another {@code cpuBudget} (cores; 0: no limit). */
  public BrowserSettings withCpuBudget(double cores) {
    return new BrowserSettings(enabled, path, concurrency, interval, deadline, settle, maxBytes, maxRequests,
        maxMemoryMb, nice, idleClass, cores, profile, throttling, hosts, extraCaFiles);
  }

  public BrowserSettings withBounds(int newConcurrency, Duration newDeadline, Duration newSettle, long newMaxBytes,
      int newMaxRequests, int newMaxMemoryMb) {
    return new BrowserSettings(enabled, path, newConcurrency, interval, newDeadline, newSettle, newMaxBytes,
        newMaxRequests, newMaxMemoryMb, nice, idleClass, cpuBudget, profile, throttling, hosts, extraCaFiles);
  }

  /** The executable to start, or null when none is there (the product then runs without the browser room). */
  public Path executable() {
    if (!path.isEmpty()) {
      Path p = Path.of(path);
      return Files.isExecutable(p) ? p : null;
    }
    return CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
  }

  private static boolean idleClass(YamlNode n) {
    String v = n.string("idle").trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "idle" -> true;
      case "normal" -> false;
      default -> throw n.fail("expected idle or normal, got \"" + v + "\"");
    };
  }

  private static Duration positive(YamlNode n, Duration fallback) {
    Duration d = n.duration(fallback);
    if (d.isNegative() || d.isZero()) {
      throw n.fail("must be longer than zero");
    }
    return d;
  }
}
