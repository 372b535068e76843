package vn.dvcwatch.alert;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed one-click acknowledgement links of outage emails, and acknowledgements themselves.
 *
 * <p>A link is {@code <publicUrl>/ack/<token>}, the token {@code <incident id, base64url>.<expiry, Unix
 * seconds>.<HMAC-SHA256 of "ack\n" + id + "\n" + expiry, base64url>}: it names one incident, stops working at its
 * expiry, and any change to it breaks the signature. The key is made once and kept in PostgreSQL
 * ({@code alert_link_key}), so links survive a restart and work on every instance. Opening the link (GET) only shows
 * a confirmation page, since mail scanners open links; the acknowledgement is the page's POST.
 *
 * <p>An acknowledgement is a row of the store's {@code acknowledgement} table naming its incident (at most one per
 * incident), so the report and the portal page show who acknowledged and when, and the escalation stops.
 */
public final class AckLinks {
  /** What a token turned out to be. */
  public enum Check { VALID, TAMPERED, EXPIRED }

  /** A checked token: its incident when {@link Check#VALID}. */
  public record Verdict(Check check, String incidentId) {}

  /** An acknowledgement: {@code created} false when the incident already had one (then who and when are that one's). */
  public record Ack(String incidentId, String portalId, String by, Instant at, boolean created) {}

  private final Pool pool;
  private final String publicUrl;
  private volatile byte[] key;

  AckLinks(Pool pool, String publicUrl) {
    this.pool = pool;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** Reads the signing key, making it first if no process made it before. */
  Future<Void> load() {
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    return pool.preparedQuery("INSERT INTO alert_link_key (id, secret) VALUES (1, $1) ON CONFLICT (id) DO NOTHING")
        .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(fresh)))
        .compose(x -> pool.query("SELECT secret FROM alert_link_key WHERE id = 1").execute())
        .map(rows -> {
          key = rows.iterator().next().getBuffer("secret").getBytes();
          return null;
        });
  }

  /** The link for an incident, valid until {@code expires}; null before the key is loaded (no link rather than a bad one). */
  String link(String incidentId, Instant expires) {
    byte[] k = key;
    if (k == null) {
      return null;
    }
    return publicUrl + "/ack/" + token(k, incidentId, expires.getEpochSecond());
  }

  static String token(byte[] key, String incidentId, long expires) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(incidentId.getBytes(StandardCharsets.UTF_8)) + "." + expires + "."
        + b64.encodeToString(mac(key, incidentId, expires));
  }

  /** Checks a token's signature and expiry; a malformed token counts as tampered. */
  public Verdict verify(String token, Instant now) {
    byte[] k = key;
    String[] parts = token == null ? new String[0] : token.split("\\.", -1);
    if (k == null || parts.length != 3) {
      return new Verdict(Check.TAMPERED, null);
    }
    try {
      String id = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
      long expires = Long.parseLong(parts[1]);
      byte[] given = Base64.getUrlDecoder().decode(parts[2]);
      if (!MessageDigest.isEqual(given, mac(k, id, expires))) {
        return new Verdict(Check.TAMPERED, null);
      }
      return now.getEpochSecond() > expires ? new Verdict(Check.EXPIRED, id) : new Verdict(Check.VALID, id);
    } catch (IllegalArgumentException e) {
      return new Verdict(Check.TAMPERED, null);
    }
  }

  private static byte[] mac(byte[] key, String incidentId, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(("ack\n" + incidentId + "\n" + expires).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Records that {@code by} acknowledged the incident ({@code via}: {@code email_link} or {@code admin}). The first
   * acknowledgement of an incident stands: a second one (a link clicked twice) returns the first with
   * {@code created} false. Fails with {@link java.util.NoSuchElementException} for an unknown incident.
   */
  public Future<Ack> acknowledge(String incidentId, String by, String via, Instant at) {
    String insert = """
        INSERT INTO acknowledgement (portal_id, by_whom, note, incident_id, via, created_at)
        SELECT i.portal_id, $2, 'sự cố ' || i.id, i.id, $3, $4 FROM incident i WHERE i.id = $1
        ON CONFLICT (incident_id) WHERE incident_id IS NOT NULL DO NOTHING
        RETURNING portal_id, by_whom, created_at""";
    return pool.preparedQuery(insert).execute(Tuple.of(incidentId, by, via, at.atOffset(java.time.ZoneOffset.UTC)))
        .compose(rows -> rows.size() > 0 ? Future.succeededFuture(ack(incidentId, rows.iterator().next(), true))
            : existing(incidentId).compose(a -> a == null
                ? Future.failedFuture(new java.util.NoSuchElementException("no incident " + incidentId))
                : Future.succeededFuture(a)));
  }

  /** An incident as the confirmation page describes it. */
  public record Opened(String portalId, Instant start, Instant end) {}

  /** The incident, or null when there is none with this id. */
  public Future<Opened> incident(String incidentId) {
    return pool.preparedQuery("SELECT portal_id, started_at, ended_at FROM incident WHERE id = $1")
        .execute(Tuple.of(incidentId)).map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row r = rows.iterator().next();
          OffsetDateTime end = r.getOffsetDateTime("ended_at");
          return new Opened(r.getString("portal_id"), r.getOffsetDateTime("started_at").toInstant(),
              end == null ? null : end.toInstant());
        });
  }

  /** The incident's acknowledgement, or null. */
  public Future<Ack> existing(String incidentId) {
    return pool.preparedQuery("SELECT portal_id, by_whom, created_at FROM acknowledgement WHERE incident_id = $1")
        .execute(Tuple.of(incidentId))
        .map(rows -> rows.size() == 0 ? null : ack(incidentId, rows.iterator().next(), false));
  }

  private static Ack ack(String incidentId, Row r, boolean created) {
    OffsetDateTime at = r.getOffsetDateTime("created_at");
    return new Ack(incidentId, r.getString("portal_id"), r.getString("by_whom"), at.toInstant(), created);
  }
}
