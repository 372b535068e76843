package vn.dvcwatch.cluster;

import io.vertx.core.VertxOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import vn.dvcwatch.alert.AlertService;
import vn.dvcwatch.alert.AlertSettings;
import vn.dvcwatch.alert.MaintenanceCalendar;
import vn.dvcwatch.app.LeaderFence;
import vn.dvcwatch.store.Store;

/**
 * One cluster node in its own JVM, for {@link ClusterDrillTest}: a clustered Vert.x, the leader election
 * on the shared PostgreSQL, and on standard input two commands that play a leader's decision and its
 * write: {@code HOLD} takes a fence token now, {@code WRITE} writes a row with the token held (a
 * decision made before a pause and written after it). It reports on standard output, one line each:
 * {@code DRILL STATUS <json>}, {@code DRILL HELD <epoch>}, {@code DRILL WROTE <epoch>},
 * {@code DRILL REFUSED <held> <current>}. {@code OPEN} begins a fenced transaction now ({@code DRILL OPENED
 * <epoch>}: it holds the epoch row's lock), leaves it idle for {@link #OPEN_FOR} and then writes in it
 * ({@code DRILL OPEN COMMITTED <epoch>} or {@code DRILL OPEN FAILED <error>}): a leader frozen inside a write.
 * It also runs the alert room's outbox sender behind the election's fence,
 * as a cluster node does ({@link LeaderFence}): only the leader sends, to the SMTP server on loopback, and
 * {@code DRILL SENT <n>} says how many mails this node has delivered whenever the count changes.
 *
 * <p>Arguments: cluster name, node name, Hazelcast port, members (comma-separated), PostgreSQL port, SMTP port.
 */
public final class DrillNode {
  /** How long an {@code OPEN} transaction stays idle, holding the fence's lock, before its write. */
  static final Duration OPEN_FOR = Duration.ofSeconds(10);

  private DrillNode() {}

  public static void main(String[] args) throws Exception {
    List<ClusterSettings.Member> members = Arrays.stream(args[3].split(","))
        .map(m -> new ClusterSettings.Member(m.substring(0, m.lastIndexOf(':')),
            Integer.parseInt(m.substring(m.lastIndexOf(':') + 1)))).toList();
    ClusterSettings settings = new ClusterSettings(true, args[0], args[1], args[1], members,
        Integer.parseInt(args[2]), "", 0);
    // a small node: one event loop, few workers (three of these share the test machine)
    ClusterNode node = ClusterNode.start(settings, new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(4)
        .setInternalBlockingPoolSize(4)).await();
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2).setMaxWaitQueueSize(32))
        .connectingTo(Store.localConnectOptions(Integer.parseInt(args[4])))
        .using(node.vertx()).build();
    LeaderElection election = new LeaderElection(node.vertx(), pool, settings, node.membership());
    election.onChange(s -> say("STATUS " + s.toJson().encode()));
    node.vertx().runOnContext(x -> election.start().onSuccess(y -> say("STATUS " + election.status().toJson().encode())));
    AlertService alerts = new AlertService(pool, AlertSettings.defaults()
        .withSmtp(new AlertSettings.Smtp("127.0.0.1", Integer.parseInt(args[5]), AlertSettings.StartTls.NONE, false,
            null, null, "dvc-watch <canhbao@dvc-watch.test>"))
        .withRouting(null, Set.of(), Set.of(), 10_000)
        .withTiming(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(30)),
        MaintenanceCalendar.NONE, Clock.systemUTC()).fence(new LeaderFence(election::fence));
    alerts.start(node.vertx()).await();
    long[] sent = {0};
    node.vertx().setPeriodic(100, id -> {
      if (alerts.delivered() != sent[0]) {
        sent[0] = alerts.delivered();
        say("SENT " + sent[0]);
      }
    });

    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Fence.Token held = null;
    for (String line; (line = in.readLine()) != null; ) {
      if (line.equals("HOLD")) {
        held = election.fence().token();
        say("HELD " + held.epoch());
      } else if (line.equals("WRITE") && held != null) {
        long epoch = held.epoch();
        election.fence().inTransaction(pool, held, tx -> tx.preparedQuery(
                "INSERT INTO cluster_drill (node, epoch, at) VALUES ($1, $2, clock_timestamp())")
            .execute(Tuple.of(settings.node(), epoch)))
            .onSuccess(x -> say("WROTE " + epoch))
            .onFailure(e -> say(e instanceof StaleLeaderException s
                ? "REFUSED " + s.held() + " " + s.current() : "FAILED " + e));
      } else if (line.equals("OPEN")) {
        Fence.Token token = election.fence().token();
        election.fence().inTransaction(pool, token, tx -> {
          say("OPENED " + token.epoch()); // the epoch row is locked FOR SHARE until this transaction ends
          return node.vertx().timer(OPEN_FOR.toMillis()).compose(x -> tx.preparedQuery(
                  "INSERT INTO cluster_drill (node, epoch, at) VALUES ($1, $2, clock_timestamp())")
              .execute(Tuple.of(settings.node(), token.epoch())));
        }).onSuccess(x -> say("OPEN COMMITTED " + token.epoch())).onFailure(e -> say("OPEN FAILED " + e));
      } else if (line.equals("STOP")) {
        break;
      }
    }
    alerts.stop().await();
    election.stop().await();
    node.close().await();
    System.exit(0);
  }

  private static synchronized void say(String line) {
    System.out.println("DRILL " + line);
    System.out.flush();
  }
}
