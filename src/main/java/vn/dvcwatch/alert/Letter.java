package vn.dvcwatch.alert;

import java.util.ArrayList;
import java.util.List;

/**
 * The common shape of every alert email: a heading, a table of facts, a few sentences of advice and a
 * link. Renders the same content as plain text and as HTML, escaping every value in the HTML.
 */
final class Letter {
  private static final String FOOTER = "dvc-watch — giám sát Cổng Dịch vụ công. Email gửi tự động, vui lòng không trả lời.";
  /** The signature delimiter of the plain-text mail: what follows it is the mail's footer. */
  static final String SIGNATURE = "\n-- \n";
  static final String ACK_LABEL = "Xác nhận đã tiếp nhận sự cố (dừng chuyển cấp)";
  private final String subject;
  private final String heading;
  private final List<String[]> facts = new ArrayList<>();
  private final List<String> paragraphs = new ArrayList<>();
  private String link;
  private String linkLabel;
  private String ack;

  Letter(String subject, String heading) {
    this.subject = "[dvc-watch] " + subject;
    this.heading = heading;
  }

  Letter fact(String label, String value) {
    facts.add(new String[] {label, value});
    return this;
  }

  Letter say(String paragraph) {
    paragraphs.add(paragraph);
    return this;
  }

  Letter link(String url, String label) {
    this.link = url;
    this.linkLabel = label;
    return this;
  }

  /** The signed one-click acknowledgement link of an outage (null: none). */
  Letter ack(String url) {
    this.ack = url;
    return this;
  }

  AlertText render() {
    return new AlertText(subject, text(), html(), chat());
  }

  /**
   * The chat message: the subject, the facts and the links, one per line. No advice paragraphs (a chat is read at a
   * glance; the mail and the portal page carry them) and no mail footer: "do not reply to this email" is wrong
   * in a chat room. The acknowledgement link stays: whoever in the room takes the incident stops the escalation.
   */
  private String chat() {
    StringBuilder sb = new StringBuilder(subject).append('\n');
    for (String[] f : facts) {
      sb.append(f[0]).append(": ").append(f[1]).append('\n');
    }
    if (link != null) {
      sb.append(linkLabel).append(": ").append(link).append('\n');
    }
    if (ack != null) {
      sb.append(ACK_LABEL).append(": ").append(ack).append('\n');
    }
    return sb.toString().stripTrailing();
  }

  private String text() {
    StringBuilder sb = new StringBuilder(heading).append("\n\n");
    for (String[] f : facts) {
      sb.append(f[0]).append(": ").append(f[1]).append('\n');
    }
    for (String p : paragraphs) {
      sb.append('\n').append(p).append('\n');
    }
    if (link != null) {
      sb.append('\n').append(linkLabel).append(": ").append(link).append('\n');
    }
    if (ack != null) {
      sb.append('\n').append(ACK_LABEL).append(": ").append(ack).append('\n');
    }
    return sb.append(SIGNATURE).append(FOOTER).append('\n').toString();
  }

  private String html() {
    StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>")
        .append(VietnameseText.html(subject)).append("</title></head>\n<body style=\"font-family:sans-serif\">\n<h2>")
        .append(VietnameseText.html(heading)).append("</h2>\n");
    if (!facts.isEmpty()) {
      sb.append("<table>\n");
      for (String[] f : facts) {
        sb.append("<tr><th style=\"text-align:left;padding-right:1em\">").append(VietnameseText.html(f[0]))
            .append("</th><td>").append(VietnameseText.html(f[1])).append("</td></tr>\n");
      }
      sb.append("</table>\n");
    }
    for (String p : paragraphs) {
      sb.append("<p>").append(VietnameseText.html(p)).append("</p>\n");
    }
    if (link != null) {
      sb.append("<p><a href=\"").append(VietnameseText.html(link)).append("\">").append(VietnameseText.html(linkLabel))
          .append("</a></p>\n");
    }
    if (ack != null) {
      sb.append("<p><a href=\"").append(VietnameseText.html(ack)).append("\">").append(VietnameseText.html(ACK_LABEL))
          .append("</a></p>\n");
    }
    return sb.append("<p style=\"color:#666;font-size:smaller\">").append(VietnameseText.html(FOOTER))
        .append("</p>\n</body></html>\n").toString();
  }
}
