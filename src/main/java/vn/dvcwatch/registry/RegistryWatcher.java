package vn.dvcwatch.registry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.config.ConfigException;

/**
 * Holds the running fleet and reloads it when its file changes. A bad edit is rejected with one logged
 * error and the running fleet stays as it was (docs/FLEET.md; R5 of docs/RELIABILITY.md): a typo must never stop the watching.
 * The file is polled (a cheap stat off the event loop) rather than watched with WatchService, which
 * misses edits on some filesystems and editors that replace files by rename.
 */
public final class RegistryWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryWatcher.class);

  private final Vertx vertx;
  private final Path file;
  private final AtomicReference<Fleet> current;
  private final List<Consumer<Fleet>> listeners = new CopyOnWriteArrayList<>();
  private volatile FileTime lastSeen;
  private volatile String lastError;
  private long timerId = -1;

  public RegistryWatcher(Vertx vertx, Path file, Fleet initial) {
    this.vertx = vertx;
    this.file = file;
    this.current = new AtomicReference<>(initial);
    this.lastSeen = modified();
  }

  public Fleet fleet() {
    return current.get();
  }

  /** The last rejected edit, or null when the file on disk is the fleet that runs. */
  public String lastError() {
    return lastError;
  }

  public void onChange(Consumer<Fleet> listener) {
    listeners.add(listener);
  }

  public void start(long pollMillis) {
    timerId = vertx.setPeriodic(pollMillis, id -> vertx.fileSystem().props(file.toString())
        .onSuccess(props -> {
          FileTime m = FileTime.fromMillis(props.lastModifiedTime());
          if (!m.equals(lastSeen)) {
            lastSeen = m;
            reload();
          }
        }));
  }

  public void stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
  }

  /** Loads the file now; the future fails with the rejection, and the running fleet stays. */
  public Future<Fleet> reload() {
    return vertx.executeBlocking(() -> RegistryLoader.load(file), false)
        .onSuccess(f -> {
          current.set(f);
          lastError = null;
          LOG.info("registry {} reloaded: {} portals", file, f.portals().size());
          listeners.forEach(l -> l.accept(f));
        })
        .onFailure(e -> {
          lastError = e.getMessage();
          if (e instanceof ConfigException) {
            LOG.error("registry edit rejected, still watching the previous fleet of {} portals: {}",
                current.get().portals().size(), e.getMessage());
          } else {
            LOG.error("registry reload failed, keeping the previous fleet", e);
          }
        });
  }

  private FileTime modified() {
    try {
      return FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis());
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
