package vn.dvcwatch.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One headless browser process, started with a fresh profile directory and the DevTools endpoint on a port
 * the browser chooses (it writes it to {@code DevToolsActivePort} in the profile). Never runs as root: when
 * this JVM is root, the browser is started as {@code nobody} through {@code setpriv}, with a profile that
 * user owns. Every method here blocks (process start, file polling, /proc reads): callers run them in
 * {@code executeBlocking}.
 */
final class ChromeProcess {
  static final String UNPRIVILEGED_USER = "nobody";
  static final String UNPRIVILEGED_GROUP = "nogroup";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  /**
   * Every process of this browser seen so far. A renderer spinning in a page's endless loop does not notice
   * that its browser was killed, and once orphaned it is no longer a descendant: these handles (which carry
   * the process's start time, so a reused pid is never hit) let {@link #stop} end it anyway.
   */
  private final java.util.Set<ProcessHandle> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final Path profile;
  final int port;
  final String browserPath;
  final boolean dropped;

  private ChromeProcess(Process process, Path profile, int port, String browserPath, boolean dropped) {
    this.process = process;
    this.profile = profile;
    this.port = port;
    this.browserPath = browserPath;
    this.dropped = dropped;
  }

  /** Whether Chromium's sandbox started on this machine; null until the first start tells. */
  private static volatile Boolean sandboxWorks;

  /**
   * Starts the browser and waits (blocking) until its DevTools endpoint is written. As root, the browser runs as
   * {@code nobody}; otherwise as this user. Either way with Chromium's sandbox where it can start, and without it
   * only where it cannot (containers refuse the user namespaces it needs): never with privileges.
   */
  static ChromeProcess start(Path executable, BrowserSettings s) throws IOException, InterruptedException {
    boolean root = isRoot();
    if (Boolean.FALSE.equals(sandboxWorks)) {
      return start(executable, s, root, true);
    }
    try {
      ChromeProcess p = start(executable, s, root, false);
      sandboxWorks = true;
      return p;
    } catch (IOException sandboxRefused) {
      if (Boolean.TRUE.equals(sandboxWorks)) {
        throw sandboxRefused; // it worked before: this failure is something else
      }
      org.slf4j.LoggerFactory.getLogger(ChromeProcess.class).warn(
          "the browser did not start with its sandbox ({}); starting it without (it runs as an unprivileged user)",
          sandboxRefused.getMessage());
      ChromeProcess p = start(executable, s, root, true);
      sandboxWorks = false;
      return p;
    }
  }

