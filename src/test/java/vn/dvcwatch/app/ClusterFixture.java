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

  @Override
  public void close() throws Exception {
    sim.close().await();
    simVertx.close().await();
    pg.close();
  }
}
