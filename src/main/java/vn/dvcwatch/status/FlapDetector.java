package vn.dvcwatch.status;


/**
 * Nagios-style flap detection: over the last 21 checks, the share of state changes, newer changes weighing
 * more (0.8 for the oldest to 1.2 for the newest). Flapping starts above {@code high} percent and stops
 * below {@code low}, so the verdict itself does not flap.
 */
final class FlapDetector {
  static final int WINDOW = 21;
  static final double HIGH = 50.0;
  static final double LOW = 25.0;

  private final boolean[] states = new boolean[WINDOW];
  private int count;
  private int next;
  private boolean flapping;

  /** Adds one check's state; returns true when the flapping verdict changed. */
  boolean add(boolean ok) {
    if (count == 0) {
      java.util.Arrays.fill(states, ok); // like Nagios: an empty history is the current state, unchanged
    }
    states[next] = ok;
    next = (next + 1) % WINDOW;
    count = Math.min(count + 1, WINDOW);
    double change = percentChange();
    boolean was = flapping;
    if (!flapping && change > HIGH) {
      flapping = true;
    } else if (flapping && change < LOW) {
      flapping = false;
    }
    return was != flapping;
  }

  boolean flapping() {
    return flapping;
  }

  /** Marks a portal that was flapping before a restart; the history will confirm or end it. */
  void assumeFlapping() {
    flapping = true;
  }

  double percentChange() {
    double weighted = 0;
    for (int i = 1; i < WINDOW; i++) {
      boolean older = states[(next + i - 1) % WINDOW];
      boolean newer = states[(next + i) % WINDOW];
      if (older != newer) {
        weighted += 0.8 + (i - 1) * (0.4 / (WINDOW - 2));
      }
    }
    return weighted * 100.0 / (WINDOW - 1);
  }
}
