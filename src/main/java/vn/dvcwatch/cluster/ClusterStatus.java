package vn.dvcwatch.cluster;

import java.util.List;

/**
 * A node's place in the cluster, as {@code /health/ready} shows it under {@code cluster}.
 *
 * @param role leader, follower, no_quorum or single
 * @param node this node's name
 * @param vantage this node's vantage
 * @param members the names of the nodes this node sees (itself included), oldest first
 * @param epoch the newest leader epoch this node knows (0: none claimed yet, or single)
 * @param pid this node's process id (which process answered)
 * @param leader the node holding {@code epoch}, null when unknown or single
 */
public record ClusterStatus(Role role, String node, String vantage, List<String> members, long epoch, long pid,
    String leader) {

  public ClusterStatus {
    members = List.copyOf(members);
  }

  /** The one process of a run without a cluster section. */
  public static ClusterStatus single(String node, String vantage) {
    return new ClusterStatus(Role.SINGLE, node, vantage, List.of(node), 0, ProcessHandle.current().pid(), null);
  }

  /** The JSON object of {@code /health/ready}'s {@code cluster} field. */
  public io.vertx.core.json.JsonObject toJson() {
    return new io.vertx.core.json.JsonObject().put("role", role.label()).put("node", node).put("vantage", vantage)
        .put("members", new io.vertx.core.json.JsonArray(members)).put("epoch", epoch).put("pid", pid)
        .put("leader", leader);
  }
}
