package vn.dvcwatch.alert;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The loop both senders share (email over SMTP, channels over HTTP): a pass over the outbox, then the next one at
 * once when the pass delivered something or after the poll interval; stopping lets the pass in flight finish (briefly)
 * before the sender's clients are closed. Whatever is still unsent stays claimed until its lease runs out.
 */
abstract class OutboxPoller extends VerticleBase {
  private final AtomicLong passes = new AtomicLong();
  private long timer = -1;
  private volatile boolean stopped;
  private Future<?> running = Future.succeededFuture();

  /** One pass; succeeds with whether anything was delivered (then the next pass starts at once). */
  abstract Future<Boolean> pass();

  private final AlertSettings settings;

  OutboxPoller(AlertSettings settings) {
    this.settings = settings;
  }

  /** Closes the sender's clients once the pass in flight is over. */
  abstract Future<?> closeClients();

  /**
   * A row claimed under an epoch this node no longer leads with (it froze or was deposed after the claim): not
   * sent, not given back (the next leader may be sending it already); it takes the row over under its own epoch.
   */
  static Future<Boolean> notLeading(Outbox.Claimed row) {
    org.slf4j.LoggerFactory.getLogger(OutboxPoller.class).warn(
        "alert {} not sent: claimed under leader epoch {}, which this node no longer holds; the leader sends it",
        row.id(), row.epoch());
    return Future.succeededFuture(false);
  }

  @Override
  public Future<?> start() {
    schedule(0);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    return running.timeout(5, TimeUnit.SECONDS).transform(x -> closeClients())
        .recover(err -> Future.succeededFuture());
  }

  boolean stopped() {
    return stopped;
  }

  /** Passes over the outbox finished since start: after one more, anything then due has been tried. */
  long passes() {
    return passes.get();
  }

  private void schedule(long delayMs) {
    if (!stopped) {
      timer = vertx.setTimer(Math.max(1, delayMs), id -> {
        Future<Boolean> pass = pass();
        running = pass;
        pass.onComplete(ar -> {
          passes.incrementAndGet();
          schedule(ar.succeeded() && ar.result() ? 0 : settings.pollInterval().toMillis());
        });
      });
    }
  }
}
