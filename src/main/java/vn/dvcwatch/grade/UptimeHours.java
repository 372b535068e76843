package vn.dvcwatch.grade;

/**
 * Up-time of one page in per-hour buckets over the last 30 days: seconds observed and seconds up per
 * hour, each probe weighted by the time it stands for (the gap since the previous probe, at most one
 * probe interval). Weighting by time rather than by count keeps the 10-second confirmation retries
 * during an outage from counting the outage three times. A {@code char} array of seconds observed (an
 * hour has at most 3600 seconds) keeps a page's 30 days in 1.4 KB; seconds down are kept the same way,
 * but only while some hour of the window had downtime: most pages have none for weeks, and at 10,000
 * portals that second array would be 29 MB of zeros.
 */
final class UptimeHours {
  static final int HOURS = 720;

  private final char[] observed = new char[HOURS];
  /** Seconds down per hour; null while no hour of the window had any. */
  private char[] down;
  /** Hours of the window with downtime, so {@link #down} can be let go when the last one leaves. */
  private int hoursWithDowntime;
  private long newestHour = Long.MIN_VALUE;

  /** Adds {@code seconds} of observation to the hour {@code epochHour}; ignored when older than 30 days. */
  void add(long epochHour, int seconds, int upSeconds) {
    if (!advanceTo(epochHour)) {
      return;
    }
    int slot = slot(epochHour);
    observed[slot] = saturate(observed[slot] + seconds);
    int downSeconds = seconds - upSeconds;
    if (downSeconds > 0) {
      if (down == null) {
        down = new char[HOURS];
      }
      if (down[slot] == 0) {
        hoursWithDowntime++;
      }
      down[slot] = saturate(down[slot] + downSeconds);
    }
  }

  private boolean advanceTo(long epochHour) {
    if (newestHour == Long.MIN_VALUE) {
      newestHour = epochHour;
      return true;
    }
    if (epochHour > newestHour) {
      long clear = Math.min(HOURS, epochHour - newestHour);
      for (long h = epochHour - clear + 1; h <= epochHour; h++) {
        int slot = slot(h);
        observed[slot] = 0;
        if (down != null && down[slot] != 0) {
          down[slot] = 0;
          hoursWithDowntime--;
        }
      }
      if (hoursWithDowntime == 0) {
        down = null;
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
        int slot = slot(h);
        seen += observed[slot];
        upSeconds += observed[slot] - (down == null ? 0 : Math.min(down[slot], observed[slot]));
      }
    }
    return new long[] {seen, upSeconds};
  }

  /** Whether a seconds-down array is held (for the memory test: none while the window had no downtime). */
  boolean holdsDowntime() {
    return down != null;
  }
}
