package vn.dvcwatch.testkit;

import vn.dvcwatch.store.BundledPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * A real PostgreSQL that a test can stop and start again on the same port and data directory, so that a
 * pool pointed at it meets a real outage (connection refused) and a real return, without any mock.
 */
public final class StoppablePostgres implements AutoCloseable {
  private final Path dir;
  private final int port;
  private EmbeddedPostgres pg;

  private StoppablePostgres(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  public static StoppablePostgres start() {
    try {
      StoppablePostgres db = new StoppablePostgres(Files.createTempDirectory("dvc-pg-"), LowPorts.one());
      db.startAgain();
      return db;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A {@code postgresql://} URL for the store's {@code db.url}. */
  public String url() {
    return "postgresql://postgres:postgres@localhost:" + port + "/postgres";
  }

  public synchronized void startAgain() {
    if (pg != null) {
      return;
    }
    try {
      pg = BundledPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port)
          .setServerConfig("listen_addresses", "localhost").start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server (fast shutdown): connections are closed and new ones refused until {@link #startAgain}. */
  public synchronized void stop() {
    if (pg == null) {
      return;
    }
    try {
      pg.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      pg = null;
    }
  }

  @Override
  public void close() {
    stop();
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: the directory is under the system temp directory
    }
  }
}
