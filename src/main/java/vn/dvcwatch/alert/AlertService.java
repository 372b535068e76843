package vn.dvcwatch.alert;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import vn.dvcwatch.result.Cause;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.TlsPosture;
import vn.dvcwatch.registry.Portal;

/**
 * What the status, grade, certificate and SLA pipelines call when something alert-worthy happens.
 * Each call turns a cause into at most one alert (its key is derived from the cause), routes it, and
 * writes it to the outbox, or records why it was suppressed. The incident calls take the caller's
 * transaction so that the alert commits with the incident; the others write in their own.
 */
public final class AlertService {
  private static final int HISTORY = 50;

  private final Pool pool;
  private final AlertSettings settings;
  private final ChannelSettings channels;
  private final AckLinks ackLinks;
  private volatile java.util.function.Function<String, Portal> portals = id -> null;
  private long escalationTimer = -1;
  private volatile ChannelSender channelSender;
  private final MaintenanceCalendar maintenance;
  private final Clock clock;
  private final Outbox outbox;
  private final AlertRouter router;
  private final AlertTemplates templates;
  private final FlapGuard flaps;
  private final DailyDigest digest;
  // Certificate steps already in the outbox: a probe every 30 s must not cost a write each time.
  private final Set<String> certKeysSeen = ConcurrentHashMap.newKeySet();
  private final AtomicReference<Instant> networkProblemSince = new AtomicReference<>();
  private volatile boolean networkSeeded;
  private Vertx vertx;
  private String senderDeployment;
  private String channelDeployment;
  private long digestTimer = -1;
  private volatile OutboxSender sender;
  private volatile AlertFence fence = AlertFence.SINGLE;

  public AlertService(Pool pool, AlertSettings settings, MaintenanceCalendar maintenance, Clock clock) {
    this(pool, settings, ChannelSettings.defaults(), maintenance, clock);
  }

  /** With alert channels and escalation ({@code alerts.channels}, {@code alerts.escalateAfter}). */
  public AlertService(Pool pool, AlertSettings settings, ChannelSettings channels, MaintenanceCalendar maintenance,
      Clock clock) {
    this.pool = pool;
    this.settings = settings;
    this.channels = channels;
    this.ackLinks = new AckLinks(pool, settings.publicUrl());
    this.maintenance = maintenance;
    this.clock = clock;
    this.outbox = new Outbox(pool);
    this.router = new AlertRouter(settings);
    this.templates = new AlertTemplates(settings.publicUrl());
    this.flaps = new FlapGuard(settings.flapOpenings(), settings.flapWindow());
    this.digest = new DailyDigest(pool, outbox, router, templates, settings);
  }

  /**
   * Where the escalation finds a portal by id (the current fleet); until set, escalation finds none and waits.
   */
  public AlertService portals(java.util.function.Function<String, Portal> lookup) {
    this.portals = lookup;
    return this;
  }

  /**
   * In a cluster (docs/CLUSTER.md): only the leader sends the outbox, its claims carry its epoch, and the alerts
   * written in their own transaction here (certificate, grade drop, budget burn, flapping, escalation) are checked
   * against the epoch first. Without it, a node alone checks nothing, as before.
   */
  public AlertService fence(AlertFence f) {
    this.fence = f;
    outbox.fence(f);
    return this;
  }

