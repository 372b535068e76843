package vn.dvcwatch.cluster;

import vn.dvcwatch.store.BundledPostgres;
import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Leadership across real processes: three {@link DrillNode} JVMs on loopback form a Hazelcast cluster of
 * three configured members and share one embedded PostgreSQL. The phases build on each other (one
 * cluster, started once): a node alone has no quorum; three elect exactly one leader; {@code kill -9} of
 * the leader gives a new one within 15 s with a higher epoch; a leader frozen (SIGSTOP) past the failure
 * detector, inside a write's transaction, is replaced (PostgreSQL ends its idle session and frees the epoch
 * row), and after SIGCONT that write fails and the write it had decided before the pause is refused by the
 * epoch, and it steps down. Each node also runs the alert sender behind its fence, against one GreenMail server: only
 * the leader sends, and alerts queued when the leader is killed or frozen (some claimed by it) are delivered by
 * the next leader, every one exactly once, and the thawed leader sends none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class ClusterDrillTest {
  private static final Duration FAILOVER = Duration.ofSeconds(15);
  private static final Duration JOIN = Duration.ofSeconds(40);

  private EmbeddedPostgres pg;
  private final List<DrillProcess> started = new ArrayList<>();
  private final int[] ports = new int[3];
  private String members;
  private int smtpPort;
  private GreenMail smtp;
  /** Message-IDs received by SMTP servers already stopped. */
  private final List<String> mailed = new ArrayList<>();
  private DrillProcess a;
  // b and c start together, so which is older is Hazelcast's call: these are the two in join order
  private DrillProcess second;
  private DrillProcess third;

  @BeforeAll
  void database() throws IOException, SQLException {
    pg = BundledPostgres.builder().start();
    Flyway.configure().dataSource(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres")
        .locations("classpath:db/migration").load().migrate();
    sql("CREATE TABLE cluster_drill (node text NOT NULL, epoch bigint NOT NULL, at timestamptz NOT NULL)");
    // Below the ephemeral range: nodes restart and the mail server comes back on these ports minutes later
    int[] free = vn.dvcwatch.testkit.LowPorts.some(ports.length + 1);
    System.arraycopy(free, 0, ports, 0, ports.length);
    members = java.util.Arrays.stream(ports).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    smtpPort = free[ports.length];
    smtpUp();
  }

  private void smtpUp() {
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  private void smtpDown() throws MessagingException {
    mailed.addAll(messageIdsNow());
    smtp.stop();
  }

  private List<String> messageIdsNow() throws MessagingException {
    List<String> ids = new ArrayList<>();
    for (var m : smtp.getReceivedMessages()) {
      ids.add(m.getMessageID());
    }
    return ids;
  }

  /** Every Message-ID delivered so far, duplicates kept. */
  private List<String> mails() throws MessagingException {
    List<String> all = new ArrayList<>(mailed);
    all.addAll(messageIdsNow());
    return all;
  }

  /** {@code n} alerts of an incident, queued in the outbox as a leader's decision writes them. */
  private void alerts(String incident, int n) throws SQLException {
    sql("INSERT INTO alert_outbox (alert_key, recipient, kind, portal_id, subject, text_body, html_body, message_id)"
        + " SELECT 'down:" + incident + "', 'ops' || g || '@dvc-watch.test', 'down', 'ha-noi', 'Drill " + incident
        + "', 'x', '<p>x</p>', '<" + incident + "-' || g || '@dvc-watch>' FROM generate_series(1, " + n + ") g");
  }

  /** Waits until {@code n} mails in all have arrived and the outbox is drained, then a little longer (duplicates). */
  private void awaitMails(int n) throws Exception {
    assertThat(eventually(() -> {
      try {
        return mails().size() >= n && count("SELECT count(*) FROM alert_outbox WHERE state <> 'sent'") == 0;
      } catch (Exception e) {
        return false;
      }
    }, Duration.ofSeconds(30))).as("%d mails, outbox drained: %s", n, started).isTrue();
    Thread.sleep(1500); // fifteen more passes of every sender
    List<String> all = mails();
    assertThat(all).as("every alert exactly once").hasSize(n).doesNotHaveDuplicates();
  }

  @AfterAll
  void stopEverything() throws IOException {
    for (DrillProcess p : started) {
      p.close();
    }
    if (pg != null) {
      pg.close();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  private DrillProcess node(String name, int port) {
    DrillProcess p = DrillProcess.start("drill-" + ProcessHandle.current().pid(), name, port, members, pg.getPort(),
        smtpPort);
    started.add(p);
    return p;
  }

  @Test
  @Order(1)
  void aNodeAloneHasNoQuorumAndClaimsNothing() {
    a = node("a", ports[0]);
    assertThat(eventually(() -> a.status().containsKey("role"), JOIN)).as("a reports, %s", a).isTrue();
    assertThat(a.role()).isEqualTo("no_quorum");
    assertThat(a.status().getJsonArray("members").getList()).containsExactly("a");
    assertThat(leaderRow()).isEqualTo("0 null");
  }

  @Test
  @Order(2)
  void threeNodesElectExactlyOneLeaderTheOldest() throws Exception {
    DrillProcess b = node("b", ports[1]);
    DrillProcess c = node("c", ports[2]);
    List<DrillProcess> all = List.of(a, b, c);
    assertThat(eventually(() -> all.stream().allMatch(p -> p.status().getJsonArray("members", new io.vertx.core.json
        .JsonArray()).size() == 3) && all.stream().filter(p -> p.role().equals("leader")).count() == 1
        && all.stream().filter(p -> p.role().equals("follower")).count() == 2
        && all.stream().map(DrillProcess::epoch).distinct().count() == 1, JOIN)).as("%s", all).isTrue();
    assertThat(a.role()).as("the oldest member leads").isEqualTo("leader");
    assertThat(b.status().getString("leader")).isEqualTo("a");
    assertThat(leaderRow()).isEqualTo(a.epoch() + " a");
    List<Object> byAge = a.status().getJsonArray("members").getList();
    assertThat(b.status().getJsonArray("members").getList()).as("one member order everywhere").isEqualTo(byAge);
    second = byAge.get(1).equals("b") ? b : c;
    third = second == b ? c : b;

    a.send("HOLD");
    a.send("WRITE");
    assertThat(a.awaitSaid("WROTE", Duration.ofSeconds(10))).as("a leader's fenced write passes")
        .contains("WROTE " + a.epoch());

    alerts("elected", 10);
    awaitMails(10);
    assertThat(eventually(() -> a.sent() == 10, Duration.ofSeconds(5))).as("the leader sent them: %s", a).isTrue();
    assertThat(b.sent() + c.sent()).as("followers send nothing").isZero();
  }

  @Test
  @Order(3)
  void killMinusNineOfTheLeaderGivesANewLeaderWithAHigherEpochWithin15Seconds() throws Exception {
    long before = a.epoch();
    // an incident's alerts queued while the SMTP server is away: the leader claims and tries them, then dies
    smtpDown();
    alerts("killed", 10);
    assertThat(eventually(() -> {
      try {
        return count("SELECT count(*) FROM alert_outbox WHERE alert_key = 'down:killed' AND attempts > 0") > 0;
      } catch (SQLException e) {
        return false;
      }
    }, Duration.ofSeconds(10))).as("the leader tried them").isTrue();
    long t0 = System.nanoTime();
    a.kill();
    smtpUp();
    DrillProcess next = second;
    assertThat(eventually(() -> next.role().equals("leader") && next.epoch() > before, FAILOVER.plusSeconds(5)))
        .as("the oldest left leads: %s %s", second, third).isTrue();
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(took).as("from kill -9 to the next leader").isLessThan(FAILOVER);
    assertThat(eventually(() -> third.role().equals("follower") && third.epoch() == next.epoch(),
        Duration.ofSeconds(5))).as("%s", third).isTrue();
    assertThat(leaderRow()).isEqualTo(next.epoch() + " " + next.node);
    awaitMails(20);
    assertThat(count("SELECT count(*) FROM alert_outbox WHERE alert_key = 'down:killed' AND claim_epoch = "
        + next.epoch())).as("the next leader delivered them").isEqualTo(10);

    // back to three members, for the next phase: a new process under the same name joins as the youngest
    a = node("a", ports[0]);
    assertThat(eventually(() -> a.role().equals("follower") && a.epoch() == next.epoch(), JOIN)).as("%s", a)
        .isTrue();
    assertThat(next.role()).as("a newcomer does not depose a working leader").isEqualTo("leader");
  }

  @Test
  @Order(4)
  void aFrozenLeadersLateWriteIsRefusedByTheEpochAndItStepsDown() throws Exception {
    DrillProcess leader = second;
    long old = leader.epoch();
    // alerts the leader claims and tries while the SMTP server is away; it freezes with them in hand
    smtpDown();
    alerts("frozen", 10);
    assertThat(eventually(() -> {
      try {
        return count("SELECT count(*) FROM alert_outbox WHERE alert_key = 'down:frozen' AND claim_epoch = " + old) > 0;
      } catch (SQLException e) {
        return false;
      }
    }, Duration.ofSeconds(10))).as("the leader claimed them").isTrue();
    long sentBefore = leader.sent();
    leader.send("HOLD"); // a decision made under the old epoch...
    assertThat(leader.awaitSaid("HELD", Duration.ofSeconds(5))).contains("HELD " + old);
    // ...and a write begun: the leader freezes inside its transaction, holding the epoch row's lock that every
    // claim waits behind, until PostgreSQL ends the idle session
    leader.send("OPEN");
    assertThat(leader.awaitSaid("OPENED", Duration.ofSeconds(5))).contains("OPENED " + old);
    leader.signal("STOP"); // ...then a pause longer than the failure detector's 5 s
    smtpUp();
    try {
      assertThat(eventually(() -> third.role().equals("leader") && third.epoch() > old, FAILOVER.plusSeconds(5)))
          .as("the oldest of the two left leads: %s %s", third, a).isTrue();
    } finally {
      leader.signal("CONT");
    }
    long current = third.epoch();
    leader.send("WRITE"); // ...and the write after it
    assertThat(leader.awaitSaid("REFUSED", Duration.ofSeconds(10))).as("%s", leader)
        .contains("REFUSED " + old + " " + current);
    assertThat(leader.awaitSaid("WROTE " + old, Duration.ZERO)).as("the late write never committed").isEmpty();
    assertThat(leader.awaitSaid("OPEN ", DrillNode.OPEN_FOR.plusSeconds(5))).as("%s", leader)
        .hasValueSatisfying(l -> assertThat(l).startsWith("OPEN FAILED"));
    assertThat(eventually(() -> !leader.role().equals("leader"), Duration.ofSeconds(10))).as("%s", leader).isTrue();
    assertThat(count("SELECT count(*) FROM cluster_drill WHERE epoch = " + old)).isZero();
    assertThat(leaderRow()).as("the old leader did not take the epoch back").isEqualTo(current + " " + third.node);

    // healed: Hazelcast's split-brain merge (every 10 s) brings it back, as a follower of the same epoch
    assertThat(eventually(() -> leader.role().equals("follower") && leader.epoch() == current
        && leader.status().getJsonArray("members").size() == 3, JOIN)).as("%s", leader).isTrue();
    assertThat(leaderRow()).isEqualTo(current + " " + third.node);
    assertThat(third.role()).isEqualTo("leader");

    awaitMails(30);
    assertThat(leader.sent()).as("the thawed leader sent nothing").isEqualTo(sentBefore);
    assertThat(count("SELECT count(*) FROM alert_outbox WHERE alert_key = 'down:frozen' AND claim_epoch = " + current))
        .as("the next leader delivered them").isEqualTo(10);
  }

  static boolean eventually(BooleanSupplier condition, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }

  private String leaderRow() {
    try (Connection conn = pg.getPostgresDatabase().getConnection(); Statement st = conn.createStatement();
         ResultSet rs = st.executeQuery("SELECT epoch, node FROM cluster_leader WHERE id = 1")) {
      rs.next();
      return rs.getLong(1) + " " + rs.getString(2);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private long count(String query) throws SQLException {
    try (Connection conn = pg.getPostgresDatabase().getConnection(); Statement st = conn.createStatement();
         ResultSet rs = st.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void sql(String statement) throws SQLException {
    try (Connection conn = pg.getPostgresDatabase().getConnection(); Statement st = conn.createStatement()) {
      st.execute(statement);
    }
  }
}
