package vn.dvcwatch.alert;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** One outbox row, for the admin API only: it names the recipient and the SMTP server's last answer. */
public record AlertDelivery(long id, String alertKey, AlertKind kind, String portalId, String recipient, String subject,
    String state, String suppressedReason, int attempts, Instant createdAt, Instant sentAt, Instant nextAttemptAt,
    String lastError) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("alertKey", alertKey).put("kind", kind.label()).put("portalId", portalId)
        .put("recipient", recipient).put("subject", subject).put("state", state)
        .put("suppressedReason", suppressedReason).put("attempts", attempts)
        .put("createdAt", createdAt.toString()).put("sentAt", sentAt == null ? null : sentAt.toString())
        .put("nextAttemptAt", nextAttemptAt == null ? null : nextAttemptAt.toString()).put("lastError", lastError);
  }
}
