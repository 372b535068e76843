package vn.dvcwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventStreamTest {
  @Test
  void snapshotComesFirstThenEventsWithIncreasingIds() {
    try (WebFixture web = new WebFixture(); SseStream sse = new SseStream(web.vertx, web.port, null)) {
      SseStream.Event first = sse.next();
      assertThat(first.name()).isEqualTo("snapshot");
      assertThat(first.id()).isEqualTo(Long.toString(web.hub.lastEventId()));
      assertThat(first.data().getJsonArray("portals")).hasSize(FakeBoard.FLEET.length);
      assertThat(first.data().encode()).doesNotContain("@");
      long a = web.hub.publish("rank", new JsonObject().put("portal", "da-nang").put("from", 3).put("to", 2));
      long b = web.hub.publish("status", new JsonObject().put("portal", "ha-noi").put("from", "UP").put("to", "DOWN"));
      SseStream.Event ra = sse.next();
      SseStream.Event rb = sse.next();
      assertThat(ra.name()).isEqualTo("rank");
      assertThat(ra.id()).isEqualTo(Long.toString(a));
      assertThat(rb.name()).isEqualTo("status");
      assertThat(Long.parseLong(rb.id())).isEqualTo(a + 1).isEqualTo(b);
      assertThat(rb.data().getString("to")).isEqualTo("DOWN");
    }
  }

  @Test
  void aNewcomerGetsTheSnapshotAndEverythingPublishedAfterIt() {
    try (WebFixture web = new WebFixture()) {
      try (SseStream first = new SseStream(web.vertx, web.port, null)) {
        first.next(); // the snapshot is now taken and cached
      }
      long a = web.hub.publish("probe", new JsonObject().put("n", 1));
      long b = web.hub.publish("probe", new JsonObject().put("n", 2));
      try (SseStream late = new SseStream(web.vertx, web.port, null)) {
        SseStream.Event snap = late.next();
        assertThat(snap.name()).isEqualTo("snapshot");
        List<String> ids = new ArrayList<>();
        // Whether the snapshot was reused (then both events follow it) or taken anew (then it carries b).
        if (!snap.id().equals(Long.toString(b))) {
          ids.add(late.next().id());
          ids.add(late.next().id());
          assertThat(ids).containsExactly(Long.toString(a), Long.toString(b));
        }
        // nothing more: the next event is one published now
        long marker = web.hub.publish("probe", new JsonObject().put("marker", true));
        assertThat(late.next().id()).isEqualTo(Long.toString(marker));
      }
    }
  }

  @Test
  void reconnectWithLastEventIdReplaysOnlyWhatWasMissed() {
    try (WebFixture web = new WebFixture()) {
      String seen;
      try (SseStream sse = new SseStream(web.vertx, web.port, null)) {
        sse.next();
        web.hub.publish("probe", new JsonObject().put("portal", "ha-noi").put("n", 0));
        seen = sse.next().id();
      }
      for (int i = 1; i <= 3; i++) {
        web.hub.publish("probe", new JsonObject().put("portal", "ha-noi").put("n", i));
      }
      try (SseStream again = new SseStream(web.vertx, web.port, seen)) {
        List<SseStream.Event> got = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          got.add(again.next());
        }
        assertThat(got).extracting(SseStream.Event::name).containsOnly("probe");
        assertThat(got).extracting(e -> e.data().getInteger("n")).containsExactly(1, 2, 3);
        long marker = web.hub.publish("probe", new JsonObject().put("marker", true));
        assertThat(again.next().id()).as("nothing before a later event").isEqualTo(Long.toString(marker));
      }
    }
  }

  @Test
  void theLastEventIdMayComeAsAQueryParameter() throws Exception {
    // EventSource cannot set headers: the board passes the id this way after a refused reconnect.
    try (WebFixture web = new WebFixture()) {
      long seen = web.hub.publish("probe", new JsonObject().put("n", 0));
      long missed = web.hub.publish("status", new JsonObject().put("portal", "ha-noi").put("to", "DOWN"));
      NetClient net = web.vertx.createNetClient();
      RawStream stream = new RawStream(net, web.port, "/api/v1/events?lastEventId=" + seen);
      assertThat(stream.sees(missed, "status")).isTrue();
      assertThat(stream.text()).doesNotContain("event: snapshot").doesNotContain("id: " + seen + "\n");
      WebFixture.await(net.close());
    }
  }

  @Test
  void anIdOutsideTheRingGetsAFreshSnapshot() {
    try (WebFixture web = new WebFixture(4, 50, 1000, WebFixture.TOKEN)) {
      long old = web.hub.publish("probe", new JsonObject().put("n", 0));
      for (int i = 1; i <= 10; i++) {
        web.hub.publish("probe", new JsonObject().put("n", i));
      }
      for (String lastId : new String[] {Long.toString(old), "12", "not-a-number", Long.toString(old + 1000)}) {
        try (SseStream sse = new SseStream(web.vertx, web.port, lastId)) {
          SseStream.Event first = sse.next();
          assertThat(first.name()).as(lastId).isEqualTo("snapshot");
          assertThat(first.id()).isEqualTo(Long.toString(old + 10));
        }
      }
    }
  }

  @Test
  void aStalledClientIsDroppedAndTheOthersGoOn() throws Exception {
    try (WebFixture web = new WebFixture()) {
      // Both clients are raw sockets: the healthy one reads as fast as it can.
      NetClient net = web.vertx.createNetClient();
      NetClient small = web.vertx.createNetClient(new NetClientOptions().setReceiveBufferSize(4096));
      RawStream healthy = new RawStream(net, web.port);
      NetSocket stalled = WebFixture.await(small.connect(web.port, "127.0.0.1"));
      stalled.pause(); // reads nothing from now on
      stalled.write("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      long until = System.currentTimeMillis() + 10_000;
      while (web.hub.clientCount() < 2 && System.currentTimeMillis() < until) {
        Thread.sleep(10);
      }
      assertThat(web.hub.clientCount()).isEqualTo(2);
      String big = "x".repeat(64 * 1024);
      int published = 0;
      while (web.hub.droppedCount() == 0 && published < 2000 && System.currentTimeMillis() < until + 20_000) {
        web.hub.publish("probe", new JsonObject().put("portal", "ha-noi").put("pad", big));
        published++;
        if (published % 4 == 0) {
          Thread.sleep(5); // about 50 MB/s: more than the healthy reader could ever fall behind on loopback
        }
      }
      assertThat(web.hub.droppedCount()).isEqualTo(1);
      // The stream's loop counts the drop as it cuts the stream; the hub forgets it a moment later, on its own
      // context (a CI run caught the count still at 2 in between).
      long removedBy = System.currentTimeMillis() + 5_000;
      while (web.hub.clientCount() != 1 && System.currentTimeMillis() < removedBy) {
        Thread.sleep(5);
      }
      assertThat(web.hub.clientCount()).isEqualTo(1);
      long marker = web.hub.publish("rank", new JsonObject().put("portal", "ha-noi").put("from", 2).put("to", 1));
      assertThat(healthy.sees(marker, "rank")).as("the healthy client still receives events").isTrue();
      WebFixture.await(net.close());
      WebFixture.await(small.close());
    }
  }

  @Test
  void aLargeSnapshotReachesANewClientAndTheEventsFollow() throws Exception {
    try (WebFixture web = new WebFixture()) {
      web.board.set("ha-noi", "note", "x".repeat(600 * 1024)); // a fleet far larger than 83 portals
      // A small receive window: the snapshot takes a while to drain, and events queue up behind it.
      NetClient net = web.vertx.createNetClient(new NetClientOptions().setReceiveBufferSize(4096));
      RawStream client = new RawStream(net, web.port);
      long until = System.currentTimeMillis() + 10_000;
      while (web.hub.clientCount() < 1 && System.currentTimeMillis() < until) {
        Thread.sleep(10);
      }
      long id = 0;
      for (int i = 0; i < 5; i++) {
        id = web.hub.publish("probe", new JsonObject().put("portal", "ha-noi").put("n", i));
      }
      assertThat(client.sees(id, "probe")).isTrue();
      assertThat(web.hub.droppedCount()).isZero();
      assertThat(web.hub.clientCount()).isEqualTo(1);
      WebFixture.await(net.close());
    }
  }

  @Test
  void connectionsFromOneAddressAreCapped() {
    try (WebFixture web = new WebFixture(64, 3, 1000, WebFixture.TOKEN)) {
      List<SseStream> open = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          SseStream s = new SseStream(web.vertx, web.port, null);
          open.add(s);
          assertThat(s.next().name()).isEqualTo("snapshot");
        }
        io.vertx.ext.web.client.HttpResponse<Buffer> refused = WebFixture.await(web.client.get("/api/v1/events").send());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isNotBlank();
        assertThat(web.hub.clientCount()).isEqualTo(3);
      } finally {
        open.forEach(SseStream::close);
      }
    }
  }

  @Test
  void theGlobalCapRefusesWith503() {
    try (WebFixture web = new WebFixture(64, 10, 2, WebFixture.TOKEN);
        SseStream a = new SseStream(web.vertx, web.port, null);
        SseStream b = new SseStream(web.vertx, web.port, null)) {
      a.next();
      b.next();
      assertThat(WebFixture.await(web.client.get("/api/v1/events").send()).statusCode()).isEqualTo(503);
    }
  }

  @Test
  void heartbeatsKeepTheStreamAlive() throws Exception {
    try (WebFixture web = new WebFixture()) {
      NetSocket raw = WebFixture.await(web.vertx.createNetClient().connect(web.port, "127.0.0.1"));
      StringBuilder got = new StringBuilder();
      raw.handler(b -> {
        synchronized (got) {
          got.append(b.toString());
        }
      });
      raw.write("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      long until = System.currentTimeMillis() + 5000;
      while (System.currentTimeMillis() < until) {
        synchronized (got) {
          if (got.indexOf(": hb") >= 0) {
            break;
          }
        }
        Thread.sleep(20);
      }
      synchronized (got) {
        assertThat(got.toString()).contains("text/event-stream").contains("event: snapshot").contains(": hb");
      }
      WebFixture.await(raw.close());
    }
  }

  @Test
  void aThousandStreamsFromOneAddressAreRefusedBeyondTheCap() throws Exception {
    try (WebFixture web = new WebFixture(64, 20, 5000, WebFixture.TOKEN)) {
      NetClient net = web.vertx.createNetClient();
      Map<String, Integer> statuses = new ConcurrentHashMap<>();
      CountDownLatch answered = new CountDownLatch(1000);
            for (int i = 0; i < 1000; i++) {
        net.connect(web.port, "127.0.0.1").onSuccess(so -> {
          StringBuilder head = new StringBuilder();
          so.handler(b -> {
            if (head.length() < 12) {
              head.append(b.toString());
              if (head.length() >= 12) {
                statuses.merge(head.substring(9, 12), 1, Integer::sum);
                answered.countDown();
              }
            }
          });
          so.write("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        }).onFailure(e -> {
          statuses.merge("connect-failed", 1, Integer::sum);
          answered.countDown();
        });
      }
      assertThat(answered.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(statuses).containsEntry("200", 20).containsEntry("429", 980);
      assertThat(web.hub.clientCount()).isEqualTo(20);
      WebFixture.await(net.close());
    }
  }
}
