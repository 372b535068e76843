package vn.dvcwatch.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who probes what (docs/CLUSTER.md, "Who probes what"). By default every vantage probes every portal. With
 * {@code probe.vantagesPerPortal: k} each portal is probed by the {@code k} live vantages {@link Rendezvous}
 * ranks first, and counted in the vote only from those.
 *
 * <p>A vantage is <em>live</em> when one of its nodes is a member of the cluster and its vantage report
 * has arrived since this node saw that member join, within {@code silence}. Reports only flow once a node's
 * probing is wired, so a node that has joined Hazelcast but is still starting (its database, its state)
 * takes no portal from the others until it can probe it; and a node whose reports stopped (its loop is
 * stuck) gives its portals up even before the failure detector removes it. This node's own vantage is
 * always live. A node that has just started takes its share only once it has heard every member, or after
 * {@code firstRound}: before that it would take every portal for itself.
 *
 * <p>{@link #update} runs on one context (the room's): on every membership change and every report
 * received. {@link #probes} and {@link #vantagesOf} may be read from any thread.
 */
public final class ProbeAssignment {
  private static final Logger LOG = LoggerFactory.getLogger(ProbeAssignment.class);

  /** The live vantages, and each portal's top {@code k} of them, computed when first asked. */
  private record Live(Set<String> vantages, boolean ready, Map<String, List<String>> tops) {
    Live(Set<String> vantages, boolean ready) {
      this(vantages, ready, new ConcurrentHashMap<>());
    }

    boolean same(Live o) {
      return ready == o.ready && vantages.equals(o.vantages);
    }
  }

  private final String self;
  private final int k;
  private final Duration silence;
  private final Instant firstRoundEnds;
  /** When this node first saw each member vantage in the member list, this time round. */
  private final Map<String, Instant> memberSince = new HashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile Live live;

  /**
   * @param self this node's vantage
   * @param k vantages per portal; 0: every vantage probes every portal
   * @param silence a member whose reports have not arrived for this long probes nothing
   * @param firstRound how long a starting node waits to hear the others before it takes its share
   */
  public ProbeAssignment(String self, int k, Duration silence, Duration firstRound, Instant now) {
    if (k < 0) {
      throw new IllegalArgumentException("vantagesPerPortal " + k);
    }
    this.self = self;
    this.k = k;
    this.silence = silence;
    this.firstRoundEnds = now.plus(firstRound);
    this.live = new Live(Set.of(self), k == 0);
  }

  /** True when the fleet is spread ({@code k} set); false when every vantage probes every portal. */
  public boolean spreading() {
    return k > 0;
  }

  /** False while a starting node has not yet heard the others (its first round); it probes nothing then. */
  public boolean ready() {
    return live.ready();
  }

  /** The vantages probing now, this one included (sorted). */
  public Set<String> live() {
    return live.vantages();
  }

  /** True when this node's vantage probes {@code portal} now. */
  public boolean probes(String portal) {
    Live l = live;
    return !spreading() || l.ready() && vantagesOf(portal).contains(self);
  }

  /**
   * The vantages that probe {@code portal} now and whose reports on it count in the vote: its top {@code k}
   * of the live vantages (all of them when {@code k} is 0 or more than are live).
   */
  public List<String> vantagesOf(String portal) {
    Live l = live;
    return l.tops().computeIfAbsent(portal, p -> Rendezvous.top(p, l.vantages(), k));
  }

  /** {@code listener} runs on the updating context after the live vantages (or readiness) changed. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /**
   * Recomputes the live vantages.
   *
   * @param members the vantages of the cluster's members now (duplicates allowed: two nodes of one vantage)
   * @param heard when the latest report of each vantage arrived, by this node's clock
   */
  public void update(Collection<String> members, Map<String, Instant> heard, Instant now) {
    Set<String> present = new TreeSet<>(members);
    present.add(self);
    memberSince.keySet().retainAll(present);
    present.forEach(v -> memberSince.putIfAbsent(v, now));
    Set<String> alive = new TreeSet<>();
    for (String v : present) {
      Instant at = heard.get(v);
      if (v.equals(self)
          || at != null && !at.isBefore(memberSince.get(v)) && !at.isBefore(now.minus(silence))) {
        alive.add(v);
      }
    }
    Live next = new Live(java.util.Collections.unmodifiableSet(alive), !spreading() || live.ready() || alive.equals(present)
        || !now.isBefore(firstRoundEnds));
    if (next.same(live)) {
      return;
    }
    if (spreading() && next.ready() && (!live.ready() || !next.vantages().equals(live.vantages()))) {
      LOG.info("probing vantages now {}: each portal from {}", new TreeSet<>(alive),
          k >= alive.size() ? "all " + alive.size() + " of them (probe.vantagesPerPortal is " + k + ")" : k + " of them");
    }
    live = next;
    listeners.forEach(Runnable::run);
  }
}
