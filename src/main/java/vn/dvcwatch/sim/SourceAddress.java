package vn.dvcwatch.sim;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A client address as the simulator compares it: an IP literal in its canonical text ("127.0.0.2"). */
final class SourceAddress {
  private SourceAddress() {}

  /** The canonical text of an IP literal; a host name or anything else is refused (no DNS lookup). */
  static String canonical(String ip) {
    String v = ip == null ? "" : ip.trim();
    if (!v.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
      throw new IllegalArgumentException("not an IP address: \"" + v + "\"");
    }
    try {
      return InetAddress.getByName(v).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: \"" + v + "\"", e);
    }
  }
}