  /**
   * Starts the SMTP sender, the channel sender (when a webhook, Slack, Teams or Telegram channel is configured), the
   * digest timer and the escalation check (when enabled). The outbox is written even before.
   */
  public Future<Void> start(Vertx vx) {
    this.vertx = vx;
    if (!settings.enabled()) {
      return Future.succeededFuture();
    }
    sender = new OutboxSender(outbox, settings);
    if (settings.digestEnabled()) {
      digestTimer = vx.setPeriodic(30_000, id -> digestIfDue());
    }
    boolean http = channels.channels().stream().anyMatch(c -> c.type() != ChannelSettings.Type.EMAIL);
    ChannelSender cs = http ? new ChannelSender(outbox, settings, channels, clock) : null;
    return ackLinks.load()
        .compose(x -> vx.deployVerticle(sender))
        .compose(id -> {
          senderDeployment = id;
          return cs == null ? Future.succeededFuture((String) null) : vx.deployVerticle(cs);
        })
        .map(id -> {
          channelDeployment = id;
          channelSender = cs;
          long every = Math.max(1000, Math.min(30_000, channels.escalateAfter().toMillis() / 10));
          escalationTimer = vx.setPeriodic(every, t -> escalateDue().onFailure(err ->
              org.slf4j.LoggerFactory.getLogger(AlertService.class).warn("escalation check failed, will retry: {}",
                  err.toString())));
          return null;
        });
  }

  public Future<Void> stop() {
    if (vertx == null) {
      return Future.succeededFuture();
    }
    vertx.cancelTimer(digestTimer);
    vertx.cancelTimer(escalationTimer);
    String id = senderDeployment;
    String channelId = channelDeployment;
    senderDeployment = null;
    channelDeployment = null;
    return Future.join(id == null ? Future.succeededFuture() : vertx.undeploy(id),
        channelId == null ? Future.succeededFuture() : vertx.undeploy(channelId)).mapEmpty();
  }

  public Outbox outbox() {
    return outbox;
  }

  /** Undelivered outbox rows as of the sender's last pass (0 when the sender is off). */
  public long backlog() {
    return sender == null ? 0 : sender.backlog();
  }

  /**
   * Registers {@code dvc_alert_outbox_backlog} (undelivered rows), {@code dvc_alerts_delivered_total}
   * and {@code dvc_alert_send_failures_total} (failed attempts, each retried).
   */
  public void bindMetrics(MeterRegistry registry) {
    Gauge.builder("dvc_alert_outbox_backlog", this, AlertService::backlog)
        .description("Alert emails written to the outbox and not yet delivered").register(registry);
    FunctionCounter.builder("dvc_alerts_delivered", this, AlertService::delivered)
        .description("Alert emails accepted by the SMTP server").register(registry);
    FunctionCounter.builder("dvc_alert_send_failures", this, AlertService::failedAttempts)
        .description("Failed attempts to send an alert email (each is retried)").register(registry);
    for (ChannelSettings.Channel ch : channels.channels()) {
      if (ch.type() == ChannelSettings.Type.EMAIL) {
        continue;
      }
      // Tagged with the channel's name and type only: its URL, token or key never reach the metrics.
      FunctionCounter.builder("dvc_alert_channel_delivered", this, a -> a.channelDelivered(ch.recipient()))
          .tag("channel", ch.recipient()).description("Alerts a webhook, Slack, Teams or Telegram channel accepted")
          .register(registry);
      FunctionCounter.builder("dvc_alert_channel_failures", this, a -> a.channelFailures(ch.recipient()))
          .tag("channel", ch.recipient()).description("Failed calls to an alert channel (each is retried)")
          .register(registry);
    }
  }

  /** Mails accepted by the SMTP server since start. */
  public long delivered() {
    return sender == null ? 0 : sender.delivered();
  }

  /** Passes of the sender over the outbox since start (0 when the sender is off). */
  long senderPasses() {
    return sender == null ? 0 : sender.passes();
  }

  /** Failed send attempts since start (each is retried). */
  public long failedAttempts() {
    return sender == null ? 0 : sender.failures();
  }

  /** Enqueues the daily digest if it is due; the timer calls this, tests may too. */
  public Future<Boolean> digestIfDue() {
    return settings.enabled() && settings.digestEnabled() && fence.epoch() != 0 ? digest.runIfDue(clock.instant()) : Future.succeededFuture(false);
  }

