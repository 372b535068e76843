package vn.dvcwatch.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * One node of a dvc-watch cluster: a clustered Vert.x on Hazelcast, configured by {@link HazelcastSetup},
 * and the membership its leader election reads. Only ever made when {@code cluster.enabled} is true: a
 * run without a cluster section never starts Hazelcast.
 */
public final class ClusterNode {
  private final Vertx vertx;
  private final HazelcastClusterManager manager;
  private final ClusterSettings settings;

  private ClusterNode(Vertx vertx, HazelcastClusterManager manager, ClusterSettings settings) {
    this.vertx = vertx;
    this.manager = manager;
    this.settings = settings;
  }

  /**
   * Joins (or founds) the cluster. Hazelcast starts on a worker thread inside {@code buildClustered};
   * with no other member reachable, it founds a cluster of one after its join timeout, and the node is
   * then {@code no_quorum} until enough members arrive.
   */
  public static Future<ClusterNode> start(ClusterSettings settings, VertxOptions options) {
    return start(settings, options, null);
  }

  /** As {@link #start(ClusterSettings, VertxOptions)}, with the metrics of the product's registry. */
  public static Future<ClusterNode> start(ClusterSettings settings, VertxOptions options, VertxMetricsFactory metrics) {
    if (!settings.enabled()) {
      return Future.failedFuture(new IllegalStateException("cluster.enabled is false: run without a cluster"));
    }
    HazelcastClusterManager manager = new HazelcastClusterManager(HazelcastSetup.of(settings));
    // The event bus listens on this node's own member address, as Hazelcast does: left to Vert.x it takes the
    // cluster manager's public address, which is host:port here and cannot be resolved as a host name.
    HazelcastSetup.localMemberHost(settings).ifPresent(host -> options.getEventBusOptions().setHost(host));
    VertxBuilder builder = Vertx.builder().with(options).withClusterManager(manager);
    if (metrics != null) {
      builder.withMetrics(metrics);
    }
    return builder.buildClustered().map(vertx -> new ClusterNode(vertx, manager, settings));
  }

  public Vertx vertx() {
    return vertx;
  }

  public ClusterSettings settings() {
    return settings;
  }

  /** The members this node sees, oldest first. */
  public Membership membership() {
    return new HazelcastMembership(manager.getHazelcastInstance());
  }

  /** Leaves the cluster (the others see this node go at once, without waiting for the failure detector). */
  public Future<Void> close() {
    return vertx.close();
  }
}
