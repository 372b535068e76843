package vn.dvcwatch.app;

import io.vertx.core.Vertx;
import vn.dvcwatch.cluster.ClusterArtifact;
import vn.dvcwatch.cluster.ClusterNode;
import vn.dvcwatch.metrics.DvcMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.config.ConfigException;
import vn.dvcwatch.config.StartupException;

/**
 * Runs the watchdog until the process is asked to stop. SIGTERM and SIGINT run the JVM's shutdown hooks,
 * where the verticle is undeployed (timers stop, the buffer is flushed, the database is closed) before
 * the JVM exits, so nothing is left running and nothing committed is lost.
 */
public final class Service {
  /** Which fleet is watched: the registry's real portals, or the simulated one of `demo`. */
  public enum Mode { RUN, DEMO }

  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private Service() {}

  public static int run(AppConfig cfg, Path dataDir, Mode mode, DemoSettings demo) {
    System.setProperty("DVC_LOG_FORMAT", cfg.log().format());
    System.setProperty("DVC_LOG_LEVEL", cfg.log().level().toUpperCase(java.util.Locale.ROOT));
    Logger log = LoggerFactory.getLogger(Service.class);
    // One registry for our dvc_ metrics and Vert.x's own (HTTP server/client, event loops, pools).
    DvcMetrics metrics = new DvcMetrics();
    ClusterNode node = null;
    Vertx vertx;
    if (cfg.cluster().enabled()) {
      // a cluster node's Vert.x is a clustered one (Hazelcast joins here; docs/CLUSTER.md)
      log.info("joining cluster {} as node {} (vantage {}), members {}", cfg.cluster().name(), cfg.cluster().node(),
          cfg.cluster().vantage(), cfg.cluster().members());
      try {
        ClusterArtifact.require(); // Hazelcast ships beside the jar, not in it
      } catch (StartupException e) {
        log.error("start-up refused: {}", e.getMessage());
        return 1;
      }
      try {
        node = ClusterNode.start(cfg.cluster(), metrics.vertxOptions(), metrics.vertxMetrics()).await(120, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.error("start-up failed: cannot join the cluster: {}", e.toString(), e);
        return 1;
      }
      vertx = node.vertx();
    } else {
      vertx = metrics.newVertx();
    }
    if (vertx.isNativeTransportEnabled()) {
      log.info("network transport: epoll (Netty's native transport)");
    } else {
      log.info("network transport: NIO (the native transport did not load: {})",
          String.valueOf(vertx.unavailableNativeTransportCause()));
    }
    CountDownLatch stopped = new CountDownLatch(1);
    WatchdogVerticle verticle = new WatchdogVerticle(cfg, dataDir, mode, demo, metrics, node);
    try {
      String id = vertx.deployVerticle(verticle).await(120, TimeUnit.SECONDS);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        log.info("stopping: undeploying the watchdog");
        try {
          // Two steps from this thread: vertx.close() chained on an event loop would complete on a loop it
          // has just shut down, and the wait would never end.
          vertx.undeploy(id).await(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
          vertx.close().await(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
          log.info("stopped cleanly");
        } catch (Exception e) {
          log.warn("stop did not finish within {} s: {}", STOP_GRACE.toSeconds(), e.toString());
        } finally {
          stopped.countDown();
        }
      }, "dvc-watch-shutdown"));
    } catch (Exception e) {
      Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
      vertx.close();
      if (cause instanceof ConfigException) {
        throw (ConfigException) cause;
      }
      if (cause instanceof StartupException) {
        log.error("start-up refused: {}", cause.getMessage());
        return 1;
      }
      log.error("start-up failed: {}", cause.toString(), cause);
      return 1;
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
