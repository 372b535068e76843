package vn.dvcwatch.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The loopback ports of the demo's simulated portals ({@code --sim-base-port}, two per portal) and what to
 * say when they cannot be had. Inside the kernel's ephemeral range outgoing connections (the prober's own,
 * PostgreSQL's clients) take ports at random, so a bind there fails now and then: such a base is refused
 * before anything starts, and a port found in use names the flag and the range to choose from.
 */
public final class SimPorts {
  private static final Path RANGE_FILE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  // Linux's default, for systems without the file
  private static final int[] DEFAULT_EPHEMERAL = {32768, 60999};
  private static final int LOWEST = 1024;

  private SimPorts() {}

  /** The kernel's ephemeral range, {@code [low, high]}. */
  static int[] ephemeral() {
    try {
      String[] parts = Files.readString(RANGE_FILE).trim().split("\\s+");
      return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    } catch (IOException | RuntimeException e) {
      return DEFAULT_EPHEMERAL.clone();
    }
  }

  /** Base ports below the ephemeral range that leave room for {@code portals} portals, as "1024–32600". */
  static String safeRange(int portals) {
    return LOWEST + "–" + (ephemeral()[0] - 2 * portals);
  }

  private static String ports(int base, int portals) {
    return base + "–" + (base + 2 * portals - 1);
  }

  /** Why {@code base} cannot serve {@code portals} portals, or empty when it can. */
  public static Optional<String> problem(int base, int portals) {
    int[] eph = ephemeral();
    long last = base + 2L * portals - 1;
    if (base < LOWEST || last > 65_535) {
      return Optional.of("--sim-base-port " + base + " leaves no room for " + portals
          + " portals (two ports each, below 65536); choose a base port in " + safeRange(portals));
    }
    if (last >= eph[0] && base <= eph[1]) {
      return Optional.of("--sim-base-port " + base + ": ports " + ports(base, portals) + " overlap the kernel's"
          + " ephemeral range " + eph[0] + "–" + eph[1] + ", where outgoing connections take ports at random;"
          + " choose a base port in " + safeRange(portals) + " (the default is 20000)");
    }
    return Optional.empty();
  }

  /** The message for a simulated portal's port found in use ({@code cause} names it). */
  static String inUse(int base, int portals, Throwable cause) {
    return "--sim-base-port " + base + ": " + cause.getMessage() + ". The simulated portals need ports "
        + ports(base, portals) + " free on 127.0.0.1; choose another base port in " + safeRange(portals)
        + " whose range is free (ss -ltn lists the ports in use)";
  }
}