  /**
   * A confirmed outage began. Call inside the transaction that records the incident. Flapping is
   * judged on the watchdog's clock at the time of the call; after a restart the recent history of
   * this portal is read back from the outbox first, so a kill -9 does not reset the flapping count.
   */
  public Future<Void> onIncidentOpened(SqlClient tx, Portal p, Incident i) {
    return onIncidentOpened(tx, p, i, null);
  }

  /**
   * As {@link #onIncidentOpened(SqlClient, Portal, Incident)}, with the detail of the failure: for an
   * outage caused by a certificate, the Vietnamese names of its problems.
   */
  public Future<Void> onIncidentOpened(SqlClient tx, Portal p, Incident i, String detail) {
    if (!settings.enabled()) {
      return Future.succeededFuture();
    }
    Instant now = clock.instant();
    Future<Void> seeded = flaps.knows(p.id()) ? Future.succeededFuture()
        : outbox.recentOutages(tx, p.id(), now.minus(settings.flapWindow()))
            .map(h -> {
              flaps.seed(p.id(), h.openings(), h.flappingSince(), h.lastIncidentId());
              return null;
            });
    return seeded.compose(x -> {
      FlapGuard.Verdict v = flaps.opened(p.id(), i.id(), now);
      Future<Void> flapNotice = v == FlapGuard.Verdict.STARTED
          ? flappingNotice(tx, p, flaps.episodeStart(p.id()), flaps.recentOpenings(p.id()))
          : Future.succeededFuture();
      return flapNotice.compose(y -> emit(tx, AlertKind.DOWN, "down:" + i.id(), p, outageText(p, i, detail),
          situation(p, now, v != FlapGuard.Verdict.NORMAL)));
    });
  }

  /**
   * The one mail of an outage: a certificate a browser refuses is said as the certificate problem it is
   * (the certificate alert), not as a generic outage; {@link #onCertificate} leaves such a page to this.
   */
  private AlertText outageText(Portal p, Incident i, String detail) {
    String ack = ackLink(i);
    return Cause.CERTIFICATE.equals(i.cause()) ? templates.certRefused(p, i, detail, ack) : templates.down(p, i, ack);
  }

  /** The signed acknowledgement link of an incident, valid for {@code linkValidity} from the incident's start. */
  private String ackLink(Incident i) {
    return ackLinks.link(i.id(), i.start().plus(channels.linkValidity()));
  }

  /**
   * The outage ended. A recovery is announced only to those who were told of the outage: if its DOWN
   * alert was suppressed (maintenance, flapping, the watchdog's network), so is the recovery.
   */
  public Future<Void> onIncidentClosed(SqlClient tx, Portal p, Incident i) {
    if (!settings.enabled() || i.end() == null) {
      return Future.succeededFuture();
    }
    return outbox.alerted(tx, "down:" + i.id()).compose(told -> told
        ? emit(tx, AlertKind.RECOVERED, "recovered:" + i.id(), p, templates.recovered(p, i), AlertRouter.Situation.NORMAL)
        : Future.succeededFuture());
  }

  /**
   * The latest homepage result's certificate, for the expiry steps. A page DOWN for its certificate is
   * left out: its outage has its own certificate mail ({@link #onIncidentOpened(SqlClient, Portal, Incident,
   * String)}), and the "expired" step would repeat it. With {@code probe.certificateFailure: degraded} there
   * is no outage, and the steps are that page's certificate alert.
   */
  public Future<Void> onCertificate(Portal p, ProbeResult home, Instant now) {
    // Any DOWN result with a refused certificate: a probe that timed out after the handshake carries the
    // same posture, and its "expired" step would still be a second mail for the same episode.
    if (home.tls() == null || home.outcome() == Outcome.DOWN && !home.tls().browserAccepts()) {
      return Future.succeededFuture();
    }
    return onCertificate(p, home.tls(), now);
  }

