package vn.dvcwatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vn.dvcwatch.alert.AlertService;
import vn.dvcwatch.alert.AlertSettings;
import vn.dvcwatch.alert.MaintenanceCalendar;
import vn.dvcwatch.app.LeaderFence;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.registry.PortalKind;
import vn.dvcwatch.result.Cause;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.store.DbSettings;
import vn.dvcwatch.store.Store;
import vn.dvcwatch.testkit.Poll;

/**
 * Exactly-once alerts across leader changes (docs/CLUSTER.md), on a real PostgreSQL and a real SMTP server
 * (GreenMail): two nodes' alert services share one outbox, each behind its own {@link Fence} (through the app's
 * {@link LeaderFence}, as a cluster node wires it). Only the leader sends; a row claimed under an older epoch is
 * taken over by the next leader at once and sent once; a leader whose claim went stale (it froze) sends nothing; and
 * the alerts a node writes in their own transaction are refused unless it leads under the database's epoch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FencedAlertsTest {
  private static final String CONTACT = "cntt@hanoi.gov.vn";
  private static final Portal HA_NOI = new Portal("ha-noi", "Thành phố Hà Nội", PortalKind.PROVINCE,
      URI.create("https://dichvucong.hanoi.gov.vn/"), URI.create("https://dichvucong.hanoi.gov.vn/eform"),
      "UBND Thành phố Hà Nội", List.of(CONTACT), 0.995, null, null, true);

  @TempDir static Path dir;
  private Vertx vertx;
  private Store store;
  private GreenMail smtp;
  private int smtpPort;
  private final List<AlertService> started = new ArrayList<>();
  private final List<StaleLeaderException> refusals = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() throws Exception {
    vertx = Vertx.vertx();
    store = Store.start(vertx, DbSettings.embeddedDefaults(), dir, "hn").await();
    smtpPort = vn.dvcwatch.testkit.LowPorts.one();
  }

  @AfterAll
  void stop() {
    store.close().await();
    vertx.close().await();
  }

  @BeforeEach
  void fresh() {
    store.pool().query("TRUNCATE alert_outbox, incident").execute().await();
    refusals.clear();
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterEach
  void stopNodes() {
    for (AlertService a : started) {
      a.stop().await();
    }
    started.clear();
    smtp.stop();
  }

  /** One node's alert room, leading with whatever {@code held} says (0: not leading). */
  private AlertService node(LongSupplier held) {
    AlertSettings s = AlertSettings.defaults()
        .withSmtp(new AlertSettings.Smtp("127.0.0.1", smtpPort, AlertSettings.StartTls.NONE, false, null, null,
            "dvc-watch <canhbao@dvc-watch.test>"))
        .withRouting(null, Set.of(), Set.of(), 100)
        .withTiming(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(30));
    Fence fence = new Fence(held, refusals::add);
    AlertService a = new AlertService(store.pool(), s, MaintenanceCalendar.NONE, Clock.systemUTC())
        .fence(new LeaderFence(() -> fence));
    started.add(a);
    return a;
  }

  private void epochInTheDatabase(long epoch) {
    store.pool().query("UPDATE cluster_leader SET epoch = " + epoch).execute().await();
  }

  /** Portal {@code k}: a portal of its own and a contact of its own (each recipient is its own queue). */
  private static Portal portal(int k) {
    return new Portal("tinh-" + k, "Tỉnh số " + k, PortalKind.PROVINCE, URI.create("https://tinh-" + k + ".gov.vn/"),
        URI.create("https://tinh-" + k + ".gov.vn/eform"), "UBND tỉnh số " + k, List.of("cntt" + k + "@tinh.gov.vn"),
        0.995, null, null, true);
  }

  /**
   * {@code n} outages of {@code n} portals opened by the leader of {@code epoch}: one DOWN mail each, written in the
   * incident's transaction.
   */
  private void outages(AlertService writer, long epoch, int n) {
    Fence fence = new Fence(() -> epoch, refusals::add);
    for (int k = 1; k <= n; k++) {
      Portal p = portal(k);
      Incident i = new Incident("inc-" + k, p.id(), Instant.now().minusSeconds(60), null, Cause.CONNECT,
          Target.HOMEPAGE);
      store.incidents().fenced(fence, fence.token()).open(i, tx -> writer.onIncidentOpened(tx, p, i)).await();
    }
  }

  private long count(String sql) {
    return store.pool().query(sql).execute().await().iterator().next().getLong(0);
  }

  /** Waits for {@code n} mails, then a while longer: a duplicate would have arrived by then. */
  private void awaitMailsThenQuiet(int n) throws InterruptedException {
    smtp.waitForIncomingEmail(15_000, n);
    Poll.await("outbox drained", () -> count("SELECT count(*) FROM alert_outbox WHERE state <> 'sent'") == 0,
        Duration.ofSeconds(15));
    Thread.sleep(1000); // twenty more passes of every sender
  }

  private List<String> messageIds() throws Exception {
    List<String> ids = new ArrayList<>();
    for (var m : smtp.getReceivedMessages()) {
      ids.add(m.getMessageID());
    }
    return ids;
  }

  @Test
  void onlyTheLeaderSendsAndEveryAlertGoesOutOnce() throws Exception {
    epochInTheDatabase(1);
    AlertService leader = node(() -> 1);
    AlertService follower = node(() -> 0);
    outages(leader, 1, 5);
    leader.start(vertx).await();
    follower.start(vertx).await();

    awaitMailsThenQuiet(5);
    assertThat(messageIds()).hasSize(5).doesNotHaveDuplicates();
    assertThat(leader.delivered()).isEqualTo(5);
    assertThat(follower.delivered()).as("a follower sends nothing").isZero();
    assertThat(count("SELECT count(*) FROM alert_outbox WHERE claim_epoch = 1")).isEqualTo(5);
    assertThat(refusals).isEmpty();
  }

  @Test
  void rowsClaimedUnderAnOlderEpochAreTakenOverAtOnceAndTheDeposedLeaderIsRefused() throws Exception {
    epochInTheDatabase(2);
    AlertService old = node(() -> 2);
    outages(old, 2, 4);
    // the leader of epoch 2 claimed them (for an hour) and then froze or died before it sent anything
    store.pool().query("UPDATE alert_outbox SET state = 'sending', attempts = 1, claim_epoch = 2,"
        + " lease_until = now() + interval '1 hour'").execute().await();
    epochInTheDatabase(3);
    AlertService next = node(() -> 3);
    old.start(vertx).await(); // still believes it holds epoch 2
    next.start(vertx).await();

    awaitMailsThenQuiet(4);
    assertThat(messageIds()).hasSize(4).doesNotHaveDuplicates();
    assertThat(next.delivered()).as("the new leader, without waiting for the hour's lease").isEqualTo(4);
    assertThat(old.delivered()).isZero();
    assertThat(refusals).as("the old leader's claims").isNotEmpty()
        .allSatisfy(e -> assertThat(e.held()).isEqualTo(2));
    assertThat(count("SELECT count(*) FROM alert_outbox WHERE claim_epoch = 3 AND state = 'sent'")).isEqualTo(4);
  }

  @Test
  void aLeaderWhoseEpochWentStaleBetweenClaimAndSendSendsNothing() throws Exception {
    epochInTheDatabase(5);
    AtomicInteger asked = new AtomicInteger();
    // leads with epoch 5 for its first claim; then it freezes, and on thawing its lease has run out (epoch 0)
    AlertService thawed = node(() -> asked.getAndIncrement() == 0 ? 5 : 0);
    outages(thawed, 5, 3);
    thawed.start(vertx).await();
    Poll.await("claimed under epoch 5", () -> count("SELECT count(*) FROM alert_outbox WHERE claim_epoch = 5"
        + " AND state = 'sending'") == 3, Duration.ofSeconds(10));
    Thread.sleep(500);
    assertThat(smtp.getReceivedMessages()).as("claimed, but not sent by a leader that has lost its lease").isEmpty();
    assertThat(thawed.delivered()).isZero();

    epochInTheDatabase(6);
    AlertService next = node(() -> 6);
    next.start(vertx).await();
    awaitMailsThenQuiet(3);
    assertThat(messageIds()).hasSize(3).doesNotHaveDuplicates();
    assertThat(next.delivered()).isEqualTo(3);
    assertThat(thawed.delivered()).isZero();
  }

  @Test
  void alertsWrittenInTheirOwnTransactionNeedTheLeadersEpoch() {
    epochInTheDatabase(7);
    Instant at = Instant.parse("2026-11-24T07:05:00Z");
    assertThatThrownBy(() -> node(() -> 0).onGradeDrop(HA_NOI, "B", "C", 61.5, List.of(), at).await())
        .as("a follower").isInstanceOf(StaleLeaderException.class);
    assertThatThrownBy(() -> node(() -> 6).onGradeDrop(HA_NOI, "B", "C", 61.5, List.of(), at).await())
        .as("a deposed leader").isInstanceOf(StaleLeaderException.class);
    assertThatThrownBy(() -> node(() -> 6).onFlapping(HA_NOI, at).await()).isInstanceOf(StaleLeaderException.class);
    assertThat(count("SELECT count(*) FROM alert_outbox")).isZero();

    AlertService leader = node(() -> 7);
    leader.onGradeDrop(HA_NOI, "B", "C", 61.5, List.of(), at).await();
    leader.onFlapping(HA_NOI, at).await();
    assertThat(count("SELECT count(DISTINCT alert_key) FROM alert_outbox")).isEqualTo(2);
  }
}
