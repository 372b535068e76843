package vn.dvcwatch.alert;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One alert as the public portal page shows it: what and when, never to whom.
 *
 * @param state {@code sent} (every recipient has it), {@code pending}, or {@code suppressed}
 */
public record AlertSummary(AlertKind kind, String subject, Instant createdAt, Instant sentAt, String state,
    String suppressedReason) {

  public JsonObject toJson() {
    return new JsonObject().put("kind", kind.label()).put("subject", subject)
        .put("createdAt", createdAt.toString()).put("sentAt", sentAt == null ? null : sentAt.toString())
        .put("state", state).put("suppressedReason", suppressedReason);
  }
}
