package vn.dvcwatch.alert;

import java.time.Instant;
import java.util.List;

/**
 * One alert, ready for the outbox. {@code idempotencyKey} is derived from the cause (for example
 * {@code down:<incidentId>}), so the same cause can never produce a second alert, even after a restart.
 *
 * @param portalId null for alerts about the watchdog itself and for digests
 * @param chatBody the short text for chat channels (null: the subject and the email text without its footer)
 */
public record Alert(
    String idempotencyKey,
    AlertKind kind,
    String portalId,
    List<String> recipients,
    String subject,
    String textBody,
    String htmlBody,
    Instant createdAt,
    String chatBody) {

  public Alert {
    recipients = List.copyOf(recipients);
  }

  /** An alert for email only (no chat text of its own). */
  public Alert(String idempotencyKey, AlertKind kind, String portalId, List<String> recipients, String subject,
      String textBody, String htmlBody, Instant createdAt) {
    this(idempotencyKey, kind, portalId, recipients, subject, textBody, htmlBody, createdAt, null);
  }

  static Alert of(String key, AlertKind kind, String portalId, List<String> recipients, AlertText text, Instant at) {
    return new Alert(key, kind, portalId, recipients, text.subject(), text.text(), text.html(), at, text.chat());
  }
}
