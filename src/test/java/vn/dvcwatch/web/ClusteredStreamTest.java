package vn.dvcwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Every node of a cluster streams the leader's events with the leader's ids (docs/CLUSTER.md): three real
 * web servers, each with its hub, joined by one event bus (the clustered bus's stand-in; the hubs use it
 * exactly as they use the clustered one). Which node leads is a flag here; the election is tested in the
 * cluster room.
 */
class ClusteredStreamTest {
  private static final class Node implements AutoCloseable {
    final WebFixture web = new WebFixture();
    final AtomicBoolean leads = new AtomicBoolean();

    Node(EventBus bus) {
      WebFixture.await(web.hub.clustered(bus, leads::get));
    }

    long publish(String event, String portal, int n) {
      return web.hub.publish(event, new JsonObject().put("portal", portal).put("n", n));
    }

    /** Until this node's hub has relayed {@code id}. */
    void awaitId(long id) throws InterruptedException {
      for (int i = 0; i < 200 && web.hub.lastEventId() < id; i++) {
        Thread.sleep(25);
      }
      assertThat(web.hub.lastEventId()).isEqualTo(id);
    }

    SseStream stream(String lastEventId) {
      return new SseStream(web.vertx, web.port, lastEventId);
    }

    @Override
    public void close() {
      web.close();
    }
  }

  private static List<String> ids(SseStream sse, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(sse.next().id());
    }
    return out;
  }

  @Test
  void aStatusChangeDecidedByTheLeaderReachesAFollowersStreamWithTheSameId() throws Exception {
    try (Node a = new Node(Vertxs.bus()); Node b = new Node(Vertxs.bus())) {
      a.leads.set(true);
      try (SseStream onA = a.stream(null); SseStream onB = b.stream(null)) {
        assertThat(onA.next().name()).isEqualTo("snapshot");
        assertThat(onB.next().name()).isEqualTo("snapshot");
        assertThat(b.publish("grade", "ha-noi", 0)).as("a follower's own event is not streamed").isEqualTo(-1);
        long id = a.web.hub.publish("status", new JsonObject().put("portal", "ha-noi").put("from", "UP").put("to", "DOWN"));
        SseStream.Event fromA = onA.next();
        SseStream.Event fromB = onB.next();
        assertThat(fromA.id()).isEqualTo(fromB.id()).isEqualTo(Long.toString(id));
        assertThat(fromB.name()).isEqualTo("status");
        assertThat(fromB.data()).isEqualTo(fromA.data());
        assertThat(b.web.hub.recentChanges().getJsonObject(0).getLong("id")).isEqualTo(id);
      }
    } finally {
      Vertxs.close();
    }
  }

  @Test
  void aClientThatMovesToAnotherNodeGetsExactlyWhatItMissed() throws Exception {
    try (Node a = new Node(Vertxs.bus()); Node b = new Node(Vertxs.bus())) {
      a.leads.set(true);
      String seen;
      try (SseStream onA = a.stream(null)) {
        onA.next();
        long first = a.publish("probe", "ha-noi", 0);
        seen = onA.next().id();
        assertThat(seen).isEqualTo(Long.toString(first));
      }
      List<String> missed = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        missed.add(Long.toString(a.publish(i == 2 ? "status" : "probe", "ha-noi", i)));
      }
      b.awaitId(Long.parseLong(missed.get(2)));
      try (SseStream onB = b.stream(seen)) {
        assertThat(ids(onB, 3)).as("no gap, no snapshot, no duplicate").isEqualTo(missed);
        long marker = a.publish("probe", "marker", 9);
        assertThat(onB.next().id()).as("nothing before the next event").isEqualTo(Long.toString(marker));
      }
    } finally {
      Vertxs.close();
    }
  }

  @Test
  void afterALeaderChangeTheIdsGoOnAndAReplayCrossesItWithoutDuplicates() throws Exception {
    try (Node a = new Node(Vertxs.bus()); Node b = new Node(Vertxs.bus()); Node c = new Node(Vertxs.bus())) {
      a.leads.set(true);
      long e1 = a.publish("status", "ha-noi", 1);
      long e2 = a.publish("status", "ha-noi", 2);
      c.awaitId(e2);
      b.awaitId(e2);
      a.leads.set(false); // the leader dies (it sends nothing more); b takes over
      b.leads.set(true);
      long e3 = b.publish("status", "ha-noi", 3);
      long e4 = b.publish("incident", "ha-noi", 4);
      assertThat(e3).as("the new leader goes on above the old one's ids").isGreaterThan(e2);
      assertThat(e4).isEqualTo(e3 + 1);
      c.awaitId(e4);
      try (SseStream onC = c.stream(Long.toString(e1))) {
        assertThat(ids(onC, 3)).containsExactly(Long.toString(e2), Long.toString(e3), Long.toString(e4));
        long e5 = b.publish("status", "ha-noi", 5);
        assertThat(onC.next().id()).isEqualTo(Long.toString(e5));
      }
      try (SseStream onB = b.stream(Long.toString(e2))) {
        assertThat(onB.next().id()).as("on the new leader itself").isEqualTo(Long.toString(e3));
      }
    } finally {
      Vertxs.close();
    }
  }

  @Test
  void aFollowerThatMissedSomeOfTheLeadersEventsSendsASnapshotRatherThanAReplayWithAHole() throws Exception {
    try (Node b = new Node(Vertxs.bus())) {
      long base = b.web.hub.lastEventId() + 1_000_000; // a leader's ids, above this node's start
      b.web.hub.relay(event(base - 7, base));
      b.web.hub.relay(event(base, base + 1));
      // base + 2 never arrived here
      b.web.hub.relay(event(base + 2, base + 3));
      b.awaitId(base + 3);
      try (SseStream sse = b.stream(Long.toString(base + 1))) {
        SseStream.Event first = sse.next();
        assertThat(first.name()).isEqualTo("snapshot");
        assertThat(first.id()).isEqualTo(Long.toString(base + 3));
      }
      try (SseStream sse = b.stream(Long.toString(base + 3))) {
        b.web.hub.relay(event(base + 3, base + 4));
        assertThat(sse.next().id()).as("up to date after the gap: a plain replay").isEqualTo(Long.toString(base + 4));
      }
      b.web.hub.relay(event(base + 2, base + 3));
      assertThat(b.web.hub.lastEventId()).as("an event it has is not taken twice").isEqualTo(base + 4);
    } finally {
      Vertxs.close();
    }
  }

  private static JsonObject event(long prev, long id) {
    return new JsonObject().put("prev", prev).put("id", id).put("event", "status")
        .put("data", new JsonObject().put("portal", "ha-noi").put("id", id));
  }

  /** One event bus for the nodes of a test: that of a Vert.x of its own. */
  private static final class Vertxs {
    private static io.vertx.core.Vertx shared;

    static synchronized EventBus bus() {
      if (shared == null) {
        shared = io.vertx.core.Vertx.vertx();
      }
      return shared.eventBus();
    }

    static synchronized void close() {
      if (shared != null) {
        WebFixture.await(shared.close());
        shared = null;
      }
    }
  }
}
