package vn.dvcwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.dvcwatch.sim.SimMode;
import vn.dvcwatch.testkit.Poll;

/**
 * The web side of a leader's death, in separate JVMs (docs/RELIABILITY.md, C6): three whole watchdog nodes ({@code run}
 * with a cluster section, started as {@code demo --vantages} starts them) share one PostgreSQL and probe one simulated
 * fleet; every node has an SSE client on {@code /api/v1/events}. A portal fails from the two followers' vantages: the
 * leader decides DOWN and every stream carries that decision with one id. Then the leader is killed with SIGKILL. A
 * survivor leads within 15 s; the survivors' clients keep their streams, with ids that go up by one from event to event
 * except for the one jump of the leader change, and the same events from the new leader on both; the new leader
 * restores the open incident and neither reopens nor closes it, then decides the recovery. The killed node's clients
 * move: one to a survivor at once (the {@code Last-Event-ID} header, as a browser's EventSource reconnects), one to the
 * other survivor after the recovery (the {@code lastEventId} parameter, as the board reconnects); each gets exactly the
 * events the survivor's own client got after its last id, across the leader change, without a gap or a duplicate. In
 * the database: one incident, opened once and closed once, and one DOWN transition.
 */
@Timeout(300)
class LeaderKillStreamDrillTest {
  private static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final int PORTALS = 8;
  private static final Duration FAILOVER = Duration.ofSeconds(15);
  private static final Duration WITHIN = Duration.ofSeconds(60);
  /** Every vantage reports every 2 s, and the leader votes on each report (docs/CLUSTER.md, "One verdict"). */
  private static final Duration TWO_REPORT_ROUNDS = Duration.ofSeconds(4);
  /** The hub's replay ring (stream.replay, default): a client further behind gets a snapshot by design. */
  private static final int RING = 1000;
  /** What a node logs once it leads and has restored the decided statuses and open incidents (ClusterVerdicts). */
  private static final Pattern DECIDING = Pattern.compile(
      "leader with epoch (\\d+): \\d+ statuses and (\\d+) open incidents restored; deciding in (\\d+) ms");
  @TempDir Path dir;
  private ClusterFixture bench;
  private ClusterJvms jvms;
  private final List<Sse> streams = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final long began = System.nanoTime();

  @AfterEach
  void stop() throws Exception {
    streams.forEach(Sse::close);
    if (jvms != null) {
      jvms.close();
    }
    if (bench != null) {
      bench.close();
    }
  }

