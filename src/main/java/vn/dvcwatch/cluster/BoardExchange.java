package vn.dvcwatch.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's board, published to every node (docs/CLUSTER.md, "Every node serves the leader's board"). The
 * board is a map of one JSON entry per portal (what the app puts in it: its score, grade, rank, scorecard and
 * voted status); this class neither reads nor shapes the entries.
 *
 * <p><b>The leader</b> publishes, at most once a {@link #TICK} and only after {@link #changed()}, the entries that
 * differ from what it last published (and the portals removed), at most {@link #BYTES_PER_TICK} of them a tick: what
 * is left goes on the next tick, starting where this one stopped, so a large fleet whose every entry changed is
 * published over several seconds instead of in one burst, and no entry waits behind others for ever. Each message
 * carries the publisher's {@code source} (node and start), a sequence number and the number before it, and
 * {@code synced} when nothing is left to send.
 *
 * <p><b>A follower</b> applies the messages in order. A message it cannot place (from another source, or after a gap)
 * makes it ask the leader ({@link #ASK}); the leader then starts over with a {@code reset}: everything is sent again
 * within the same byte budget, the follower gathers it aside and switches to it at the next {@code synced} message,
 * serving what it had meanwhile. A node that becomes leader resets at once, so every follower serves the new leader's
 * board as soon as it has it all. A node that has not yet had a whole board from the leader has none to serve
 * ({@link #state()} is null): it serves its own, and says so.
 *
 * <p>Runs on the context it was started on; {@link #state()} may be read from any thread.
 */
public final class BoardExchange {
  public static final String ADDRESS = "dvc.cluster.board";
  public static final String ASK = "dvc.cluster.board.ask";
  static final Duration TICK = Duration.ofSeconds(1);
  /** The most the leader publishes a second: 83 portals' whole board (~250 KB) fits in one tick. */
  static final int BYTES_PER_TICK = 512 * 1024;
  private static final int ENTRIES_PER_MESSAGE = 100;
  private static final Duration ASK_EVERY = Duration.ofSeconds(2);
  private static final Logger LOG = LoggerFactory.getLogger(BoardExchange.class);

  /**
   * The leader's board as this follower has it.
   *
   * @param leader the node that published it
   * @param entries one entry per portal
   * @param synced false while this node knows it has missed part of the leader's newer board (it asked for it again)
   * @param at when the last message of it arrived
   * @param version grows with every change (a reader may cache what it built from an older one)
   */
  public record State(String leader, Map<String, JsonObject> entries, boolean synced, Instant at, long version) {}

  private final Vertx vertx;
  private final String source;
  private final String node;
  private final BooleanSupplier leads;
  private final Supplier<Map<String, JsonObject>> board;
  private final Clock clock;
  private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  // the leader's side
  private final Map<String, JsonObject> published = new HashMap<>();
  private boolean dirty;
  private boolean resetAsked;
  private boolean leading;
  private long seq;
  private String cursor = "";
  // the follower's side
  private String from;
  private String fromNode;
  private long lastSeq;
  private Map<String, JsonObject> entries;
  private Map<String, JsonObject> staging;
  private boolean synced;
  private Instant askedAt = Instant.EPOCH;
  private long version;
  private volatile State state;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private long timer = -1;

  /**
   * @param leads whether this node leads now
   * @param board the board now (called on this exchange's context, only while leading and something changed)
   */
  public BoardExchange(Vertx vertx, String node, BooleanSupplier leads, Supplier<Map<String, JsonObject>> board,
      Clock clock) {
    this.vertx = vertx;
    this.node = node;
    this.source = node + "@" + clock.millis();
    this.leads = leads;
    this.board = board;
    this.clock = clock;
  }

  public Future<Void> start() {
    consumers.add(vertx.eventBus().<JsonObject>consumer(ADDRESS, m -> receive(m.body())));
    consumers.add(vertx.eventBus().<JsonObject>consumer(ASK, m -> {
      if (!source.equals(m.body().getString("source"))) {
        resetAsked = true;
      }
    }));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).onSuccess(x -> {
      timer = vertx.setPeriodic(TICK.toMillis(), id -> tick());
      ask(); // a node that joins a running cluster asks for the whole board at once
    }).mapEmpty();
  }

  /** The board changed (an evaluation, a voted status): the leader publishes the difference at the next tick. */
  public void changed() {
    dirty = true;
  }

  /** {@code listener} runs on this exchange's context after the leader's board changed here. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /** The leader's board as this node last had it whole; null while leading, and before the first whole one. */
  public State state() {
    return leads.getAsBoolean() ? null : state;
  }

  void tick() {
    if (!leads.getAsBoolean()) {
      leading = false;
      return;
    }
    if (!leading) {
      leading = true;
      resetAsked = true; // a new leader: every follower takes its board whole
      from = null;
      entries = null;
      staging = null;
      state = null;
    }
    if (resetAsked) {
      resetAsked = false;
      published.clear();
      cursor = "";
      send(new JsonObject().put("reset", true), List.of(), false, true);
      dirty = true;
    }
    if (dirty) {
      dirty = false;
      publishDifference();
    }
  }

  private void publishDifference() {
    Map<String, JsonObject> now = board.get();
    List<String> removed = published.keySet().stream().filter(id -> !now.containsKey(id)).sorted().toList();
    removed.forEach(published::remove);
    // changed entries in id order, starting after where the last tick stopped
    TreeSet<String> ids = new TreeSet<>(now.keySet());
    List<String> order = new ArrayList<>(ids.tailSet(cursor, false));
    order.addAll(ids.headSet(cursor, true));
    List<String> changed = new ArrayList<>();
    JsonObject chunk = new JsonObject();
    int bytes = 0;
    boolean left = false;
    for (String id : order) {
      JsonObject e = now.get(id);
      if (Objects.equals(published.get(id), e)) {
        continue;
      }
      int size = e.encode().length();
      if (bytes + size > BYTES_PER_TICK && bytes > 0) {
        left = true;
        break;
      }
      bytes += size;
      chunk.put(id, e);
      changed.add(id);
      published.put(id, e);
      cursor = id;
      if (chunk.size() == ENTRIES_PER_MESSAGE) {
        send(new JsonObject().put("entries", chunk), List.of(), false, false);
        chunk = new JsonObject();
      }
    }
    send(new JsonObject().put("entries", chunk), removed, !left, true);
    dirty |= left;
  }

  private void send(JsonObject m, List<String> removed, boolean syncedAfter, boolean always) {
    if (!always && m.getJsonObject("entries", new JsonObject()).isEmpty()) {
      return;
    }
    long prev = seq++;
    vertx.eventBus().publish(ADDRESS, m.put("source", source).put("node", node).put("seq", seq).put("prev", prev)
        .put("removed", new JsonArray(removed)).put("synced", syncedAfter));
  }

  private void receive(JsonObject m) {
    String src = m.getString("source");
    if (source.equals(src) || leads.getAsBoolean()) {
      return; // this node's own board, or a deposed leader's late message
    }
    long s = m.getLong("seq");
    long prev = m.getLong("prev");
    if (m.getBoolean("reset", false)) {
      from = src;
      fromNode = m.getString("node");
      staging = new HashMap<>();
    } else if (!src.equals(from) || prev != lastSeq) {
      if (synced || !src.equals(from)) {
        LOG.info("board of {} missed (message {} after {}): asking for it whole", m.getString("node"), s, lastSeq);
      }
      synced = false;
      if (entries != null) {
        publishState(false);
      }
      ask();
      return;
    }
    lastSeq = s;
    Map<String, JsonObject> into = staging != null ? staging : entries;
    if (into == null) {
      return;
    }
    m.getJsonObject("entries", new JsonObject()).forEach(e -> into.put(e.getKey(), (JsonObject) e.getValue()));
    m.getJsonArray("removed", new JsonArray()).forEach(into::remove);
    boolean whole = m.getBoolean("synced", false);
    if (staging != null && whole) {
      entries = staging;
      staging = null;
      synced = true;
      LOG.info("serving the board of leader {} ({} portals)", fromNode, entries.size());
    } else if (whole && staging == null) {
      synced = true;
    }
    if (staging == null) {
      publishState(synced);
    }
  }

  private void publishState(boolean inSync) {
    state = new State(fromNode, Map.copyOf(entries), inSync, clock.instant(), ++version);
    listeners.forEach(Runnable::run);
  }

  private void ask() {
    Instant now = clock.instant();
    if (now.isBefore(askedAt.plus(ASK_EVERY))) {
      return;
    }
    askedAt = now;
    vertx.eventBus().publish(ASK, new JsonObject().put("source", source).put("node", node));
  }

  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }
}
