package vn.dvcwatch.alert;

/**
 * A rendered alert: subject, plain-text body and HTML body of the email (every value in the HTML already escaped),
 * and the short plain text of a chat message ({@code chat}, null: none of its own).
 */
public record AlertText(String subject, String text, String html, String chat) {
  public AlertText(String subject, String text, String html) {
    this(subject, text, html, null);
  }
}