  private static ChromeProcess start(Path executable, BrowserSettings s, boolean root, boolean noSandbox)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("dvc-browser-");
    if (root) {
      giveTo(profile, UNPRIVILEGED_USER, UNPRIVILEGED_GROUP);
    }
    List<String> cmd = new ArrayList<>(priority(s));
    if (root) {
      Path setpriv = Stream.of("/usr/bin/setpriv", "/bin/setpriv").map(Path::of).filter(Files::isExecutable)
          .findFirst().orElseThrow(() -> new IOException("running as root and setpriv is missing: the browser never runs as root"));
      cmd.addAll(List.of(setpriv.toString(), "--reuid=" + UNPRIVILEGED_USER, "--regid=" + UNPRIVILEGED_GROUP, "--clear-groups"));
    }
    cmd.add(executable.toString());
    cmd.addAll(flags(profile, s, noSandbox));
    cmd.add("about:blank");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("HOME", profile.toString());
    Process p = pb.start();
    ChromeProcess started = null;
    try {
      String[] endpoint = awaitEndpoint(p, profile);
      started = new ChromeProcess(p, profile, Integer.parseInt(endpoint[0].trim()), endpoint[1].trim(), root);
      return started;
    } finally {
      if (started == null) {
        kill(p);
        deleteTree(profile);
      }
    }
  }

  /**
   * The launchers that lower the browser's CPU priority, each exec'ing the next (the browser keeps the started
   * process's PID, and every process it forks inherits the class and the niceness): {@code chrt --idle 0} for the
   * idle class, then {@code nice -n N}, which counts where the idle class cannot be had. A missing command is said
   * once in the log and left out.
   */
  static List<String> priority(BrowserSettings s) {
    List<String> out = new ArrayList<>();
    if (s.idleClass()) {
      out.addAll(command("chrt", "browser.cpuClass is idle", "--idle", "0"));
    }
    if (s.nice() > 0) {
      out.addAll(command("nice", "browser.nice is " + s.nice(), "-n", Integer.toString(s.nice())));
    }
    return out;
  }

  private static List<String> command(String name, String setting, String... args) {
    return Stream.of("/usr/bin/", "/bin/").map(dir -> Path.of(dir + name)).filter(Files::isExecutable).findFirst()
        .map(c -> Stream.concat(Stream.of(c.toString()), Stream.of(args)).toList())
        .orElseGet(() -> {
          if (MISSING_SAID.add(name)) {
            org.slf4j.LoggerFactory.getLogger(ChromeProcess.class).warn(
                "{} but there is no {} command: the browser runs at a higher CPU priority than asked", setting, name);
          }
          return List.of();
        });
  }

  private static final java.util.Set<String> MISSING_SAID = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Browser-window pieces a headless page never shows. Each load's fresh context opens a window of its own; with
   * these on (as in Debian's Chromium 156) that window loads the address bar's popup as a WebUI page
   * ({@code chrome://omnibox-popup.top-chrome/}, 100+ module requests) and preloads top-Chrome WebUIs: 0.5–3.4
   * CPU-seconds in a "WebUI Top Renderer" overlapping the measured page's navigation and first paint (traced on a
   * two-core machine), work that Lighthouse's loads, tabs of the one window, do not have. Chromium ignores names
   * it does not know.
   */
  static final List<String> DISABLED_FEATURES = List.of("WebUIOmniboxPopup", "WebUIOmniboxFullPopup",
      "WebUIOmniboxAimPopup", "PreloadTopChromeWebUI");

  /**
   * The flags of every start. {@code --no-sandbox} only where the browser runs as an unprivileged user that
   * cannot have the sandbox: Chromium's own sandbox needs user namespaces, which containers often refuse.
   */
  static List<String> flags(Path profile, BrowserSettings s, boolean noSandbox) {
    List<String> f = new ArrayList<>(List.of("--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-default-apps",
        "--disable-extensions", "--mute-audio", "--no-default-browser-check", "--disable-dev-shm-usage",
        // As Lighthouse's launcher starts it: a page in a context of its own is never treated as a background tab
        // (a lower-priority renderer, throttled timers), so its paint times are those of a page in front of a reader.
        "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
        "--disable-background-timer-throttling", "--disable-features=" + String.join(",", DISABLED_FEATURES),
        "--remote-debugging-port=0", "--user-data-dir=" + profile));
    if (noSandbox) {
      f.add("--no-sandbox");
    }
    if (!s.hosts().isEmpty()) {
      f.add("--host-resolver-rules=" + s.hosts().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .map(e -> "MAP " + e.getKey() + " " + e.getValue()).collect(Collectors.joining(",")));
    }
    List<String> spki = s.extraCaFiles().stream().flatMap(ChromeProcess::spkiHashes).toList();
    if (!spki.isEmpty()) {
      f.add("--ignore-certificate-errors-spki-list=" + String.join(",", spki));
    }
    return f;
  }

  /** Chromium accepts a chain with any of these public keys (base64 SHA-256 of SubjectPublicKeyInfo). */
  static Stream<String> spkiHashes(Path pem) {
    try (var in = Files.newInputStream(pem)) {
      List<String> out = new ArrayList<>();
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        byte[] spki = ((X509Certificate) c).getPublicKey().getEncoded();
        out.add(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki)));
      }
      return out.stream();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read CA file " + pem + ": " + e.getMessage(), e);
    }
  }

  private static String[] awaitEndpoint(Process p, Path profile) throws IOException, InterruptedException {
    Path file = profile.resolve("DevToolsActivePort");
    long until = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < until) {
      if (!p.isAlive()) {
        throw new IOException("the browser exited at start with code " + p.exitValue());
      }
      if (Files.isReadable(file)) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() >= 2 && !lines.get(1).isBlank()) {
          return new String[] {lines.get(0), lines.get(1)};
        }
      }
      Thread.sleep(50);
    }
    throw new IOException("the browser wrote no DevTools endpoint within " + START_TIMEOUT.toSeconds() + " s");
  }

  static boolean isRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  private static void giveTo(Path dir, String user, String group) throws IOException {
    UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
    PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
    view.setOwner(users.lookupPrincipalByName(user));
    GroupPrincipal g = users.lookupPrincipalByGroupName(group);
    view.setGroup(g);
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /**
   * Memory of the browser and all its processes (renderers, GPU, network service), in bytes: the sum of their
   * proportional set sizes. Resident sizes would count the shared browser binary once per process (a fresh
   * browser "uses" over a gigabyte that way); PSS splits each shared page among the processes that map it.
   */
  long residentBytes() {
    return overTree(ChromeProcess::pss);
  }

  /** {@code perProcess} summed over the browser and its descendants now (each one noted in {@link #seen}). */
  private long overTree(java.util.function.LongUnaryOperator perProcess) {
    long total = perProcess.applyAsLong(process.pid());
    for (ProcessHandle h : process.descendants().toList()) {
      seen.add(h);
      total += perProcess.applyAsLong(h.pid());
    }
    return total;
  }

  /**
   * CPU-seconds (user and system) of the browser and every process it runs, and of those that have ended (their time
   * is in their parent's cutime and cstime once reaped), from /proc: the browser room's {@code browser.cpuBudget}.
   * Blocking (a /proc read per process): call it on a worker.
   */
  double cpuSeconds() {
    return overTree(ChromeProcess::ticks) / (double) CLOCK_TICKS;
  }

  /** USER_HZ, the unit of /proc/PID/stat's times: 100 on every Linux the product runs on. */
  private static final int CLOCK_TICKS = 100;

  /** utime + stime + cutime + cstime of one process, 0 when it is gone. */
  static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long pss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
        if (line.startsWith("Pss:")) {
          return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
        }
      }
      return 0;
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  /**
   * Kills the browser and every process it started, orphans included, waits until they are gone, then removes
   * its profile. Processes are found three ways, again after each kill until no new one turns up: the
   * browser's descendants now, every descendant noticed earlier (a renderer orphaned by a killed browser is no
   * longer a descendant), and any process whose command line names this start's profile directory (Chromium
   * passes it to what it spawns; its crash handler, which forks twice and leaves the browser's tree at once,
   * keeps its database under the profile, which is the browser's HOME). (Turning the crash handler off with
   * {@code --disable-crashpad-for-testing} made navigations end in net::ERR_ABORTED on Chromium 156.) Returns
   * the processes still alive afterwards (none, unless the kernel has not reaped them within the wait).
   */
  List<ProcessHandle> stop() {
    java.util.Set<ProcessHandle> all = new java.util.HashSet<>();
    for (int round = 0; round < 5; round++) {
      java.util.Set<ProcessHandle> found = new java.util.HashSet<>(seen);
      found.add(process.toHandle());
      process.descendants().forEach(found::add);
      found.forEach(h -> h.descendants().forEach(found::add));
      found.addAll(namingProfile());
      found.removeIf(h -> !h.isAlive());
      if (found.isEmpty()) {
        break;
      }
      all.addAll(found);
      found.forEach(ProcessHandle::destroyForcibly);
      awaitExit(found, 2000);
    }
    deleteTree(profile);
    return all.stream().filter(ProcessHandle::isAlive).toList();
  }

  private static void awaitExit(java.util.Collection<ProcessHandle> handles, long ms) {
    long until = System.nanoTime() + ms * 1_000_000;
    for (ProcessHandle h : handles) {
      try {
        h.onExit().get(Math.max(1, (until - System.nanoTime()) / 1_000_000), java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
        // still alive: the next round kills it again and the caller hears of it
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Processes whose command line names this start's profile directory (read from /proc). */
  List<ProcessHandle> namingProfile() {
    byte[] mine = profile.toString().getBytes(StandardCharsets.UTF_8);
    List<ProcessHandle> out = new ArrayList<>();
    ProcessHandle.allProcesses().forEach(h -> {
      try {
        byte[] cmd = Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline"));
        if (indexOf(cmd, mine) >= 0) {
          out.add(h);
        }
      } catch (IOException | RuntimeException gone) {
        // exited meanwhile, or not Linux
      }
    });
    return out;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The profile directory of this start (unique to it). */
  Path profile() {
    return profile;
  }

  /** Notes the browser's processes now (the pool calls it after each start and during loads). */
  void notice() {
    process.descendants().forEach(seen::add);
  }

  private static void kill(Process p) {
    List<ProcessHandle> children = p.descendants().toList();
    p.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    try {
      p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException e) {
      // a profile left in the temp directory is harmless; the next start makes a new one
    }
  }
}
