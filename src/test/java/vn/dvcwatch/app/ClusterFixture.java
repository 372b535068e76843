package vn.dvcwatch.app;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.List;
import vn.dvcwatch.sim.SimFleet;
import vn.dvcwatch.sim.SimOptions;
import vn.dvcwatch.store.BundledPostgres;

/**
 * What a cluster test's nodes share: one embedded PostgreSQL and one simulated fleet on a Vert.x of its own (two
 * loops: the simulator stands for other machines), closed in reverse.
 */
final class ClusterFixture implements AutoCloseable {
  final EmbeddedPostgres pg;
  final SimFleet sim;
  private final Vertx simVertx;

  private ClusterFixture(EmbeddedPostgres pg, Vertx simVertx, SimFleet sim) {
    this.pg = pg;
    this.simVertx = simVertx;
    this.sim = sim;
  }

  static ClusterFixture start(int portals, Path dir) throws Exception {
    EmbeddedPostgres pg = BundledPostgres.builder().start();
    Vertx simVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try {
      SimFleet sim = SimFleet.start(simVertx, new SimOptions(portals, 0, 2023, null, List.of(), dir.resolve("sim")))
          .await();
      return new ClusterFixture(pg, simVertx, sim);
    } catch (Exception | Error e) {
      simVertx.close().await();
      pg.close();
      throw e;
    }
  }

  /**
   * The configuration of node {@code i} (n1…, vantage v1…, probing from 127.0.0.2…) of a cluster of watchdogs on
   * this fixture's fleet and database.
   *
   * @param probe the probe settings besides the fleet's CA and host names (YAML lines, indented two spaces)
   * @param scoring the {@code scoring} flow mapping's entries besides the model file
   */
  String nodeConfig(int i, Path registry, String name, String members, int port, String probe, String scoring) {
    return """
        http: {host: 127.0.0.1, port: 0}
        db: {url: "postgresql://127.0.0.1:%d/postgres", user: postgres, password: postgres, poolSize: 4}
        registry: {file: "%s", watch: false}
        probe:
        %s
          extraCaFiles: ["%s"]
          hostsFile: "%s"
        scoring: {file: "%s"%s}
        browser: {enabled: false}
        cluster:
          enabled: true
          name: %s
          node: n%d
          vantage: v%d
          members: [%s]
          port: %d
          sourceAddress: 127.0.0.%d
        """.formatted(pg.getPort(), registry, probe.stripTrailing(), sim.caFile(), sim.hostsFile(),
        Path.of("conf/scoring.yaml").toAbsolutePath(), scoring.isEmpty() ? "" : ", " + scoring, name, i + 1, i + 1,
        members, port, i + 2);
  }

  /** Starts a clustered Vert.x for the configuration {@code conf} and deploys a watchdog on it. */
  static WatchdogVerticle deploy(Path conf, Path data, java.util.List<vn.dvcwatch.cluster.ClusterNode> nodes)
      throws Exception {
    AppConfig cfg = AppConfig.load(conf, java.util.Map.of());
    vn.dvcwatch.cluster.ClusterNode node = vn.dvcwatch.cluster.ClusterNode.start(cfg.cluster(),
        new VertxOptions().setEventLoopPoolSize(2)).await();
    nodes.add(node);
    WatchdogVerticle w = new WatchdogVerticle(cfg, data, Service.Mode.RUN, null, new vn.dvcwatch.metrics.DvcMetrics(), node);
    node.vertx().deployVerticle(w).await(120, java.util.concurrent.TimeUnit.SECONDS);
    return w;
  }

  @Override
  public void close() throws Exception {
    sim.close().await();
    simVertx.close().await();
    pg.close();
  }
}
