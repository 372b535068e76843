package vn.dvcwatch.grade;

/**
 * Up-time of one page in per-hour buckets over the last 30 days: seconds observed and seconds up per
 * hour, each probe weighted by the time it stands for (the gap since the previous probe, at most one
 * probe interval). Weighting by time rather than by count keeps the 10-second confirmation retries
 * during an outage from counting the outage three times. Two {@code char} arrays (an hour has at most
 * 3600 seconds) keep a portal's 30 days in under 6 KB.
 */
final class UptimeHours {
  static final int HOURS = 720;

  private final char[] observed = new char[HOURS];
  private final char[] up = new char[HOURS];
  private long newestHour = Long.MIN_VALUE;

  /** Adds {@code seconds} of observation to the hour {@code epochHour}; ignored when older than 30 days. */
  void add(long epochHour, int seconds, int upSeconds) {
    if (!advanceTo(epochHour)) {
      return;
    }
    int slot = slot(epochHour);
    observed[slot] = saturate(observed[slot] + seconds);
    up[slot] = saturate(up[slot] + upSeconds);
  }

  private boolean advanceTo(long epochHour) {
    if (newestHour == Long.MIN_VALUE) {
      newestHour = epochHour;
      return true;
    }
    if (epochHour > newestHour) {
      long clear = Math.min(HOURS, epochHour - newestHour);
      for (long h = epochHour - clear + 1; h <= epochHour; h++) {
        observed[slot(h)] = 0;
        up[slot(h)] = 0;
      }
      newestHour = epochHour;
      return true;
    }
    return epochHour > newestHour - HOURS;
  }

  private static int slot(long epochHour) {
    return (int) Math.floorMod(epochHour, (long) HOURS);
  }

  private static char saturate(int v) {
    return (char) Math.min(Character.MAX_VALUE, Math.max(0, v));
  }

  /** Seconds observed and up in the {@code hours} hours ending with {@code nowHour}: {observed, up}. */
  long[] sum(long nowHour, int hours) {
    long seen = 0;
    long upSeconds = 0;
    if (newestHour != Long.MIN_VALUE) {
      long from = Math.max(nowHour - hours + 1, newestHour - HOURS + 1);
      long to = Math.min(nowHour, newestHour);
      for (long h = from; h <= to; h++) {
        seen += observed[slot(h)];
        upSeconds += up[slot(h)];
      }
    }
    return new long[] {seen, upSeconds};
  }
}