  /** A TLS posture; alerts once per certificate (notAfter) and step (30/14/7/1/expired). */
  public Future<Void> onCertificate(Portal p, TlsPosture t, Instant now) {
    if (!settings.enabled() || t == null || t.daysLeft() == null) {
      return Future.succeededFuture();
    }
    String step = CertThresholds.step(t.daysLeft());
    if (step == null) {
      return Future.succeededFuture();
    }
    LocalDate notAfter = (t.notAfter() != null ? t.notAfter() : now.plus(java.time.Duration.ofDays(t.daysLeft())))
        .atZone(java.time.ZoneOffset.UTC).toLocalDate();
    String key = "cert:" + p.id() + ":" + notAfter + ":" + step;
    if (certKeysSeen.contains(key)) {
      return Future.succeededFuture();
    }
    boolean expired = CertThresholds.EXPIRED.equals(step);
    AlertText text = expired ? templates.certExpired(p, t.notAfter()) : templates.certExpiring(p, t.daysLeft(), t.notAfter());
    return own(c -> emit(c, expired ? AlertKind.CERT_EXPIRED : AlertKind.CERT_EXPIRING, key, p, text,
        situation(p, now, false))).onSuccess(x -> {
          if (certKeysSeen.size() > 100_000) {
            certKeysSeen.clear(); // the keys are only a cache of the outbox's unique constraint
          }
          certKeysSeen.add(key);
        });
  }

  /** The grade fell (after the two-evaluation confirmation of docs/SCORING.md). */
  public Future<Void> onGradeDrop(Portal p, String from, String to, double score, List<String> movedCriteria,
      Instant evaluatedAt) {
    if (!settings.enabled()) {
      return Future.succeededFuture();
    }
    String key = "grade:" + p.id() + ":" + from + "->" + to + ":" + evaluatedAt.toEpochMilli();
    return own(c -> emit(c, AlertKind.GRADE_DROP, key, p, templates.gradeDrop(p, from, to, score, movedCriteria),
        situation(p, evaluatedAt, false)));
  }

  /** A multiwindow burn-rate threshold is crossed; at most one alert per portal, window and Vietnam day. */
  public Future<Void> onBudgetBurn(Portal p, BudgetBurn b, Instant at) {
    if (!settings.enabled()) {
      return Future.succeededFuture();
    }
    String key = "burn:" + p.id() + ":" + b.window() + ":" + at.atZone(VietnameseText.VIETNAM).toLocalDate();
    return own(c -> emit(c, AlertKind.BUDGET_BURN, key, p, templates.budgetBurn(p, b), situation(p, at, false)));
  }

  /**
   * The status engine declared the portal flapping at {@code at}: one notice per episode, then silence. The
   * episode is recorded only once its notice is in the outbox, so a retry after a failed write writes it
   * (the key comes from {@code at}, so a retry after a write that did land changes nothing).
   */
  public Future<Void> onFlapping(Portal p, Instant at) {
    return own(c -> onFlapping(c, p, at));
  }

  /** As {@link #onFlapping(Portal, Instant)}, in the caller's transaction (a cluster leader's fenced decision). */
  public Future<Void> onFlapping(SqlClient c, Portal p, Instant at) {
    if (!settings.enabled()) {
      return Future.succeededFuture();
    }
    if (flaps.flapping(p.id(), at)) {
      flaps.declared(p.id(), at); // an episode already announced goes on
      return Future.succeededFuture();
    }
    return flappingNotice(c, p, at, 0).map(x -> {
      flaps.declared(p.id(), at);
      return null;
    });
  }

  /**
   * The fleet-wide failure check, called on every evaluation; alerts the national address when the
   * suspicion starts and when it ends. While it lasts, DOWN alerts are suppressed.
   */
  public Future<Void> onWatchdogNetwork(boolean problem, int failing, int total, Instant at) {
    if (!settings.enabled()) {
      return Future.succeededFuture();
    }
    return networkSeeded ? networkEdge(problem, failing, total, at)
        : outbox.lastKey(pool, AlertKind.WATCHDOG_NETWORK).compose(key -> {
          // After a restart in the middle of a network problem, continue it rather than announce it again.
          if (!networkSeeded && key != null && key.startsWith("network:")) {
            networkProblemSince.compareAndSet(null, Instant.ofEpochMilli(Long.parseLong(key.substring(8))));
          }
          networkSeeded = true;
          return networkEdge(problem, failing, total, at);
        });
  }

