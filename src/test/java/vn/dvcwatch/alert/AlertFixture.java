package vn.dvcwatch.alert;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.registry.PortalKind;
import vn.dvcwatch.testkit.Poll;

/**
 * Shared set-up of the alert tests that use the real pieces: embedded PostgreSQL, a GreenMail SMTP
 * server on loopback, and an {@link AlertService} with millisecond retry timings.
 */
abstract class AlertFixture {
  static final String NATIONAL = "giamsat@cds.gov.vn";
  static final String CONTACT_1 = "cntt@hanoi.gov.vn";
  static final String CONTACT_2 = "trucban@hanoi.gov.vn";
  static final Portal HA_NOI = new Portal("ha-noi", "Thành phố Hà Nội", PortalKind.PROVINCE,
      URI.create("https://dichvucong.hanoi.gov.vn/"), URI.create("https://dichvucong.hanoi.gov.vn/eform"),
      "UBND Thành phố Hà Nội", List.of(CONTACT_1, " TrucBan@HaNoi.gov.vn "), 0.995, null, null, true);
  static final Instant T0 = Instant.parse("2026-11-24T07:05:00Z"); // 14:05 in Hà Nội

  static Vertx vertx;
  static Pool pool;
  Mailbox mailbox;
  AlertService alerts;

  /** A clock the digest test can move. */
  static final class MovableClock extends Clock {
    volatile Instant now = Instant.now();

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeAll
  static void database() {
    vertx = Vertx.vertx();
    pool = TestDatabase.pool(vertx);
  }

  @AfterAll
  static void closeDatabase() {
    pool.close().await();
    vertx.close().await();
  }

  @BeforeEach
  void freshOutboxAndMailbox() {
    TestDatabase.truncate(pool);
    mailbox = new Mailbox().start();
  }

  @AfterEach
  void stopAll() {
    if (alerts != null) {
      alerts.stop().await();
    }
    mailbox.close();
  }

  AlertSettings settings() {
    return AlertSettings.defaults()
        .withSmtp(new AlertSettings.Smtp("127.0.0.1", mailbox.port, AlertSettings.StartTls.NONE, false, null, null,
            "dvc-watch <canhbao@dvc-watch.test>"))
        .withRouting(NATIONAL, Set.of(), Set.of(), 20)
        .withTiming(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(800));
  }

  AlertService start(AlertSettings s, MaintenanceCalendar m, Clock clock) {
    alerts = new AlertService(pool, s, m, clock);
    alerts.start(vertx).await();
    return alerts;
  }

  AlertService start() {
    return start(settings(), MaintenanceCalendar.NONE, Clock.systemUTC());
  }

  void open(Incident i) {
    pool.withTransaction(c -> alerts.onIncidentOpened(c, HA_NOI, i)).await();
  }

  void close(Incident i) {
    pool.withTransaction(c -> alerts.onIncidentClosed(c, HA_NOI, i)).await();
  }

  /**
   * Waits until the outbox has nothing left to deliver, then for two more passes of the sender: a stray
   * send (a duplicate, a row that should have stayed suppressed) would have been made by then.
   */
  void awaitQuiet() {
    Poll.await("outbox drained", () -> undelivered() == 0, Duration.ofSeconds(15));
    awaitSenderPasses(2);
  }

  /** Waits until the sender has gone over the outbox {@code n} more times. */
  void awaitSenderPasses(int n) {
    long from = alerts.senderPasses();
    Poll.await(n + " more passes of the sender", () -> alerts.senderPasses() >= from + n, Duration.ofSeconds(10));
  }

  long undelivered() {
    return pool.query("SELECT count(*) FROM alert_outbox WHERE state IN ('pending', 'sending')").execute().await()
        .iterator().next().getLong(0);
  }
}
