package vn.dvcwatch.alert;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A real SMTP server (GreenMail) on a fixed loopback port, so that it can be stopped and started again. */
final class Mailbox implements AutoCloseable {
  final int port;
  private GreenMail server;

  Mailbox() {
    try {
      port = vn.dvcwatch.testkit.LowPorts.one(); // started again on it after a stop
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Mailbox start() {
    server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return this;
  }

  void stop() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  List<MimeMessage> messages() {
    return server == null ? List.of() : List.of(server.getReceivedMessages());
  }

  /** Waits up to 10 s for at least {@code n} messages. */
  List<MimeMessage> await(int n) {
    server.waitForIncomingEmail(10_000, n);
    return messages();
  }

  /** Subjects of the messages addressed to {@code to}, in the order they arrived. */
  List<String> subjectsFor(String to) {
    List<String> out = new ArrayList<>();
    for (MimeMessage m : messages()) {
      try {
        for (var a : m.getRecipients(Message.RecipientType.TO)) {
          if (a.toString().equalsIgnoreCase(to)) {
            out.add(m.getSubject());
          }
        }
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  /** The decoded body part of the given MIME type ("text/plain" or "text/html"). */
  static String part(Part p, String mime) {
    try {
      if (p.isMimeType(mime)) {
        return (String) p.getContent();
      }
      if (p.isMimeType("multipart/*")) {
        Multipart mp = (Multipart) p.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
          BodyPart b = mp.getBodyPart(i);
          String found = part(b, mime);
          if (found != null) {
            return found;
          }
        }
      }
      return null;
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
