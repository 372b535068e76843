package vn.dvcwatch.alert;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The PostgreSQL outbox of alerts (table {@code alert_outbox}, migration V100). {@link #enqueue} takes
 * any {@link SqlClient}: pass the connection of the transaction that records the state change, and
 * the alert commits (or rolls back) with it. The first decision about a key is final: a second
 * enqueue of the same cause is a no-op, whether the first was sent or suppressed (a replayed incident
 * after a maintenance window ends is not announced late); the unique (alert_key, recipient) pair
 * backs this up against concurrent writers.
 */
public final class Outbox {
  private static final String INSERT = """
      INSERT INTO alert_outbox (alert_key, recipient, kind, portal_id, subject, text_body, html_body, message_id,
                                created_at, state, suppressed_reason, channel, chat_body)
      SELECT $1, t.r, $2, $3, $4, $5, $6, $7, $8, $9, $10, t.ch, $13
        FROM unnest($11::text[], $12::text[]) WITH ORDINALITY AS t(r, ch, n)
       WHERE NOT EXISTS (SELECT 1 FROM alert_outbox x WHERE x.alert_key = $1)
      ORDER BY t.n
      ON CONFLICT (alert_key, recipient) DO NOTHING""";

  // The oldest undelivered row of each recipient, if it is due and the recipient is under its hourly
  // rate. A later row never overtakes an earlier one of the same recipient (R3: in order), and a row
  // whose lease ran out (its sender died mid-send) is taken over; in a cluster, so is a row claimed under
  // an older leader epoch ($5), at once: its leader died or froze, and it sends nothing any more.
  private static final String CLAIM = """
      UPDATE alert_outbox o
         SET state = 'sending', attempts = o.attempts + 1, lease_until = now() + make_interval(secs => $2),
             claim_epoch = $5
       WHERE o.id IN (
         SELECT c.id FROM alert_outbox c
          WHERE c.channel = ANY($4) AND c.state IN ('pending', 'sending') AND c.next_attempt_at <= now()
            AND (c.state = 'pending' OR c.lease_until < now() OR c.claim_epoch < $5)
            AND NOT EXISTS (SELECT 1 FROM alert_outbox e WHERE e.recipient = c.recipient
                               AND e.state IN ('pending', 'sending') AND e.id < c.id)
            AND (SELECT count(*) FROM alert_outbox s WHERE s.recipient = c.recipient
                    AND s.sent_at > now() - interval '1 hour') < $3
          ORDER BY c.id LIMIT $1
          FOR UPDATE SKIP LOCKED)
      RETURNING o.id, o.alert_key, o.kind, o.portal_id, o.recipient, o.subject, o.text_body, o.html_body, o.message_id,
                o.attempts, o.created_at, o.chat_body, o.claim_epoch""";

  private static final String COLUMNS = "id, alert_key, kind, portal_id, recipient, subject, state, suppressed_reason,"
      + " attempts, created_at, sent_at, next_attempt_at, last_error";

  /**
   * A row claimed for sending ({@code portalId} null for a fleet-wide alert such as the digest); the recipient of a
   * channel row is {@code <type>:<name>}; {@code chat} is the alert's chat text, null when it has none; {@code epoch}
   * the leader epoch it was claimed under.
   */
  record Claimed(long id, String alertKey, String kind, String portalId, String recipient, String subject, String text,
      String html, String messageId, int attempts, Instant createdAt, String chat, long epoch) {
    /** A row claimed by a node alone. */
    Claimed(long id, String alertKey, String kind, String portalId, String recipient, String subject, String text,
        String html, String messageId, int attempts, Instant createdAt, String chat) {
      this(id, alertKey, kind, portalId, recipient, subject, text, html, messageId, attempts, createdAt, chat,
          AlertFence.ALONE);
    }
  }

  /** The channel of an outbox recipient: an address is email, {@code <type>:<name>} is that channel type. */
  static String channelOf(String recipient) {
    int colon = recipient.indexOf(':');
    return colon < 0 || recipient.indexOf('@') >= 0 ? "email" : recipient.substring(0, colon);
  }

  private final Pool pool;
  private volatile AlertFence fence = AlertFence.SINGLE;

  public Outbox(Pool pool) {
    this.pool = pool;
  }

  /** In a cluster: only the leader claims, each claim checked against the epoch (docs/CLUSTER.md). */
  void fence(AlertFence f) {
    this.fence = f;
  }

  /**
   * Whether this node may still send a row it claimed: it leads under the claim's epoch. A leader that froze
   * between its claim and the send finds that it does not, and leaves the row to the next leader (which takes
   * it over at once): a thawed leader sends nothing.
   */
  boolean holds(Claimed row) {
    return fence.epoch() == row.epoch();
  }

  /** Writes one row per recipient; inside the caller's transaction when {@code client} is its connection. */
  public Future<Void> enqueue(SqlClient client, Alert a) {
    return insert(client, a, a.recipients(), "pending", null);
  }

  /** Records that the cause was seen but nobody is told, and why (history shows it; the key is used up). */
  public Future<Void> suppress(SqlClient client, Alert a, String reason) {
    return insert(client, a, List.of(""), "suppressed", reason);
  }

  private Future<Void> insert(SqlClient client, Alert a, List<String> recipients, String state, String reason) {
    Tuple t = Tuple.of(a.idempotencyKey(), a.kind().label(), a.portalId(), a.subject(), a.textBody(), a.htmlBody())
        .addString(messageId(a.idempotencyKey())).addOffsetDateTime(utc(a.createdAt()))
        .addString(state).addString(reason).addArrayOfString(recipients.toArray(String[]::new))
        .addArrayOfString(recipients.stream().map(Outbox::channelOf).toArray(String[]::new)).addString(a.chatBody());
    return client.preparedQuery(INSERT).execute(t).mapEmpty();
  }

  /** True when an alert with this key was (or is being) delivered to someone, not merely suppressed. */
  public Future<Boolean> alerted(SqlClient client, String key) {
    return client.preparedQuery("SELECT 1 FROM alert_outbox WHERE alert_key = $1 AND state <> 'suppressed' LIMIT 1")
        .execute(Tuple.of(key)).map(rows -> rows.size() > 0);
  }

  /** True when this key was used at all, delivered or suppressed. */
  public Future<Boolean> exists(SqlClient client, String key) {
    return client.preparedQuery("SELECT 1 FROM alert_outbox WHERE alert_key = $1 LIMIT 1")
        .execute(Tuple.of(key)).map(rows -> rows.size() > 0);
  }

  /** The key of the newest alert of this kind, or null. */
  Future<String> lastKey(SqlClient client, AlertKind kind) {
    return client.preparedQuery("SELECT alert_key FROM alert_outbox WHERE kind = $1 ORDER BY id DESC LIMIT 1")
        .execute(Tuple.of(kind.label())).map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  /** What the outbox remembers of a portal's recent outages, to restore flapping state after a restart. */
  record OutageHistory(List<Instant> openings, Instant flappingSince, String lastIncidentId) {}

  Future<OutageHistory> recentOutages(SqlClient client, String portalId, Instant since) {
    String sql = """
        SELECT alert_key, kind, min(created_at) AS created_at, bool_or(suppressed_reason = 'flapping') AS flapping
          FROM alert_outbox WHERE portal_id = $1 AND kind IN ('down', 'flapping') AND created_at >= $2
         GROUP BY alert_key, kind ORDER BY min(created_at)""";
    return client.preparedQuery(sql).execute(Tuple.of(portalId, utc(since))).map(rows -> {
      List<Instant> openings = new ArrayList<>();
      Instant flapping = null;
      String lastIncident = null;
      for (Row r : rows) {
        Instant at = instant(r, "created_at");
        if ("down".equals(r.getString("kind"))) {
          openings.add(at);
          lastIncident = r.getString("alert_key").substring("down:".length());
        }
        if ((r.getString("kind").equals("flapping") || Boolean.TRUE.equals(r.getBoolean("flapping"))) && flapping == null) {
          flapping = at;
        }
      }
      return new OutageHistory(openings, flapping, lastIncident);
    });
  }

  /**
   * Claims due rows of the given channels ({@code email}, or channel types). In a cluster a node that does not lead
   * claims nothing, and a leader's claim is refused (and fails) once a newer epoch has been claimed.
   */
  Future<List<Claimed>> claim(int limit, Duration lease, int ratePerHour, List<String> channels) {
    AlertFence f = fence;
    long epoch = f.epoch();
    if (epoch == 0) {
      return Future.succeededFuture(List.of()); // a follower: the leader sends
    }
    Tuple args = Tuple.of(limit, lease.toMillis() / 1000.0, ratePerHour).addArrayOfString(channels.toArray(String[]::new))
        .addLong(epoch == AlertFence.ALONE ? null : epoch);
    return pool.withTransaction(c -> f.check(c, epoch).compose(x -> c.preparedQuery(CLAIM).execute(args)))
        .map(rows -> {
          List<Claimed> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Claimed(r.getLong("id"), r.getString("alert_key"), r.getString("kind"), r.getString("portal_id"),
                r.getString("recipient"), r.getString("subject"), r.getString("text_body"), r.getString("html_body"),
                r.getString("message_id"), r.getInteger("attempts"), instant(r, "created_at"), r.getString("chat_body"),
                epoch));
          }
          out.sort(Comparator.comparingLong(Claimed::id));
          return out;
        });
  }

  Future<Void> markSent(long id) {
    return pool.preparedQuery("UPDATE alert_outbox SET state = 'sent', sent_at = now(), lease_until = NULL,"
        + " last_error = NULL WHERE id = $1").execute(Tuple.of(id)).mapEmpty();
  }

  Future<Void> markFailed(long id, String error, Duration retryIn) {
    return pool.preparedQuery("UPDATE alert_outbox SET state = 'pending', lease_until = NULL, last_error = $2,"
        + " next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1 AND state = 'sending'")
        .execute(Tuple.of(id, error, retryIn.toMillis() / 1000.0)).mapEmpty();
  }

  /**
   * Gives back a row claimed by a sender that is stopping before it tried to send it: due again at once for the next
   * sender, the attempt not counted, instead of waiting for its lease to run out.
   */
  Future<Boolean> release(long id) {
    return pool.preparedQuery("UPDATE alert_outbox SET state = 'pending', lease_until = NULL, attempts = attempts - 1"
        + " WHERE id = $1 AND state = 'sending'").execute(Tuple.of(id)).map(false);
  }

  /**
   * Makes every row that is waiting out a backoff due now: the SMTP server answers again, and the
   * backoff was only there to spare it while it did not. Returns how many rows were brought forward.
   */
  Future<Integer> retryNow() {
    return pool.query("UPDATE alert_outbox SET next_attempt_at = now() WHERE state = 'pending' AND attempts > 0"
        + " AND next_attempt_at > now()").execute().map(rows -> rows.rowCount());
  }

  /** Rows not yet delivered: the number operators watch during an SMTP outage. */
  public Future<Long> backlog() {
    return pool.query("SELECT count(*) FROM alert_outbox WHERE state IN ('pending', 'sending')").execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** The portal's alerts, newest first, one line per alert (recipients folded, never shown). */
  public Future<List<AlertSummary>> summaries(String portalId, int limit) {
    String sql = """
        SELECT kind, subject, min(created_at) AS created_at, max(sent_at) AS sent_at,
               CASE WHEN bool_or(state = 'suppressed') THEN 'suppressed'
                    WHEN bool_and(state = 'sent') THEN 'sent' ELSE 'pending' END AS state,
               max(suppressed_reason) AS suppressed_reason
          FROM alert_outbox WHERE portal_id = $1
         GROUP BY alert_key, kind, subject ORDER BY min(id) DESC LIMIT $2""";
    return pool.preparedQuery(sql).execute(Tuple.of(portalId, limit)).map(rows -> {
      List<AlertSummary> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new AlertSummary(AlertKind.valueOf(r.getString("kind").toUpperCase(java.util.Locale.ROOT)),
            r.getString("subject"), instant(r, "created_at"), instant(r, "sent_at"), r.getString("state"),
            r.getString("suppressed_reason")));
      }
      return out;
    });
  }

  /** Outbox rows for the admin API, newest first; all portals when {@code portalId} is null. */
  public Future<List<AlertDelivery>> deliveries(String portalId, int limit) {
    String sql = "SELECT " + COLUMNS + " FROM alert_outbox WHERE ($1::text IS NULL OR portal_id = $1)"
        + " ORDER BY id DESC LIMIT $2";
    return pool.preparedQuery(sql).execute(Tuple.of(portalId, limit)).map(Outbox::deliveries);
  }

  /** One line per alert created in [from, to), oldest first, digests excluded. */
  Future<List<AlertTemplates.DigestLine>> between(Instant from, Instant to) {
    String sql = """
        SELECT min(created_at) AS created_at, kind, subject, max(suppressed_reason) AS suppressed_reason
          FROM alert_outbox WHERE created_at >= $1 AND created_at < $2 AND kind <> 'digest'
         GROUP BY alert_key, kind, subject ORDER BY min(created_at), min(id)""";
    return pool.preparedQuery(sql).execute(Tuple.of(utc(from), utc(to))).map(rows -> {
      List<AlertTemplates.DigestLine> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new AlertTemplates.DigestLine(instant(r, "created_at"),
            AlertKind.valueOf(r.getString("kind").toUpperCase(java.util.Locale.ROOT)), r.getString("subject"),
            r.getString("suppressed_reason")));
      }
      return out;
    });
  }

  private static List<AlertDelivery> deliveries(RowSet<Row> rows) {
    List<AlertDelivery> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new AlertDelivery(r.getLong("id"), r.getString("alert_key"),
          AlertKind.valueOf(r.getString("kind").toUpperCase(java.util.Locale.ROOT)), r.getString("portal_id"),
          r.getString("recipient"), r.getString("subject"), r.getString("state"), r.getString("suppressed_reason"),
          r.getInteger("attempts"), instant(r, "created_at"), instant(r, "sent_at"), instant(r, "next_attempt_at"),
          r.getString("last_error")));
    }
    return out;
  }

  /** {@code <first 32 hex of sha-256(key)@dvc-watch>}: the same alert always carries the same Message-ID. */
  static String messageId(String key) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "<" + HexFormat.of().formatHex(h).substring(0, 32) + "@dvc-watch>";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static OffsetDateTime utc(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }
}