  @Test
  void killingTheLeaderLosesNoEventOfAnyStreamAndNeitherLosesNorReopensTheIncident() throws Exception {
    bench = ClusterFixture.start(PORTALS, dir);
    jvms = ClusterJvms.plan(3, bench, dir, """
          interval: %ds
          deadline: 2s
          connectTimeout: 2s
          retryInterval: 1s
          confirmDown: 2
          confirmUp: 2
          fleetFailureRatio: 0.95   # the drawn postures refuse some certificates: no vantage should abstain here
        """.formatted(INTERVAL.toSeconds()), "leader-kill");
    jvms.startFirst(3);
    say("three nodes serve the web");
    Poll.await("one leader seen by three members", () -> {
      int l = leader(List.of(0, 1, 2));
      return l >= 0 && cluster(l).getJsonArray("members").size() == 3;
    }, WITHIN, Duration.ofMillis(200));
    int old = leader(List.of(0, 1, 2));
    long oldEpoch = cluster(old).getLong("epoch");
    List<Integer> survivors = new ArrayList<>(List.of(0, 1, 2));
    survivors.remove(Integer.valueOf(old));
    String portal = DemoCluster.regionalPortal(bench.sim.portals());
    Poll.await(portal + " UP from v1, v2 and v3", () -> {
      JsonObject p = get(old, "/api/v1/portals/" + portal);
      JsonObject v = p.getJsonObject("vantages", new JsonObject());
      return "UP".equals(p.getString("status")) && v.size() == 3
          && v.stream().allMatch(e -> "UP".equals(((JsonObject) e.getValue()).getString("status")));
    }, WITHIN, Duration.ofMillis(200));
    Instant since = Instant.now(); // an earlier incident of the portal (a cold start's timeouts) started before this
    say("n" + (old + 1) + " leads with epoch " + oldEpoch + "; " + portal + " is UP from every vantage");

    Sse[] live = new Sse[3];
    for (int i = 0; i < 3; i++) {
      live[i] = open("live-n" + (i + 1), i, "", null);
    }
    Sse moved = open("moved", old, "?probes=0", null);
    Sse away = open("away", old, "?probes=0", null);
    for (Sse s : live) {
      s.await("a leader's event after the snapshot", e -> !e.is("snapshot"));
    }

    // the two followers' vantages are refused: 2 of 3, the leader decides DOWN, every stream has it with one id
    for (int s : survivors) {
      bench.sim.setMode(portal, jvms.node(s).source(), SimMode.REFUSED);
    }
    long down = live[old].await("DOWN of " + portal, e -> e.status(portal, "DOWN")).id();
    for (Sse s : List.of(live[survivors.get(0)], live[survivors.get(1)], moved, away)) {
      assertThat(s.await("DOWN of " + portal, e -> e.status(portal, "DOWN")).id()).as(s.name).isEqualTo(down);
    }
    Poll.await("its incident stored", () -> count("SELECT count(*) FROM incident WHERE portal_id = ? AND started_at >= ?",
        portal, since) == 1, WITHIN, Duration.ofMillis(200));
    say(portal + " DOWN (event " + down + "), its incident stored");

    // kill -9 of the leader
    long killedAt = System.currentTimeMillis();
    long newIds = killedAt * 1000; // the next leader's ids start above its clock (millis × 1000); the old one's are below
    jvms.kill(old);
    say("n" + (old + 1) + " (pid " + jvms.pid(old) + ") killed");
    moved.awaitEnd();
    away.awaitEnd();
    long seenByMoved = moved.lastId();
    long seenByAway = away.lastId();
    // EventSource reconnects with the Last-Event-ID header; the load balancer sends it to another node
    Sse resumed = open("resumed-n" + (survivors.get(0) + 1), survivors.get(0), "?probes=0", seenByMoved);

    int next = -1;
    long deadline = System.nanoTime() + FAILOVER.toNanos();
    while (next < 0 && System.nanoTime() < deadline) {
      next = leader(survivors);
      Thread.sleep(next < 0 ? 100 : 0);
    }
    double failover = (System.currentTimeMillis() - killedAt) / 1000.0;
    assertThat(next).as("a survivor leads within " + FAILOVER.toSeconds() + " s").isGreaterThanOrEqualTo(0);
    long newEpoch = cluster(next).getLong("epoch");
    assertThat(newEpoch).as("the new leader's epoch").isGreaterThan(oldEpoch);
    say("n" + (next + 1) + " leads with epoch " + newEpoch + ", " + failover + " s after the kill");

    // the new leader restores the open incident and, once it decides, keeps it: nothing is streamed of the portal
    Path leaderLog = jvms.node(next).log();
    Poll.await("n" + (next + 1) + " restored the decided statuses", () -> restored(leaderLog, newEpoch) != null, WITHIN,
        Duration.ofMillis(200));
    Matcher m = restored(leaderLog, newEpoch);
    assertThat(Integer.parseInt(m.group(2))).as("open incidents the new leader restored").isPositive();
    Thread.sleep(Long.parseLong(m.group(3)) + TWO_REPORT_ROUNDS.toMillis()); // it has decided twice since it acts
    for (int s : survivors) {
      assertThat(live[s].after(down).stream().filter(e -> e.is("status") && portal.equals(e.portal())).toList())
          .as("status events of %s after its DOWN on n%d, before the recovery", portal, s + 1).isEmpty();
    }
    assertThat(get(next, "/api/v1/portals/" + portal).getString("status")).isEqualTo("DOWN");
    assertThat(count("SELECT count(*) FROM incident WHERE portal_id = ? AND started_at >= ? AND ended_at IS NULL",
        portal, since)).as("the incident, still open").isEqualTo(1);
    say("n" + (next + 1) + " decides and keeps " + portal + " DOWN");

    // the recovery, decided by the new leader, reaches both survivors' streams with one id
    for (int s : survivors) {
      bench.sim.setMode(portal, jvms.node(s).source(), SimMode.NORMAL);
    }
    Predicate<Event> recovered = e -> e.id() > down && e.status(portal, "UP");
    long up = live[next].await("UP of " + portal, recovered).id();
    assertThat(up).as("an id of the new leader's").isGreaterThan(newIds);
    for (int s : survivors) {
      assertThat(live[s].await("UP of " + portal, recovered).id()).as("on n" + (s + 1)).isEqualTo(up);
    }
    say(portal + " UP (event " + up + ", decided by n" + (next + 1) + ")");

    // the survivors' own clients: one unbroken stream each, the old leader's ids then the new leader's, and the new
    // leader's events the same on both nodes
    for (int s : survivors) {
      assertThat(live[s].ended).as("the client of n%d is still connected", s + 1).isFalse();
      assertUnbroken(live[s].upTo(up), newIds, "n" + (s + 1));
    }
    assertThat(ids(newLeadersEvents(live[survivors.get(0)], newIds, up)))
        .as("the new leader's events, on n%d and n%d", survivors.get(0) + 1, survivors.get(1) + 1)
        .isEqualTo(ids(newLeadersEvents(live[survivors.get(1)], newIds, up)))
        .isNotEmpty();

    // the killed node's clients, each on a survivor: exactly what that survivor's own client got after its last id
    resumed.await("UP of " + portal, e -> e.id() == up);
    Sse late = open("away-n" + (survivors.get(1) + 1), survivors.get(1), "?probes=0&lastEventId=" + seenByAway, null);
    late.await("UP of " + portal, e -> e.id() == up);
    String path1 = assertResumed(resumed, seenByMoved, live, survivors.get(0), next, newIds, up);
    String path2 = assertResumed(late, seenByAway, live, survivors.get(1), next, newIds, up);

    // the database: one incident, opened once, closed once; one DOWN transition
    Poll.await("the incident closed", () -> count("SELECT count(*) FROM incident WHERE portal_id = ? AND started_at >= ?"
        + " AND ended_at IS NOT NULL", portal, since) == 1, WITHIN, Duration.ofMillis(200));
    assertThat(count("SELECT count(*) FROM incident WHERE portal_id = ? AND started_at >= ?", portal, since))
        .as("incidents of " + portal).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM status_transition WHERE portal_id = ? AND at >= ? AND to_status = 'DOWN'",
        portal, since)).as("DOWN transitions of " + portal).isEqualTo(1);
    say("failover " + failover + " s; the moved client: " + path1 + "; the late one: " + path2
        + "; one incident, one DOWN transition");
  }

  /**
   * A client of the killed node that reconnected to survivor {@code s} with {@code since}: it gets what the survivor's
   * own client got after {@code since} (its non-probe events), up to the recovery; a snapshot instead only where the
   * survivor cannot know what the client missed (it never had that id, or restarted its ring at the leader change
   * because it had not had the same last event of the old leader as the new leader), and then the events after it.
   */
  private String assertResumed(Sse client, long since, Sse[] live, int s, int next, long newIds, long up) {
    List<Event> got = client.upTo(up);
    Sse own = live[s];
    long lastOld = lastBefore(own, newIds);
    boolean ringKept = s == next || lastOld == lastBefore(live[next], newIds);
    boolean replay = since <= lastOld && ringKept && own.between(since, up).size() < RING;
    String where = client.name + " (from " + since + ")";
    if (!got.get(0).is("snapshot")) {
      assertThat(ids(got)).as(where + ": the replay and what followed, without a gap or a duplicate")
          .isEqualTo(ids(own.between(since, up).stream().filter(e -> !e.is("probe")).toList()));
      return "replayed " + got.size() + " events to the recovery";
    }
    assertThat(replay).as(where + ": a snapshot, although n" + (s + 1) + " had every event after " + since).isFalse();
    assertThat(ids(got.subList(1, got.size()))).as(where + ": the events after its snapshot")
        .isEqualTo(ids(own.between(got.get(0).id(), up).stream().filter(e -> !e.is("probe")).toList()));
    return "a snapshot (n" + (s + 1) + " did not have the old leader's last events), then " + (got.size() - 1) + " events";
  }

  /** Every id one above the one before, but for the one jump of the leader change (to {@code newIds} or above). */
  private static void assertUnbroken(List<Event> events, long newIds, String node) {
    List<Event> stream = events.stream().filter(e -> !e.is("snapshot")).toList();
    int jumps = 0;
    for (int i = 1; i < stream.size(); i++) {
      long before = stream.get(i - 1).id();
      long id = stream.get(i).id();
      if (before < newIds && id >= newIds) {
        jumps++;
      } else {
        assertThat(id).as("%s: the event after %d (%s)", node, before, stream.get(i).event()).isEqualTo(before + 1);
      }
    }
    assertThat(jumps).as(node + ": one leader change in the stream").isEqualTo(1);
  }

  /** The log line of the node leading with {@code epoch} that says what it restored, or null before it is written. */
  private static Matcher restored(Path log, long epoch) throws IOException {
    Matcher m = DECIDING.matcher(Files.readString(log));
    while (m.find()) {
      if (Long.parseLong(m.group(1)) == epoch) {
        return m;
      }
    }
    return null;
  }

  private static List<Event> newLeadersEvents(Sse s, long newIds, long up) {
    return s.upTo(up).stream().filter(e -> e.id() >= newIds).toList();
  }

  private static long lastBefore(Sse s, long newIds) {
    return s.events.stream().mapToLong(Event::id).filter(id -> id < newIds).max().orElse(-1);
  }

  private static List<String> ids(List<Event> events) {
    return events.stream().map(e -> e.id() + " " + e.event()).toList();
  }

  private void say(String what) {
    System.out.printf("leader-kill drill, %.1f s: %s (load average %s)%n", (System.nanoTime() - began) / 1e9, what,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private JsonObject get(int node, String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jvms.node(node).webPort()
        + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    return new JsonObject(r.body());
  }

  private JsonObject cluster(int node) throws IOException, InterruptedException {
    return get(node, "/health/ready").getJsonObject("cluster");
  }

  /** The one of {@code nodes} that says it leads, or -1 (a node that does not answer does not lead). */
  private int leader(List<Integer> nodes) throws InterruptedException {
    for (int i : nodes) {
      try {
        if ("leader".equals(cluster(i).getString("role"))) {
          return i;
        }
      } catch (IOException e) {
        // not answering now
      }
    }
    return -1;
  }

  private long count(String sql, String portal, Instant since) throws Exception {
    try (Connection c = bench.pg.getPostgresDatabase().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, portal);
      s.setTimestamp(2, Timestamp.from(since));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private Sse open(String name, int node, String query, Long lastEventId) {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jvms.node(node).webPort()
        + "/api/v1/events" + query));
    if (lastEventId != null) {
      req.header("Last-Event-ID", Long.toString(lastEventId));
    }
    Sse s = new Sse(name, req.build());
    streams.add(s);
    return s;
  }

  /** One server-sent event as a client reads it. */
  private record Event(long id, String event, JsonObject data) {
    boolean is(String name) {
      return name.equals(event);
    }

    String portal() {
      return data.getString("portal");
    }

    boolean status(String portal, String to) {
      return is("status") && portal.equals(portal()) && to.equals(data.getString("to"));
    }
  }

  /** One SSE client of a node, reading on a thread of its own: every event in order, and whether the stream ended. */
  private final class Sse implements AutoCloseable {
    final String name;
    final List<Event> events = new CopyOnWriteArrayList<>();
    volatile boolean ended;
    private volatile InputStream body;

    Sse(String name, HttpRequest request) {
      this.name = name;
      Thread reader = new Thread(() -> read(request), "sse-" + name);
      reader.setDaemon(true);
      reader.start();
    }

    private void read(HttpRequest request) {
      try {
        body = http.send(request, HttpResponse.BodyHandlers.ofInputStream()).body();
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        long id = -1;
        String event = null;
        String data = null;
        for (String line; (line = lines.readLine()) != null; ) {
          if (line.isEmpty()) {
            if (data != null) {
              events.add(new Event(id, event, new JsonObject(data)));
            }
            data = null;
          } else if (line.startsWith("id: ")) {
            id = Long.parseLong(line.substring(4));
          } else if (line.startsWith("event: ")) {
            event = line.substring(7);
          } else if (line.startsWith("data: ")) {
            data = line.substring(6);
          }
        }
      } catch (IOException e) {
        // the node went away, or the test closed the stream
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        ended = true;
      }
    }

    /** The first event (so far or within a minute) that matches. */
    Event await(String what, Predicate<Event> match) {
      Poll.await(name + ": " + what, () -> events.stream().anyMatch(match), WITHIN, Duration.ofMillis(50));
      return events.stream().filter(match).findFirst().orElseThrow();
    }

    void awaitEnd() {
      Poll.await(name + " ended", () -> ended, Duration.ofSeconds(10));
    }

    long lastId() {
      return events.get(events.size() - 1).id();
    }

    /** The events with an id above {@code id}. */
    List<Event> after(long id) {
      return events.stream().filter(e -> e.id() > id).toList();
    }

    /** The events after {@code id} up to the one with id {@code last}, that one included. */
    List<Event> between(long id, long last) {
      return upTo(last).stream().filter(e -> e.id() > id).toList();
    }

    /** The events up to the one with id {@code last}, that one included. */
    List<Event> upTo(long last) {
      List<Event> out = new ArrayList<>();
      for (Event e : events) {
        out.add(e);
        if (e.id() == last) {
          return out;
        }
      }
      throw new AssertionError(name + " never had event " + last);
    }

    @Override
    public void close() {
      InputStream b = body;
      if (b != null) {
        try {
          b.close();
        } catch (IOException e) {
          // closing anyway
        }
      }
    }
  }
}
