package vn.dvcwatch.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports below the kernel's ephemeral range (32768 and up), for a port a test picks now and binds later (a
 * cluster node started half a minute into a drill, a simulated portal). A port from {@code new ServerSocket(0)}
 * lies in that range, where any outgoing connection meanwhile (a probe, a database or cluster connection) may be
 * given it as its own source port, and the later bind fails: a node that did not start in a CI run.
 */
public final class LowPorts {
  private static final int LOW = 20_000;
  private static final int HIGH = 32_768;

  private LowPorts() {}

  /** The first of {@code count} consecutive ports that are all free now, from a random place below 32768. */
  public static int block(int count) throws IOException {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = LOW + random.nextInt(HIGH - LOW - count);
      if (allFree(base, count)) {
        return base;
      }
    }
    throw new IOException("no block of " + count + " free ports between " + LOW + " and " + HIGH);
  }

  /** {@code count} free ports (consecutive ones, as {@link #block} finds them). */
  public static int[] some(int count) throws IOException {
    int base = block(count);
    int[] ports = new int[count];
    for (int i = 0; i < count; i++) {
      ports[i] = base + i;
    }
    return ports;
  }

  /** One free port. */
  public static int one() throws IOException {
    return block(1);
  }

  private static boolean allFree(int base, int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int port = base; port < base + count; port++) {
        held.add(new ServerSocket(port)); // every address: a listener on any of them makes the port taken
      }
      return true;
    } catch (IOException taken) {
      return false;
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing a socket that listened on nothing yet: nothing to do
        }
      }
    }
  }
}
