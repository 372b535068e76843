package vn.dvcwatch.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Membership from Hazelcast itself rather than from the Vert.x cluster manager's node listener: that
 * listener has one slot, which Vert.x's own HA manager takes in every clustered Vert.x, and node ids
 * carry no age. Hazelcast's member list is the same on every member of a cluster and in join order,
 * which is what "the oldest member" needs.
 */
final class HazelcastMembership implements Membership {
  private final HazelcastInstance hz;

  HazelcastMembership(HazelcastInstance hz) {
    this.hz = hz;
  }

  @Override
  public List<Peer> members() {
    List<Peer> out = new ArrayList<>();
    if (!hz.getLifecycleService().isRunning()) {
      return out;
    }
    for (Member m : hz.getCluster().getMembers()) {
      String node = m.getAttribute(HazelcastSetup.NODE);
      if (node != null) { // a member that is not a dvc-watch node (none expected) has no vote
        String pid = m.getAttribute(HazelcastSetup.PID);
        out.add(new Peer(node, m.getAttribute(HazelcastSetup.VANTAGE), pid == null ? 0 : Long.parseLong(pid)));
      }
    }
    return out;
  }

  @Override
  public void onChange(Runnable changed) {
    hz.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent e) {
        changed.run();
      }

      @Override
      public void memberRemoved(MembershipEvent e) {
        changed.run();
      }
    });
    hz.getLifecycleService().addLifecycleListener(e -> {
      if (e.getState() == LifecycleEvent.LifecycleState.MERGED) {
        changed.run();
      }
    });
  }
}