  // The edge is recorded only once its alert is in the outbox: a retry after a failed write finds the edge
  // still to be announced. Calls come one at a time from the watchdog's ordered write queue.
  private Future<Void> networkEdge(boolean problem, int failing, int total, Instant at) {
    Instant since = networkProblemSince.get();
    if (problem && since == null) {
      return own(c -> emit(c, AlertKind.WATCHDOG_NETWORK, "network:" + at.toEpochMilli(), null,
          templates.watchdogNetwork(true, failing, total, at), AlertRouter.Situation.NORMAL))
          .map(x -> {
            networkProblemSince.compareAndSet(null, at);
            return null;
          });
    }
    if (!problem && since != null) {
      return own(c -> emit(c, AlertKind.WATCHDOG_NETWORK, "network-ok:" + since.toEpochMilli(), null,
          templates.watchdogNetwork(false, failing, total, at), AlertRouter.Situation.NORMAL))
          .map(x -> {
            networkProblemSince.compareAndSet(since, null);
            return null;
          });
    }
    return Future.succeededFuture();
  }

  /** For the public portal page: kinds, subjects and times, never recipients. */
  public Future<List<AlertSummary>> history(String portalId) {
    return outbox.summaries(portalId, HISTORY);
  }

  /** For the admin API: every outbox row with recipient, attempts and last error. */
  public Future<List<AlertDelivery>> adminHistory(String portalId, int limit) {
    return outbox.deliveries(portalId, Math.max(1, Math.min(limit, 1000)));
  }

  private Future<Void> flappingNotice(SqlClient c, Portal p, Instant episodeStart, int openings) {
    return emit(c, AlertKind.FLAPPING, "flapping:" + p.id() + ":" + episodeStart.toEpochMilli(), p,
        templates.flapping(p, openings, settings.flapWindow()),
        situation(p, episodeStart, false));
  }

  /**
   * An alert written in its own transaction: alone, one statement as before; in a cluster only by the leader, in
   * a transaction that checks its epoch first (a follower's or deposed leader's write is refused, never retried).
   */
  private Future<Void> own(java.util.function.Function<SqlClient, Future<Void>> write) {
    AlertFence f = fence;
    long epoch = f.epoch();
    if (epoch == AlertFence.ALONE) {
      return write.apply(pool);
    }
    if (epoch == 0) {
      return Future.failedFuture(f.notLeader());
    }
    return pool.withTransaction(tx -> f.check(tx, epoch).compose(x -> write.apply(tx)));
  }

  private AlertRouter.Situation situation(Portal p, Instant at, boolean flapping) {
    return new AlertRouter.Situation(maintenance.inMaintenance(p.id(), at), flapping, networkProblemSince.get() != null);
  }

  /**
   * Routes an alert and writes it: one outbox row per email recipient and per channel that wants it ({@code
   * <type>:<name>}), all under the one key, so each is delivered once and on its own.
   */
  private Future<Void> emit(SqlClient c, AlertKind kind, String key, Portal p, AlertText text, AlertRouter.Situation s) {
    AlertRouter.Route route = router.route(kind, p, s);
    List<String> to = route.recipients();
    if (!route.suppressed() || AlertRouter.NO_RECIPIENTS.equals(route.suppressedReason())) {
      boolean escalation = kind == AlertKind.ESCALATION;
      String owner = p == null || kind == AlertKind.WATCHDOG_NETWORK || kind == AlertKind.DIGEST ? null : p.owner();
      java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(to);
      all.addAll(channels.emailsFor(kind, owner, escalation));
      channels.channelsFor(kind, owner, escalation).forEach(ch -> all.add(ch.recipient()));
      to = List.copyOf(all);
    }
    Alert a = Alert.of(key, kind, p == null ? null : p.id(), to, text, clock.instant());
    if (to.isEmpty()) {
      return outbox.suppress(c, a, route.suppressed() ? route.suppressedReason() : AlertRouter.NO_RECIPIENTS);
    }
    return outbox.enqueue(c, a);
  }

