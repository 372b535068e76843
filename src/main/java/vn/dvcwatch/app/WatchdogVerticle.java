package vn.dvcwatch.app;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.config.AppConfig;
import vn.dvcwatch.registry.Fleet;
import vn.dvcwatch.registry.RegistryLoader;
import vn.dvcwatch.registry.RegistryWatcher;

/**
 * Composes the rooms of the watchdog. Start-up is a flat list of named steps, each one a room; stop runs
 * them in reverse. See docs/ARCHITECTURE.md for the data flow.
 */
public final class WatchdogVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WatchdogVerticle.class);

  private final AppConfig cfg;
  private final Path dataDir;
  private final Service.Mode mode;
  private final DemoSettings demo;
  private RegistryWatcher registry;
  private Instant startedAt;

  public WatchdogVerticle(AppConfig cfg, Path dataDir, Service.Mode mode, DemoSettings demo) {
    this.cfg = cfg;
    this.dataDir = dataDir;
    this.mode = mode;
    this.demo = demo;
  }

  @Override
  public Future<?> start() {
    startedAt = Instant.now();
    Future<?> fut = Future.succeededFuture();
    fut = fut.compose(x -> startRegistry());
    return fut.onSuccess(x -> LOG.info("dvc-watch {} started in {} ms: {} portals", mode.name().toLowerCase(),
        Duration.between(startedAt, Instant.now()).toMillis(), registry.fleet().portals().size()));
  }

  private Future<Fleet> startRegistry() {
    Path file = cfg.registry().file();
    return vertx.executeBlocking(() -> RegistryLoader.load(file), false).onSuccess(fleet -> {
      registry = new RegistryWatcher(vertx, file, fleet);
      if (cfg.registry().watch()) {
        registry.start(2000);
      }
    });
  }

  @Override
  public Future<?> stop() {
    if (registry != null) {
      registry.stop();
    }
    return Future.succeededFuture();
  }
}
