package vn.dvcwatch.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HTTP request that carries one outbox row to one channel: URL, headers and body. Pure (the time of the
 * signature is given), so the formats are tested as tables and the receiver's verification against the same code.
 *
 * @param url where to POST; carries the channel's token for Slack, Teams and Telegram, so it is never shown
 */
record ChannelMessage(String url, Map<String, String> headers, String body) {
  static final String TIMESTAMP = "X-DvcWatch-Timestamp";
  static final String SIGNATURE = "X-DvcWatch-Signature";
  static final String DELIVERY = "X-DvcWatch-Delivery";
  /** Telegram refuses longer messages. */
  static final int TELEGRAM_MAX = 4096;

  static ChannelMessage of(ChannelSettings.Channel ch, Outbox.Claimed row, Instant now) {
    String text = chat(row);
    return switch (ch.type()) {
      case WEBHOOK -> webhook(ch, row, now);
      case SLACK -> json(ch.url().toString(), new JsonObject().put("text", text));
      case TEAMS -> json(ch.url().toString(), new JsonObject().put("type", "message").put("attachments", new JsonArray()
          .add(new JsonObject().put("contentType", "application/vnd.microsoft.card.adaptive").putNull("contentUrl")
              .put("content", new JsonObject().put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                  .put("type", "AdaptiveCard").put("version", "1.4").put("body", new JsonArray()
                      .add(new JsonObject().put("type", "TextBlock").put("text", row.subject()).put("weight", "Bolder")
                          .put("size", "Medium").put("wrap", true))
                      .add(new JsonObject().put("type", "TextBlock").put("text", body(text, row.subject()))
                          .put("wrap", true)))))));
      case TELEGRAM -> json(telegramUrl(ch), new JsonObject().put("chat_id", ch.chatId())
          .put("text", text.length() > TELEGRAM_MAX ? text.substring(0, TELEGRAM_MAX - 1) + "…" : text)
          .put("disable_web_page_preview", true));
      case EMAIL -> throw new IllegalArgumentException("email goes through SMTP");
    };
  }

  /**
   * The text of a chat message: the alert's own chat text (subject, facts, links; docs/ALERTS.md), or for a row
   * written before it existed, the subject and the email text without the mail's footer.
   */
  static String chat(Outbox.Claimed row) {
    if (row.chat() != null) {
      return row.chat();
    }
    String text = row.text() == null ? "" : row.text();
    int footer = text.indexOf(Letter.SIGNATURE);
    return (row.subject() + "\n\n" + (footer < 0 ? text : text.substring(0, footer))).stripTrailing();
  }

  /** The chat text below its first line when that is the subject (Teams shows the subject as the card's title). */
  private static String body(String text, String subject) {
    return text.startsWith(subject) ? text.substring(subject.length()).strip() : text;
  }

  static String telegramUrl(ChannelSettings.Channel ch) {
    String base = ch.url().toString();
    return (base.endsWith("/") ? base : base + "/") + "bot" + ch.secret() + "/sendMessage";
  }

  private static ChannelMessage json(String url, JsonObject body) {
    return new ChannelMessage(url, Map.of("Content-Type", "application/json; charset=utf-8"), body.encode());
  }

  /**
   * The generic webhook: the alert as JSON, signed with HMAC-SHA256 over {@code <timestamp>.<body>} (the
   * timestamp in Unix seconds, sent in {@link #TIMESTAMP}); the id in {@link #DELIVERY} lets a receiver drop the
   * rare second copy (docs/ALERTS.md).
   */
  private static ChannelMessage webhook(ChannelSettings.Channel ch, Outbox.Claimed row, Instant now) {
    String body = new JsonObject().put("id", row.alertKey()).put("kind", row.kind()).put("portal", row.portalId())
        .put("subject", row.subject()).put("text", row.text())
        .put("createdAt", row.createdAt() == null ? null : row.createdAt().toString()).encode();
    String ts = Long.toString(now.getEpochSecond());
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/json; charset=utf-8");
    h.put(TIMESTAMP, ts);
    h.put(SIGNATURE, "sha256=" + sign(ch.secret(), ts, body));
    h.put(DELIVERY, row.alertKey());
    return new ChannelMessage(ch.url().toString(), h, body);
  }

  /** Lower-case hex of HMAC-SHA256(key, timestamp + "." + body), the body as UTF-8 bytes. */
  static String sign(String key, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() { // the URL carries tokens
    return "ChannelMessage[" + body.length() + " chars]";
  }
}
