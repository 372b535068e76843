package vn.dvcwatch.alert;

import io.vertx.core.Future;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox over SMTP: claims due rows, sends each, marks it sent; on failure the row
 * waits {@code retryBase × 2^(attempts-1)}, capped at {@code retryMax}, and is retried for as long as
 * it takes (never dropped; the backlog is exposed). One claim never holds two rows of the same
 * recipient, so each recipient gets its alerts in the order they were written.
 *
 * <p>While the last failure was the server not answering at all (connection refused or timed out) and
 * rows wait out their backoff, a bare TCP connection is tried every {@link #REACH_EVERY}; when it gets
 * through, the waiting rows are made due at once. A 10-minute outage therefore ends in delivery within
 * seconds of the server's return, not after the 10-minute backoff its retries had reached, and the
 * server is still spared repeated sends while it is down. A server that answers but refuses (bad
 * login, relay denied) keeps the backoff: it would refuse again.
 *
 * <p>Delivery is at least once: a row is marked {@code sending} (with a lease) before the SMTP
 * transaction; if the process dies after the server accepted the mail but before the row is marked
 * sent, the row is sent again when the lease runs out, with the same Message-ID.
 */
public final class OutboxSender extends OutboxPoller {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
  private static final int BATCH = 50;
  private static final int LOUD_AFTER_ATTEMPTS = 10;
  static final Duration REACH_EVERY = Duration.ofSeconds(5);
  private static final List<String> EMAIL = List.of("email");

  private final Outbox outbox;
  private final AlertSettings settings;
  private final AtomicLong backlog = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private MailClient mail;
  private NetClient reach;
  /** The last delivery failed because the server did not answer at all; touched on this verticle's context. */
  private boolean unreachable;
  private long reachTriedAt;

  public OutboxSender(Outbox outbox, AlertSettings settings) {
    super(settings);
    this.outbox = outbox;
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    mail = MailClient.create(vertx, mailConfig(settings.smtp(), settings.sendTimeout()));
    return super.start();
  }

  // Called once the pass in flight is over: closing the mail client mid-connect fails inside vertx-mail-client.
  @Override
  Future<?> closeClients() {
    return Future.join(mail.close(), reach == null ? Future.succeededFuture() : reach.close());
  }

  /** Rows written but not yet delivered, as of the last pass. */
  public long backlog() {
    return backlog.get();
  }

  public long delivered() {
    return delivered.get();
  }

  public long failures() {
    return failures.get();
  }

  static MailConfig mailConfig(AlertSettings.Smtp smtp, Duration timeout) {
    MailConfig cfg = new MailConfig().setHostname(smtp.host()).setPort(smtp.port()).setSsl(smtp.ssl())
        .setStarttls(switch (smtp.starttls()) {
          case NONE -> StartTLSOptions.DISABLED;
          case OPTIONAL -> StartTLSOptions.OPTIONAL;
          case REQUIRED -> StartTLSOptions.REQUIRED;
        })
        // Alerts are few; a fresh connection per mail never trips over a connection the server
        // dropped while it was down.
        .setKeepAlive(false)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    if (smtp.username() != null && !smtp.username().isBlank()) {
      cfg.setLogin(LoginOption.REQUIRED).setUsername(smtp.username()).setPassword(smtp.password());
    } else {
      cfg.setLogin(LoginOption.DISABLED);
    }
    return cfg;
  }

  /** One pass: claim, deliver concurrently (distinct recipients), then go again at once if work was done. */
  @Override
  Future<Boolean> pass() {
    return outbox.claim(BATCH, settings.lease(), settings.ratePerHour(), EMAIL)
        .compose(rows -> {
          List<Future<Boolean>> sends = new ArrayList<>();
          for (Outbox.Claimed row : rows) {
            sends.add(deliver(row));
          }
          return Future.join(sends).map(x -> sends.stream().anyMatch(Future::result));
        })
        .compose(anySent -> outbox.backlog().map(n -> {
          backlog.set(n);
          return anySent;
        }))
        .compose(anySent -> anySent ? Future.succeededFuture(true) : reachedAgain())
        .onFailure(err -> LOG.warn("alert outbox unavailable, will retry: {}", err.toString()));
  }

  /**
   * Whether the server answers again after refusing connections, checked at most every
   * {@link #REACH_EVERY}; if so, the rows waiting out a backoff are made due.
   */
  private Future<Boolean> reachedAgain() {
    long now = System.nanoTime();
    if (!unreachable || backlog.get() == 0 || now - reachTriedAt < REACH_EVERY.toNanos()) {
      return Future.succeededFuture(false);
    }
    reachTriedAt = now;
    if (reach == null) {
      // Made on first need: a second NetClient re-registers Vert.x's client gauges and Micrometer warns.
      reach = vertx.createNetClient(new NetClientOptions().setConnectTimeout(2000));
    }
    return reach.connect(settings.smtp().port(), settings.smtp().host())
        .compose(socket -> socket.close().otherwiseEmpty().compose(x -> outbox.retryNow()).map(n -> {
          unreachable = false;
          LOG.info("SMTP server {}:{} answers again: {} waiting alerts retried now", settings.smtp().host(),
              settings.smtp().port(), n);
          return n > 0;
        }), err -> Future.succeededFuture(false));
  }

  /**
   * {@code <ha-noi.alerts.dvc-watch.example.gov.vn>}: the portal (or {@code fleet} for fleet-wide alerts) under
   * the sender address's domain, so that each portal's alerts can be filtered on their own.
   */
  static String listId(String portalId, String from) {
    String label = portalId == null ? "fleet" : portalId.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    String address = from == null ? "" : from.replaceAll(".*<([^>]*)>.*", "$1").trim();
    String domain = address.contains("@") ? address.substring(address.lastIndexOf('@') + 1) : "localhost";
    return "<" + label + ".alerts.dvc-watch." + domain.toLowerCase(java.util.Locale.ROOT) + ">";
  }

  /** Sends one row; always completes successfully, with whether the mail went out. */
  private Future<Boolean> deliver(Outbox.Claimed row) {
    if (stopped()) {
      return outbox.release(row.id()).otherwise(false); // not tried: the next sender takes it at once
    }
    if (!outbox.holds(row)) {
      return notLeading(row);
    }
    MailMessage m = new MailMessage().setFrom(settings.smtp().from()).setTo(row.recipient())
        .setSubject(row.subject()).setText(row.text()).setHtml(row.html());
    m.addHeader("Message-ID", row.messageId());
    // RFC 3834: no out-of-office or vacation replies to a machine; RFC 2919: one list per portal, for mail filters
    m.addHeader("Auto-Submitted", "auto-generated");
    m.addHeader("List-Id", listId(row.portalId(), settings.smtp().from()));
    return mail.sendMail(m).timeout(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .compose(ok -> outbox.markSent(row.id()).map(x -> {
          delivered.incrementAndGet();
          unreachable = false;
          return true;
        }), err -> {
          failures.incrementAndGet();
          unreachable = noAnswer(err);
          Duration wait = backoff(row.attempts());
          String why = String.valueOf(err.getMessage());
          if (row.attempts() >= LOUD_AFTER_ATTEMPTS) {
            LOG.error("alert {} still undelivered after {} attempts (next in {}): {}", row.id(), row.attempts(), wait, why);
          } else {
            LOG.warn("alert {} not delivered (attempt {}, next in {}): {}", row.id(), row.attempts(), wait, why);
          }
          return outbox.markFailed(row.id(), why.length() > 500 ? why.substring(0, 500) : why, wait).map(false);
        })
        .recover(err -> {
          LOG.warn("alert {}: could not record the delivery outcome: {}", row.id(), err.toString());
          return Future.succeededFuture(false);
        });
  }

  /**
   * The connection was refused or its connect timed out: the server is not there, as opposed to there
   * and saying no, or slow (a slow server is not pressed with early retries).
   */
  static boolean noAnswer(Throwable err) {
    for (Throwable t = err; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException || String.valueOf(t.getMessage()).startsWith("Connection refused")) {
        return true;
      }
    }
    return false;
  }

  Duration backoff(int attempts) {
    return backoff(settings, attempts);
  }

  /** {@code retry.base × 2^(attempts-1)}, capped at {@code retry.max}: the backoff of every channel. */
  static Duration backoff(AlertSettings settings, int attempts) {
    long base = settings.retryBase().toMillis();
    int shift = Math.min(Math.max(attempts - 1, 0), 30);
    long ms = base > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : base << shift;
    return Duration.ofMillis(Math.min(ms, settings.retryMax().toMillis()));
  }
}
