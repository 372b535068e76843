package vn.dvcwatch.sim;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * One line of a scenario: at {@code at} after start, do something to one portal, for {@code lasting}
 * (null: until the fleet stops). Exactly one of mode, flap, delay and certificate is set.
 *
 * @param flap half-period of a flap: down for this long, up for this long, ...
 * @param from the source address the event applies to ("127.0.0.3": one vantage's connections only, a
 *     regional outage); null: every connection
 * @param line where the event is written, for messages
 */
public record ScenarioEvent(Duration at, String portal, SimMode mode, Duration flap, Duration delay,
    CertPosture certificate, Duration lasting, String from, int line) {

  /** How the manifest records the event. */
  JsonObject describe() {
    JsonObject o = new JsonObject().put("atMs", at.toMillis());
    if (mode != null) {
      o.put("mode", FleetFiles.label(mode));
    }
    if (flap != null) {
      o.put("flapMs", flap.toMillis());
    }
    if (delay != null) {
      o.put("delayMs", delay.toMillis());
    }
    if (certificate != null) {
      o.put("certificate", certificate.label());
    }
    if (from != null) {
      o.put("from", from);
    }
    return o.put("forMs", lasting == null ? null : lasting.toMillis());
  }
}
