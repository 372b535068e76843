package vn.dvcwatch.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.status.VantageVote;

/**
 * Every node tells every node what its vantage sees: it publishes its {@link VantageReport} on the
 * clustered event bus every {@code every} and at once when asked ({@link #publishNow}, on a local status
 * change), and keeps the newest report of each vantage, its times moved onto the local clock. The leader
 * votes on these; any node can show them (a portal's {@code vantages}). A vantage that stops reporting
 * simply ages out of the vote's window.
 *
 * <p>Runs on the context it was started on; {@link #ballots} and {@link #vantages} may be read from any thread.
 */
public final class VantageExchange {
  public static final String ADDRESS = "dvc.cluster.vantage";
  private static final Logger LOG = LoggerFactory.getLogger(VantageExchange.class);

  private final Vertx vertx;
  private final Duration every;
  private final Supplier<VantageReport> local;
  private final Clock clock;
  private final Map<String, VantageReport> latest = new ConcurrentHashMap<>();
  private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private MessageConsumer<JsonObject> consumer;
  private long timer = -1;

  public VantageExchange(Vertx vertx, Duration every, Supplier<VantageReport> local, Clock clock) {
    this.vertx = vertx;
    this.every = every;
    this.local = local;
    this.clock = clock;
  }

  /** Listens, and publishes this vantage's report now and every {@code every}. */
  public Future<Void> start() {
    consumer = vertx.eventBus().<JsonObject>consumer(ADDRESS, m -> receive(m.body()));
    return consumer.completion().onSuccess(x -> {
      timer = vertx.setPeriodic(every.toMillis(), id -> publishNow());
      publishNow();
    });
  }

  /** {@code listener} runs on this exchange's context after every report received (this node's own too). */
  public void onReport(Runnable listener) {
    listeners.add(listener);
  }

  public void publishNow() {
    VantageReport r = local.get();
    if (r != null) {
      vertx.eventBus().publish(ADDRESS, r.toJson());
    }
  }

  private void receive(JsonObject body) {
    VantageReport r;
    try {
      r = VantageReport.fromJson(body).receivedAt(clock.instant());
    } catch (RuntimeException e) {
      LOG.warn("unreadable vantage report ignored: {}", e.toString());
      return;
    }
    latest.put(r.vantage(), r);
    listeners.forEach(Runnable::run);
  }

  /** What each vantage last said of one portal: the vote's input. */
  public List<VantageVote.Report> ballots(String portalId) {
    List<VantageVote.Report> out = new ArrayList<>();
    for (VantageReport r : latest.values()) {
      VantageReport.Seen s = r.portals().get(portalId);
      if (s != null) {
        out.add(new VantageVote.Report(r.vantage(), s.status(), s.cause(), s.checkedAt(), r.abstains()));
      }
    }
    return out;
  }

  /** The earliest first failure that one of {@code failing} confirmed for the portal, null when none did. */
  public Instant downSince(String portalId, List<String> failing) {
    Instant earliest = null;
    for (String v : failing) {
      VantageReport r = latest.get(v);
      VantageReport.Seen s = r == null ? null : r.portals().get(portalId);
      if (s != null && s.downSince() != null && (earliest == null || s.downSince().isBefore(earliest))) {
        earliest = s.downSince();
      }
    }
    return earliest;
  }

  /**
   * A portal's {@code vantages} object: each vantage's own status of it and when it last checked it, by
   * vantage name ({@code {"hanoi": {"status": "DOWN", "checkedAt": "..."}}}); an abstaining vantage's
   * status is shown as it sees it, with {@code abstains: true}.
   */
  public JsonObject vantages(String portalId) {
    JsonObject out = new JsonObject();
    latest.values().stream().sorted(java.util.Comparator.comparing(VantageReport::vantage)).forEach(r -> {
      VantageReport.Seen s = r.portals().get(portalId);
      if (s != null) {
        JsonObject v = new JsonObject().put("status", s.status().name()).put("checkedAt", s.checkedAt().toString());
        if (r.abstains()) {
          v.put("abstains", true);
        }
        out.put(r.vantage(), v);
      }
    });
    return out;
  }

  /** The vantages heard from, and when their latest report arrived. */
  public Map<String, Instant> heard() {
    Map<String, Instant> out = new java.util.TreeMap<>();
    latest.forEach((v, r) -> out.put(v, r.at()));
    return out;
  }

  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }
}
