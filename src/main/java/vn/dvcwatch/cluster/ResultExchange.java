package vn.dvcwatch.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.result.HeaderPosture;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.PagePosture;
import vn.dvcwatch.result.Phases;
import vn.dvcwatch.result.PostureJson;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.result.TlsPosture;

/**
 * Every vantage's probe results on every node (docs/CLUSTER.md, "Grading from every vantage"): each node publishes
 * the results it takes, in compact batches, on the clustered event bus ({@link #ADDRESS}), and every other node
 * hands them to {@code remote}, which adds them to its scoring windows. So every node's windows hold the probes of
 * every vantage, and a node that becomes leader grades the whole fleet from windows it has kept all along.
 *
 * <p>The postures (TLS, headers, page) are most of a result's size and rarely change: a sender includes them only
 * when they differ from the last it sent for that page, or that was sent more than {@link #POSTURE_REFRESH} ago,
 * and otherwise says {@code same}; the receiver then puts back the last postures it got for the page from that
 * node, so every received result is whole. Runs on the context it was started on; {@link #share} must be called
 * there too.
 */
public final class ResultExchange {
  public static final String ADDRESS = "dvc.cluster.results";
  /** Results are sent in batches at most this far apart (and a received one is windowed that much later). */
  static final Duration BATCH_EVERY = Duration.ofMillis(500);
  /** A sender repeats unchanged postures this often, so a node that joined late has them within minutes. */
  static final Duration POSTURE_REFRESH = Duration.ofMinutes(10);
  private static final Logger LOG = LoggerFactory.getLogger(ResultExchange.class);

  /** Where a result of another vantage goes. */
  public interface Remote {
    /**
     * @param abstains the sending vantage suspected its own network when it took the result (docs/CLUSTER.md)
     */
    void accept(ProbeResult result, String vantage, boolean abstains);
  }

  /** A page's postures as records (a few hundred bytes; JSON only on the wire), and when they were last sent. */
  private record Postures(TlsPosture tls, HeaderPosture headers, PagePosture page, Instant sent) {
    static final Postures NONE = new Postures(null, null, null, Instant.EPOCH);

    boolean same(Postures o) {
      return Objects.equals(tls, o.tls) && Objects.equals(headers, o.headers) && Objects.equals(page, o.page);
    }
  }

  private final Vertx vertx;
  private final String node;
  private final String vantage;
  private final Remote remote;
  /** The postures this node last sent per page ({@code portal\0target}). */
  private final Map<String, Postures> sent = new HashMap<>();
  /** The postures last received per sending node and page ({@code node\0portal\0target}). */
  private final Map<String, Postures> received = new HashMap<>();
  private JsonArray batch = new JsonArray();
  private MessageConsumer<JsonObject> consumer;
  private long timer = -1;

  public ResultExchange(Vertx vertx, String node, String vantage, Remote remote) {
    this.vertx = vertx;
    this.node = node;
    this.vantage = vantage;
    this.remote = remote;
  }

  public Future<Void> start() {
    consumer = vertx.eventBus().<JsonObject>consumer(ADDRESS, m -> receive(m.body()));
    return consumer.completion().onSuccess(x -> timer = vertx.setPeriodic(BATCH_EVERY.toMillis(), id -> flush()));
  }

  /** Queues one of this vantage's results for the other nodes (sent with the next batch). */
  public void share(ProbeResult r, boolean abstains, Instant now) {
    Postures p = new Postures(r.tls(), r.headers(), r.page(), now);
    String page = r.portalId() + '\0' + r.target().name();
    Postures last = sent.get(page);
    JsonObject o = encode(r).put("abstains", abstains);
    if (last != null && last.same(p) && last.sent().plus(POSTURE_REFRESH).isAfter(now)) {
      o.put("same", true);
    } else {
      o.put("tls", PostureJson.tls(p.tls())).put("headers", PostureJson.headers(p.headers()))
          .put("page", PostureJson.page(p.page()));
      sent.put(page, p);
    }
    batch.add(o);
  }

  /** Forgets the pages of portals no longer in the fleet. */
  public void retain(java.util.Set<String> portals) {
    sent.keySet().removeIf(k -> !portals.contains(k.substring(0, k.indexOf('\0'))));
    received.keySet().removeIf(k -> {
      String rest = k.substring(k.indexOf('\0') + 1);
      return !portals.contains(rest.substring(0, rest.indexOf('\0')));
    });
  }

  private void flush() {
    if (batch.isEmpty()) {
      return;
    }
    JsonArray out = batch;
    batch = new JsonArray();
    vertx.eventBus().publish(ADDRESS, new JsonObject().put("node", node).put("vantage", vantage).put("results", out));
  }

  private void receive(JsonObject m) {
    String from = m.getString("node");
    if (node.equals(from)) {
      return; // this node's own results went to its windows when they were taken
    }
    String v = m.getString("vantage");
    for (Object item : m.getJsonArray("results", new JsonArray())) {
      try {
        JsonObject o = (JsonObject) item;
        String page = from + '\0' + o.getString("portal") + '\0' + o.getString("target");
        Postures p;
        if (o.getBoolean("same", false)) {
          p = received.getOrDefault(page, Postures.NONE); // none: joined after the page's postures were last sent
        } else {
          p = new Postures(PostureJson.tls(o.getJsonObject("tls")), PostureJson.headers(o.getJsonObject("headers")),
              PostureJson.page(o.getJsonObject("page")), Instant.EPOCH);
          received.put(page, p);
        }
        remote.accept(decode(o, p), v, o.getBoolean("abstains", false));
      } catch (RuntimeException e) {
        LOG.warn("unreadable probe result from {} ignored: {}", from, e.toString());
      }
    }
  }

  static JsonObject encode(ProbeResult r) {
    Phases ph = r.phases() == null ? Phases.NONE : r.phases();
    return new JsonObject().put("portal", r.portalId()).put("target", r.target().name()).put("url", r.url())
        .put("at", r.startedAt().toEpochMilli()).put("outcome", r.outcome().name()).put("cause", r.cause())
        .put("status", r.status()).put("phases", r.phases() == null ? null
            : new JsonArray().add(ph.dns()).add(ph.connect()).add(ph.tls()).add(ph.ttfb()).add(ph.transfer()).add(ph.total()))
        .put("redirects", r.redirects()).put("bytes", r.bytes()).put("warmup", r.warmup());
  }

  private static ProbeResult decode(JsonObject o, Postures p) {
    JsonArray ph = o.getJsonArray("phases");
    Phases phases = ph == null ? null
        : new Phases(ph.getDouble(0), ph.getDouble(1), ph.getDouble(2), ph.getDouble(3), ph.getDouble(4), ph.getDouble(5));
    return new ProbeResult(o.getString("portal"), Target.valueOf(o.getString("target")), o.getString("url"),
        Instant.ofEpochMilli(o.getLong("at")), Outcome.valueOf(o.getString("outcome")), o.getString("cause"),
        o.getInteger("status"), phases, o.getInteger("redirects", 0), o.getLong("bytes", 0L), p.tls(), p.headers(),
        p.page(), o.getBoolean("warmup", false));
  }

  /** Sends what is queued and stops listening. */
  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
      flush();
    }
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }
}
