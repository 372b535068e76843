package vn.dvcwatch.sim;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Plays a scenario against a running fleet with Vert.x timers, every one of them cancelled on stop. */
final class ScenarioRunner {
  private static final Logger log = LoggerFactory.getLogger(ScenarioRunner.class);

  private final Vertx vertx;
  private final SimFleet fleet;
  private final Set<Long> timers = ConcurrentHashMap.newKeySet();
  private volatile boolean stopped;

  ScenarioRunner(Vertx vertx, SimFleet fleet) {
    this.vertx = vertx;
    this.fleet = fleet;
  }

  void start(Scenario scenario) {
    for (ScenarioEvent e : scenario.events()) {
      at(e.at(), () -> fire(e));
    }
  }

  void stop() {
    stopped = true;
    timers.forEach(vertx::cancelTimer);
    timers.clear();
  }

  private void fire(ScenarioEvent e) {
    String id = e.portal();
    log.info("scenario ({}:{}): {} {}", fleet.scenario().file(), e.line(), id, e.describe().encode());
    if (e.mode() != null) {
      setMode(id, e.from(), e.mode());
      after(e, () -> setMode(id, e.from(), SimMode.NORMAL));
    } else if (e.delay() != null) {
      setDelay(id, e.from(), e.delay());
      after(e, () -> setDelay(id, e.from(), Duration.ZERO));
    } else if (e.certificate() != null) {
      certificate(id, e.certificate());
      after(e, () -> certificate(id, fleet.posture(id).cert()));
    } else if (e.flap() != null) {
      flap(id, e.from(), e.flap(), e.lasting());
    }
  }

  /** For every connection, or for those from one source address only ({@code from} not null). */
  private void setMode(String id, String from, SimMode mode) {
    if (from == null) {
      fleet.setMode(id, mode);
    } else {
      fleet.setMode(id, from, mode);
    }
  }

  private void setDelay(String id, String from, Duration delay) {
    if (from == null) {
      fleet.setDelay(id, delay);
    } else {
      fleet.setDelay(id, from, delay);
    }
  }

  private void certificate(String id, CertPosture certificate) {
    fleet.setCertificate(id, certificate)
        .onFailure(err -> log.warn("scenario: cannot switch the certificate of {}: {}", id, err.getMessage()));
  }

  /** Down for one half-period, up for the next, and so on; up for good when the flap ends. */
  private void flap(String id, String from, Duration half, Duration lasting) {
    long halves = Math.max(1, lasting.toMillis() / half.toMillis());
    for (long k = 0; k < halves; k++) {
      SimMode mode = k % 2 == 0 ? SimMode.REFUSED : SimMode.NORMAL;
      Runnable toggle = () -> setMode(id, from, mode);
      if (k == 0) {
        toggle.run();
      } else {
        at(half.multipliedBy(k), toggle);
      }
    }
    at(lasting, () -> setMode(id, from, SimMode.NORMAL));
  }

  private void after(ScenarioEvent e, Runnable undo) {
    if (e.lasting() != null) {
      at(e.lasting(), undo);
    }
  }

  private void at(Duration delay, Runnable action) {
    if (stopped) {
      return;
    }
    AtomicLong id = new AtomicLong();
    id.set(vertx.setTimer(Math.max(1, delay.toMillis()), t -> {
      timers.remove(id.get());
      if (!stopped) {
        action.run();
      }
    }));
    timers.add(id.get());
  }
}
