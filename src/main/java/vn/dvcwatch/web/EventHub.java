package vn.dvcwatch.web;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one fan-out hub behind {@code GET /api/v1/events}. Every event is encoded once and written to
 * every client; a ring of recent events lets a reconnecting client replay exactly what it missed.
 * Events are public, so they go through {@link PublicJson} like every other public body.
 * Fan-out must never hold the publisher or the other clients hostage, so a client whose write queue
 * is full (it stopped reading) is dropped instead of buffered, and connections are capped per address
 * and in total.
 *
 * <p>All client and ring state lives on one context (the one that created the hub); {@link #publish}
 * may be called from any thread and hops onto it. Streams live on the event loops of the web listeners;
 * an event is handed to each loop once, and that loop writes it to its own streams, so the fan-out runs
 * on every core and no write crosses threads. Event ids start from the clock, so ids issued after
 * a restart never repeat earlier ones: a client that saw the previous process gets a fresh snapshot,
 * never somebody else's events.
 *
 * <p>In a cluster ({@link #clustered}) every node serves one stream, the leader's: the leader issues the ids
 * and publishes each event on the clustered event bus, and every other node's hub relays it with the same
 * id, so a client may reconnect to any node with its {@code Last-Event-ID}. Each relayed event names the id
 * before it ({@code prev}); a node that sees one it did not have (it missed events, or a new leader missed
 * some of the old one's) restarts its ring there, so a client behind that point gets a fresh snapshot, never a
 * replay with a hole. A node that takes over the lead continues after the newest id it knows, and never below
 * the clock ({@code millis × 1000}, like a fresh start), so no id is ever issued twice by two leaders. A
 * follower's own events (its probes, its grades) are not streamed: the stream is the leader's
 * (docs/CLUSTER.md).
 */
public final class EventHub {
  /** How long a snapshot frame may be reused for newcomers (the events after it are replayed). */
  private static final long SNAPSHOT_REUSE_NANOS = Duration.ofSeconds(1).toNanos();
  /**
   * How much a client may fall behind before it counts as stalled: a few hundred ordinary events, and
   * the bound on what one stalled client can cost before it is dropped.
   */
  private static final int QUEUE_HEADROOM = 256 * 1024;
  private static final Buffer HEARTBEAT = CachedBody.offHeap(Buffer.buffer(": hb\n\n"));
  /** Prefixed to the first frame (no blank line of its own, so it is part of that event, not an empty one). */
  private static final String RETRY = "retry: 3000\n";
  /** How often the probes of the last period are sent as one coalesced {@code checked} event. */
  static final Duration CHECKED_EVERY = Duration.ofSeconds(20);
  private static final int RECENT = 100;

  private final Vertx vertx;
  private final Context context;
  private final Supplier<JsonObject> snapshot;
  private final int maxPerAddress;
  private final int maxClients;

  private final Object idLock = new Object();
  private final ArrayDeque<Queued> pending = new ArrayDeque<>(); // guarded by idLock
  private long lastId; // guarded by idLock
  /** Null alone; in a cluster, whether this node leads now (guarded by idLock, as the two below). */
  private BooleanSupplier leads;
  private Consumer<JsonObject> outbound;
  private boolean ledLast;
  private final RecentEvents recent = new RecentEvents(RECENT); // guarded by idLock

  // Hub context only.
  private final EventRing ring;
  /** The open streams, by the event loop that owns each. */
  private final Map<Context, Set<Client>> byLoop = new HashMap<>();
  private final Map<String, Integer> perAddress = new HashMap<>();
  private SseFrame snapshotFrame;
  private long snapshotAt;
  private long timerId = -1;
  private long checkedTimerId = -1;

  private volatile int clientCount;
  private final AtomicLong dropped = new AtomicLong();

  public EventHub(Vertx vertx, Supplier<JsonObject> snapshot, int ringSize, int maxPerAddress, int maxClients) {
    if (ringSize < 1 || maxPerAddress < 1 || maxClients < 1) {
      throw new IllegalArgumentException("ringSize, maxPerAddress and maxClients must be positive");
    }
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.snapshot = snapshot;
    this.maxPerAddress = maxPerAddress;
    this.maxClients = maxClients;
    this.lastId = System.currentTimeMillis() * 1000;
    this.ring = new EventRing(ringSize, lastId);
  }

  /** Starts the heartbeats that keep proxies from closing quiet streams and reveal stalled clients. */
  public void start(Duration heartbeat) {
    onHub(() -> {
      if (timerId < 0) {
        timerId = vertx.setPeriodic(heartbeat.toMillis(), t -> beat());
        checkedTimerId = vertx.setPeriodic(CHECKED_EVERY.toMillis(), t -> publishChecked());
      }
    });
  }

  /** The clustered event bus address of the leader's events. */
  public static final String CLUSTER_ADDRESS = "dvc.cluster.events";

  /**
   * Queues an event for every client; returns its id. Safe from any thread. In a cluster, only the leader's
   * events are streamed (and sent to the other nodes); a follower's are dropped and get -1.
   */
  public long publish(String event, JsonObject data) {
    synchronized (idLock) {
      if (leads != null && !leads.getAsBoolean()) { // a follower: drop before copying and encoding (every probe)
        ledLast = false;
        return -1;
      }
    }
    JsonObject clean = PublicJson.strip(data);
    String json = clean.encode();
    long id;
    synchronized (idLock) {
      long prev = lastId; // before a take-over's jump: the other nodes continue from the same event
      if (leads != null) {
        if (!leads.getAsBoolean()) {
          ledLast = false;
          return -1;
        }
        if (!ledLast) { // taking over: after every id this node knows, and never below the clock
          ledLast = true;
          lastId = Math.max(lastId, System.currentTimeMillis() * 1000 - 1);
        }
      }
      id = ++lastId;
      pending.add(new Queued(SseFrame.of(id, event, json), false));
      recent.add(id, event, clean);
      if (outbound != null) { // under the lock, so the other nodes receive the ids in order
        outbound.accept(new JsonObject().put("prev", prev).put("id", id).put("event", event).put("data", clean));
      }
    }
    onHub(this::drain);
    return id;
  }

  /**
   * Makes this hub one node's of a cluster: while {@code leads} says so it issues the ids and publishes its
   * events on {@code bus}; otherwise it relays what the leader publishes there. Safe from any thread.
   */
  public Future<Void> clustered(EventBus bus, BooleanSupplier leads) {
    synchronized (idLock) {
      this.leads = leads;
      this.outbound = m -> bus.publish(CLUSTER_ADDRESS, m);
      // From now on the ids are the leaders'. This node's own (its start clock) could lie above a running
      // leader's; until the first relayed event its ring is at 0, so every client gets a snapshot.
      lastId = 0;
      pending.add(new Queued(null, true));
    }
    onHub(this::drain);
    return bus.<JsonObject>consumer(CLUSTER_ADDRESS, m -> relay(m.body())).completion();
  }

  /** One of the leader's events ({@code prev, id, event, data}), streamed here with the leader's id. */
  void relay(JsonObject m) {
    long id = m.getLong("id");
    long prev = m.getLong("prev");
    String event = m.getString("event");
    JsonObject data = m.getJsonObject("data");
    synchronized (idLock) {
      if (leads != null && leads.getAsBoolean()) {
        return; // this node's own event, back from the bus
      }
      ledLast = false;
      if (id <= lastId) {
        return; // had it already, or a deposed leader's late event (a new leader's ids are above)
      }
      boolean gap = prev != lastId;
      lastId = id;
      pending.add(new Queued(SseFrame.of(id, event, data.encode()), gap));
      recent.add(id, event, data);
    }
    onHub(this::drain);
  }

  /**
   * The probes since the last period as one {@code checked} event ({@code {portals: {id: at}}}): pages that
   * only show "last checked" ask {@code ?probes=0} and get this instead of every probe (a few KB a minute
   * instead of megabytes an hour).
   */
  void publishChecked() {
    JsonObject checked;
    synchronized (idLock) {
      checked = recent.takeChecked();
    }
    if (checked != null) {
      publish("checked", new JsonObject().put("portals", checked));
    }
  }

  /** The latest status, grade, rank and incident events, newest first (for a page that has just opened). */
  public JsonArray recentChanges() {
    synchronized (idLock) {
      return recent.changes();
    }
  }

  public int clientCount() {
    return clientCount;
  }

  public long droppedCount() {
    return dropped.get();
  }

  public long lastEventId() {
    synchronized (idLock) {
      return lastId;
    }
  }

  /** Ends every stream and stops the heartbeats. */
  public void stop() {
    onHub(() -> {
      if (timerId >= 0) {
        vertx.cancelTimer(timerId);
        vertx.cancelTimer(checkedTimerId);
        timerId = -1;
      }
      byLoop.values().forEach(streams -> streams.forEach(c -> c.response.end()));
      byLoop.clear();
      perAddress.clear();
      clientCount = 0;
    });
  }

  /**
   * Takes over an {@code /api/v1/events} request: 429 beyond the per-address cap, 503 beyond the
   * global one, else the stream, starting with what the client missed (by {@code Last-Event-ID} or
   * the {@code lastEventId} query parameter) or a fresh snapshot.
   */
  void attach(HttpServerRequest request) {
    String raw = request.getHeader("Last-Event-ID");
    if (raw == null) {
      raw = request.getParam("lastEventId");
    }
    Long since = parseId(raw);
    String address = request.remoteAddress() == null ? "?" : request.remoteAddress().hostAddress();
    Context loop = Vertx.currentContext();
    boolean probes = !"0".equals(request.getParam("probes"));
    Client client = new Client(request.response(), request.connection(), address, loop == null ? context : loop, probes);
    // The close handler is set before hopping, so a close can never slip in unseen.
    client.response.closeHandler(v -> onHub(() -> remove(client)));
    onHub(() -> admit(client, since));
  }

  private void admit(Client client, Long since) {
    HttpServerResponse res = client.response;
    if (res.closed()) {
      return;
    }
    if (perAddress.getOrDefault(client.address, 0) >= maxPerAddress) {
      refuse(client, 429, "too many event streams from this address");
      return;
    }
    if (clientCount >= maxClients) {
      refuse(client, 503, "too many event streams");
      return;
    }
    res.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache, no-transform")
        .putHeader("X-Accel-Buffering", "no")
        // Never compressed (the server compresses other responses): events must leave as they are written.
        .putHeader("Content-Encoding", "identity");
    Buffer first = Buffer.buffer(RETRY);
    List<SseFrame> missed = ring.since(since);
    if (missed == null) {
      SseFrame snap = snapshotFrame();
      first.appendBuffer(snap.bytes());
      missed = ring.since(snap.id()); // what happened since that snapshot was taken
    }
    missed.stream().filter(f -> client.probes || !f.probe()).forEach(f -> first.appendBuffer(f.bytes()));
    // Room for the first write plus a burst of events: a client is slow, not stalled, until that is full.
    res.setWriteQueueMaxSize(first.length() + QUEUE_HEADROOM);
    res.write(first);
    byLoop.computeIfAbsent(client.loop, l -> new LinkedHashSet<>()).add(client);
    perAddress.merge(client.address, 1, Integer::sum);
    clientCount++;
  }

  /**
   * A snapshot carries the newest delivered id when taken. It is reused for newcomers for up to a
   * second (with the events since then replayed after it), so a crowd connecting while events flow
   * does not cost a snapshot each.
   */
  private SseFrame snapshotFrame() {
    long now = System.nanoTime();
    if (snapshotFrame == null || now - snapshotAt > SNAPSHOT_REUSE_NANOS || ring.since(snapshotFrame.id()) == null) {
      snapshotFrame = SseFrame.of(ring.lastId(), "snapshot", PublicJson.strip(snapshot.get()).encode());
      snapshotAt = now;
    }
    return snapshotFrame;
  }

  private void drain() {
    while (true) {
      Queued q;
      synchronized (idLock) {
        q = pending.poll();
      }
      if (q == null) {
        return;
      }
      SseFrame f = q.frame();
      if (f == null) {
        ring.restart(0);
        continue;
      }
      if (q.gap()) {
        ring.restart(f);
      } else {
        ring.add(f);
      }
      broadcast(f.bytes(), f.probe());
    }
  }

  private void beat() {
    broadcast(HEARTBEAT, false);
  }

  /** Hands the bytes to each loop that owns streams, with a snapshot of its streams. */
  private void broadcast(Buffer bytes, boolean probe) {
    for (Map.Entry<Context, Set<Client>> e : byLoop.entrySet()) {
      Client[] streams = e.getValue().toArray(new Client[0]);
      if (e.getKey() == context) {
        writeAll(streams, bytes, probe);
      } else {
        e.getKey().runOnContext(v -> writeAll(streams, bytes, probe));
      }
    }
  }

  /** On the streams' own loop: write, or drop a stream that stopped reading. */
  private void writeAll(Client[] streams, Buffer bytes, boolean probe) {
    List<Client> stalled = null;
    for (Client c : streams) {
      if (c.cut || c.response.closed() || c.response.ended() || (probe && !c.probes)) {
        continue; // closed: its close handler is on its way to the hub
      }
      if (c.response.writeQueueFull()) {
        if (stalled == null) {
          stalled = new ArrayList<>();
        }
        stalled.add(c);
      } else {
        c.response.write(bytes);
      }
    }
    if (stalled != null) {
      for (Client c : stalled) {
        c.cut = true; // batches already queued for this loop still list it
        dropped.incrementAndGet();
        onHub(() -> remove(c));
        c.connection.close();
      }
    }
  }

  private void remove(Client c) {
    Set<Client> mates = byLoop.get(c.loop);
    if (mates != null && mates.remove(c)) {
      if (mates.isEmpty()) {
        byLoop.remove(c.loop);
      }
      perAddress.computeIfPresent(c.address, (k, n) -> n <= 1 ? null : n - 1);
      clientCount--;
    }
  }

  /** Refuses and closes: a flood of refused connections must not stay open either. */
  private void refuse(Client client, int status, String why) {
    client.response.setStatusCode(status)
        .putHeader("Retry-After", "10")
        .putHeader("Connection", "close")
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(new JsonObject().put("error", why).encode())
        .onComplete(v -> client.connection.close());
  }

  private void onHub(Runnable task) {
    OwnerContext.run(context, task);
  }

  private static Long parseId(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A frame on its way to the ring; {@code gap}: this node missed the leader's events just before it. */
  private record Queued(SseFrame frame, boolean gap) {}

  /** One open stream; identity equality, so two streams from one address are two clients. */
  private static final class Client {
    final HttpServerResponse response;
    final HttpConnection connection;
    final String address;
    final Context loop;
    /** False when the client asked for {@code ?probes=0}: it gets the coalesced {@code checked} events only. */
    final boolean probes;
    /** Dropped for not reading; touched only on its own loop. */
    boolean cut;

    Client(HttpServerResponse response, HttpConnection connection, String address, Context loop, boolean probes) {
      this.response = response;
      this.connection = connection;
      this.address = address;
      this.loop = loop;
      this.probes = probes;
    }
  }
}
