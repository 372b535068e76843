package vn.dvcwatch.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Optional;

/**
 * The Hazelcast configuration of a node, built in code from {@link ClusterSettings} (no XML on the class
 * path, no {@code cluster.xml} surprises): TCP-IP join with the configured members only, open-source
 * features only, and failure detection short enough that a dead leader is replaced within seconds.
 */
public final class HazelcastSetup {
  /** Member attributes: every node can read every other node's name, vantage and process id. */
  public static final String NODE = "dvc.node";
  public static final String VANTAGE = "dvc.vantage";
  public static final String PID = "dvc.pid";

  /*
   * Failure detection. A member that sends no heartbeat for MAX_NO_HEARTBEAT seconds is removed from the
   * others' member lists; with heartbeats every second, a killed or frozen node is out after 5-6 s, and the
   * leader's successor claims the epoch right after (docs/CLUSTER.md: within 15 s end to end). Shorter
   * would remove a node over one long GC pause; Hazelcast's default (60 s) would leave the fleet without a
   * leader for a minute.
   */
  static final int HEARTBEAT_SECONDS = 1;
  static final int MAX_NO_HEARTBEAT_SECONDS = 5;
  /*
   * After a split (a frozen node, a network cut), the smaller side rejoins through Hazelcast's split-brain
   * merge, which by default first runs after 5 minutes. 10 s gets a healed node back in the cluster soon;
   * the epoch, not the merge, decides who leads, so an early merge cannot make two leaders.
   */
  static final int MERGE_DELAY_SECONDS = 10;

  private HazelcastSetup() {}

  public static Config of(ClusterSettings s) {
    Config c = new Config();
    c.setClusterName(s.name());
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.logging.type", "slf4j");
    c.setProperty("hazelcast.heartbeat.interval.seconds", Integer.toString(HEARTBEAT_SECONDS));
    c.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(MAX_NO_HEARTBEAT_SECONDS));
    c.setProperty("hazelcast.merge.first.run.delay.seconds", Integer.toString(MERGE_DELAY_SECONDS));
    c.setProperty("hazelcast.merge.next.run.delay.seconds", Integer.toString(MERGE_DELAY_SECONDS));
    // A node joins within a second or two of the first answer instead of waiting 5 s for late-comers.
    c.setProperty("hazelcast.wait.seconds.before.join", "1");
    c.getJetConfig().setEnabled(false);

    NetworkConfig net = c.getNetworkConfig();
    net.setPort(s.port()).setPortAutoIncrement(false);
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2)
        .setMembers(s.members().stream().map(ClusterSettings.Member::toString).toList());
    // The member of the list that is an address of this machine is ours: bind there (and only there) and
    // announce it, so that nodes on one machine (tests, demo) and multi-homed hosts use the listed path.
    localMemberHost(s).ifPresent(host -> {
      net.getInterfaces().setEnabled(true).addInterface(host);
      net.setPublicAddress(new ClusterSettings.Member(host, s.port()).toString());
      c.setProperty("hazelcast.socket.bind.any", "false");
    });

    c.getMemberAttributeConfig().setAttribute(NODE, s.node());
    c.getMemberAttributeConfig().setAttribute(VANTAGE, s.vantage());
    c.getMemberAttributeConfig().setAttribute(PID, Long.toString(ProcessHandle.current().pid()));

    // What vertx-hazelcast's default-cluster.xml sets for its own structures (a programmatic Config replaces it).
    c.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
        .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    c.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
    c.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
    return c;
  }

  /** The first listed member host that is an address of this machine (a literal or a resolvable name). */
  static Optional<String> localMemberHost(ClusterSettings s) {
    for (ClusterSettings.Member m : s.members()) {
      try {
        InetAddress a = InetAddress.getByName(m.host());
        if (a.isLoopbackAddress() || NetworkInterface.getByInetAddress(a) != null) {
          return Optional.of(a.getHostAddress());
        }
      } catch (IOException e) {
        // a peer's name that does not resolve here is not ours; Hazelcast reports it when it tries to join
      }
    }
    return Optional.empty();
  }
}
