package vn.dvcwatch.status;

import java.time.Duration;
import java.time.Instant;
import vn.dvcwatch.result.Target;

/**
 * A confirmed outage of one portal: opened when it is confirmed DOWN, closed when it has recovered.
 * {@code start} is the time of the first failed probe of the confirming run, not of the confirmation,
 * so that downtime is not understated.
 */
public record Incident(String id, String portalId, Instant start, Instant end, String cause, Target target) {

  public boolean open() {
    return end == null;
  }

  public Incident close(Instant at) {
    return new Incident(id, portalId, start, at, cause, target);
  }

  public Duration length(Instant now) {
    return Duration.between(start, end == null ? now : end);
  }
}
