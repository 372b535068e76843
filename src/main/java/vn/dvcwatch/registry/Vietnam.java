package vn.dvcwatch.registry;

import java.time.ZoneId;

/**
 * Vietnam's time (UTC+7, no daylight saving), the one clock of the fleet's calendar: the day a portal
 * retires, the day of a rollup, the month of an SLA, the hour of the digest, the time in a mail.
 */
public final class Vietnam {
  public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  private Vietnam() {}
}