  /** The pages and admin route of acknowledgements. */
  AckPage ackPage() {
    return new AckPage(ackLinks, clock, id -> portals.apply(id));
  }

  /** The acknowledgement links and acknowledgements. */
  public AckLinks ackLinks() {
    return ackLinks;
  }

  public ChannelSettings channels() {
    return channels;
  }

  /** Deliveries a channel ({@code <type>:<name>}) accepted since start. */
  public long channelDelivered(String recipient) {
    ChannelSender cs = channelSender;
    return cs == null ? 0 : cs.delivered(recipient);
  }

  /** Failed calls to a channel since start (each is retried). */
  public long channelFailures(String recipient) {
    ChannelSender cs = channelSender;
    return cs == null ? 0 : cs.failures(recipient);
  }

  /** Passes of the channel sender over the outbox since start. */
  long channelPasses() {
    ChannelSender cs = channelSender;
    return cs == null ? 0 : cs.passes();
  }

  private static final String DUE_ESCALATIONS = """
      SELECT i.id, i.portal_id, i.target, i.cause, i.started_at FROM incident i
       WHERE i.ended_at IS NULL AND i.started_at <= $1
         AND EXISTS (SELECT 1 FROM alert_outbox d WHERE d.alert_key = 'down:' || i.id AND d.state <> 'suppressed')
         AND NOT EXISTS (SELECT 1 FROM alert_outbox e WHERE e.alert_key = 'escalation:' || i.id)
         AND NOT EXISTS (SELECT 1 FROM acknowledgement a WHERE a.incident_id = i.id
                          OR a.incident_id IS NULL AND a.portal_id = i.portal_id AND a.created_at >= i.started_at)
       ORDER BY i.started_at, i.id LIMIT 100""";

  /**
   * Escalates every open outage that was announced (its DOWN mail was sent, not suppressed), has no acknowledgement
   * and started at least {@code alerts.escalateAfter} ago on the alert clock: one {@code escalation} alert to the
   * national office (its address and its channels), keyed {@code escalation:<incident id>}, so it happens once, and
   * the state it reads (incidents, acknowledgements, the outbox) is all in PostgreSQL, so a restart neither loses nor
   * repeats it. The timer calls this; tests call it with a moved clock. Returns how many were escalated.
   */
  public Future<Integer> escalateDue() {
    if (!settings.enabled() || fence.epoch() == 0) {
      return Future.succeededFuture(0); // in a cluster, the leader escalates
    }
    Instant now = clock.instant();
    return pool.preparedQuery(DUE_ESCALATIONS)
        .execute(io.vertx.sqlclient.Tuple.of(now.minus(channels.escalateAfter()).atOffset(java.time.ZoneOffset.UTC)))
        .compose(rows -> {
          Future<Integer> chain = Future.succeededFuture(0);
          for (io.vertx.sqlclient.Row r : rows) {
            Portal p = portals.apply(r.getString("portal_id"));
            if (p == null) {
              continue; // not in the fleet (any more): nobody to name; its outage is history
            }
            String target = r.getString("target");
            Incident i = new Incident(r.getString("id"), p.id(), r.getOffsetDateTime("started_at").toInstant(), null,
                r.getString("cause"), target == null ? null : vn.dvcwatch.result.Target.fromLabel(target));
            chain = chain.compose(n -> own(c -> emit(c, AlertKind.ESCALATION, "escalation:" + i.id(), p,
                templates.escalation(p, i, channels.escalateAfter(), ackLink(i)), situation(p, now, false))).map(n + 1));
          }
          return chain;
        });
  }
}
