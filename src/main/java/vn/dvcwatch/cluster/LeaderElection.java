package vn.dvcwatch.cluster;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership, fenced. The leader is the oldest member of a view holding a strict majority of the
 * configured members, confirmed by a raised epoch in PostgreSQL ({@link LeaderRule} decides, {@link
 * LeaderTable} writes). The leader renews its row every second; it steps down when it loses the majority,
 * when a renewal or a {@link Fence}d write is refused (someone claimed a newer epoch), or when it has not
 * managed to renew for a lease. No Hazelcast lock and no CP subsystem is involved: see docs/CLUSTER.md.
 *
 * <p>Everything runs on the context it was started on; {@link #status()} and {@link #fence()} may be used
 * from any thread.
 */
public final class LeaderElection {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);
  static final Duration RENEW_EVERY = Duration.ofSeconds(1);
  /**
   * A row not renewed for this long has a dead, frozen or cut-off holder. The store ends a session idle inside a
   * transaction after the same time, so a frozen leader's lock is gone when its lease is (store.DbEndpoint).
   */
  public static final Duration LEASE = Duration.ofSeconds(5);
  /** After this long without renewal, any majority member may claim, not only the oldest. */
  static final Duration TAKEOVER = Duration.ofSeconds(15);

  private final Vertx vertx;
  private final LeaderTable table;
  private final Membership membership;
  private final Peer self;
  private final int majority;
  private final AtomicLong held = new AtomicLong(); // the epoch this node leads with; 0: not leading
  private final List<Consumer<ClusterStatus>> listeners = new CopyOnWriteArrayList<>();
  private final Fence fence;
  private volatile ClusterStatus status;
  private Context context;
  private long timer = -1;
  private volatile long lastRenewed; // System.nanoTime() of the start of the last successful claim or renewal
  private boolean busy;
  private boolean again;
  private boolean stopped;

  /**
   * @param pool a pool of the shared PostgreSQL (a small one of its own is best: a renewal must not wait
   *     behind a burst of probe-result inserts)
   */
  public LeaderElection(Vertx vertx, Pool pool, ClusterSettings settings, Membership membership) {
    this.vertx = vertx;
    this.table = new LeaderTable(pool, LEASE, TAKEOVER);
    this.membership = membership;
    this.self = new Peer(settings.node(), settings.vantage(), ProcessHandle.current().pid());
    this.majority = settings.majority();
    this.fence = new Fence(this::leading, this::refused);
    this.status = new ClusterStatus(Role.NO_QUORUM, self.node(), self.vantage(), List.of(self.node()), 0, self.pid(),
        null);
  }

  /** Starts the ticks on the current context (or a new one); the first tick runs at once. */
  public Future<Void> start() {
    context = vertx.getOrCreateContext();
    membership.onChange(() -> context.runOnContext(x -> tick()));
    return Future.future(p -> context.runOnContext(x -> {
      timer = vertx.setPeriodic(RENEW_EVERY.toMillis(), id -> tick());
      tick();
      p.complete();
    }));
  }

  public ClusterStatus status() {
    return status;
  }

  /** The fence of this node's leader writes (see {@link Fence}). */
  public Fence fence() {
    return fence;
  }

  /**
   * The epoch this node leads with, for a decision or claim made now; 0 when it does not lead, and also when its
   * last successful renewal is older than the lease. That second case is a leader that has just thawed from a
   * pause (SIGSTOP, a long GC): the others may have elected a new leader meanwhile, and until its own tick steps
   * it down, whatever it decides or claims must carry no epoch (its alert sender sends nothing).
   */
  private long leading() {
    long epoch = held.get();
    return epoch != 0 && System.nanoTime() - lastRenewed <= LEASE.toNanos() ? epoch : 0;
  }

  /** {@code listener} hears every change of role, epoch, leader or member list, on the election's context. */
  public void onChange(Consumer<ClusterStatus> listener) {
    listeners.add(listener);
  }

  /** Stops ticking; a leader releases its row so that the next leader need not wait for the lease. */
  public Future<Void> stop() {
    if (context == null) {
      return Future.succeededFuture(); // never started
    }
    return Future.<Void>future(p -> context.runOnContext(x -> {
      stopped = true;
      vertx.cancelTimer(timer);
      long epoch = held.getAndSet(0);
      if (epoch == 0) {
        p.complete();
      } else {
        table.release(epoch, self.node(), self.pid()).otherwiseEmpty().onComplete(p);
      }
    }));
  }

  private void tick() {
    if (stopped) {
      return;
    }
    if (busy) {
      again = true; // a membership change during a round trip: look again right after it
      return;
    }
    busy = true;
    List<Peer> view = membership.members();
    long epoch = held.get();
    if (epoch != 0 && System.nanoTime() - lastRenewed > LEASE.toNanos()) {
      stepDown(epoch, "no renewal succeeded for " + LEASE.toSeconds() + " s (database unreachable?)");
      epoch = 0;
    }
    Future<Void> round;
    switch (LeaderRule.next(self, view, majority, epoch != 0, null)) {
      case NO_QUORUM -> {
        if (epoch != 0) {
          stepDown(epoch, "sees " + view.size() + " of the " + majority + " members a majority needs");
        }
        publish(Role.NO_QUORUM, view, status.epoch(), status.leader());
        round = Future.succeededFuture();
      }
      case RENEW -> round = renew(epoch, view);
      default -> round = table.read().compose(row -> decide(view, row));
    }
    round.onFailure(e -> LOG.warn("leader election round failed: {}", e.toString())).onComplete(x -> {
      busy = false;
      if (again) {
        again = false;
        tick();
      }
    });
  }

  private Future<Void> renew(long epoch, List<Peer> view) {
    long started = System.nanoTime();
    return table.renew(epoch, self.node(), self.pid()).map(ok -> {
      if (held.get() != epoch) {
        return null; // stepped down meanwhile (a refused write)
      }
      if (ok) {
        lastRenewed = started;
        publish(Role.LEADER, view, epoch, self.node());
      } else {
        stepDown(epoch, "the renewal of epoch " + epoch + " was refused: another node has claimed since");
      }
      return null;
    });
  }

  private Future<Void> decide(List<Peer> view, LeaderRow row) {
    if (LeaderRule.next(self, view, majority, false, row) != LeaderRule.Action.CLAIM) {
      publish(Role.FOLLOWER, view, row.epoch(), row.node());
      return Future.succeededFuture();
    }
    long started = System.nanoTime();
    return table.claim(row.epoch(), self.node(), self.pid()).map(epoch -> {
      if (epoch == 0) { // another node claimed between our read and our update: look again next tick
        publish(Role.FOLLOWER, view, row.epoch(), row.node());
        return null;
      }
      lastRenewed = started;
      held.set(epoch);
      LOG.info("leader with epoch {} (previous: {} held by {}); sees {}", epoch, row.epoch(), row.node(), names(view));
      publish(Role.LEADER, view, epoch, self.node());
      return null;
    });
  }

  /** A fenced write found a newer epoch: this node is no longer leader, whatever its member list says. */
  private void refused(StaleLeaderException e) {
    if (held.compareAndSet(e.held(), 0)) {
      LOG.warn("leader write refused: {}; stepping down", e.getMessage());
      Context ctx = context;
      if (ctx != null) {
        ctx.runOnContext(x -> publish(Role.FOLLOWER, membership.members(), e.current(), null));
      }
    }
  }

  private void stepDown(long epoch, String why) {
    if (held.compareAndSet(epoch, 0)) {
      LOG.warn("stepping down as leader of epoch {}: {}", epoch, why);
      publish(Role.FOLLOWER, membership.members(), epoch, null);
    }
  }

  private void publish(Role role, List<Peer> view, long epoch, String leader) {
    ClusterStatus next = new ClusterStatus(role, self.node(), self.vantage(), names(view), epoch, self.pid(), leader);
    ClusterStatus before = status;
    if (next.equals(before)) {
      return;
    }
    status = next;
    if (before.role() != role || before.epoch() != epoch || !Objects.equals(before.leader(), leader)) {
      LOG.info("cluster role {} (epoch {}, leader {}, members {})", role.label(), epoch, leader, next.members());
    }
    for (Consumer<ClusterStatus> l : listeners) {
      l.accept(next);
    }
  }

  private static List<String> names(List<Peer> view) {
    return view.stream().map(Peer::node).toList();
  }
}
