package vn.dvcwatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.dvcwatch.testkit.Poll;

/**
 * The leader's board on every node (docs/CLUSTER.md, "Every node serves the leader's board"): exchanges on one
 * event bus (the clustered bus's stand-in), which one leads being a flag here. A follower serves the leader's board
 * only once it has it whole; changes and removals follow; a board larger than the byte budget of a tick goes out
 * over several ticks; a node that joins late gets it whole; after a leader change the followers serve the new one's.
 */
@Timeout(60)
class BoardExchangeTest {
  private static final Duration WITHIN = Duration.ofSeconds(20);
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  /** One node: its exchange on a context of its own, its board a map the test edits, whether it leads a flag. */
  private final class Node {
    final AtomicBoolean leads = new AtomicBoolean();
    final Map<String, JsonObject> board = new ConcurrentHashMap<>();
    final Context context = vertx.getOrCreateContext();
    final AtomicInteger changes = new AtomicInteger();
    final BoardExchange exchange;

    Node(String name, boolean leading) {
      leads.set(leading);
      exchange = new BoardExchange(vertx, name, leads::get, () -> Map.copyOf(board), Clock.systemUTC());
      exchange.onChange(changes::incrementAndGet);
      java.util.concurrent.CompletableFuture<Void> started = new java.util.concurrent.CompletableFuture<>();
      context.runOnContext(x -> exchange.start().onComplete(ar -> started.complete(null)));
      started.join();
    }

    void put(String id, JsonObject e) {
      board.put(id, e);
      context.runOnContext(x -> exchange.changed());
    }

    void remove(String id) {
      board.remove(id);
      context.runOnContext(x -> exchange.changed());
    }

    Map<String, JsonObject> served() {
      BoardExchange.State s = exchange.state();
      return s == null ? null : s.entries();
    }
  }

  private static JsonObject entry(int rank, double score) {
    return new JsonObject().put("s", "UP").put("e", new JsonObject().put("rank", rank).put("score", score));
  }

  @Test
  void aFollowerServesTheLeadersBoardAndItsChanges() {
    Node a = new Node("a", true);
    Node b = new Node("b", false);
    a.put("hue", entry(1, 91.5));
    a.put("hcm", entry(2, 80.25));
    Poll.await("b serves a's board", () -> a.board.equals(b.served()), WITHIN);
    assertThat(a.exchange.state()).as("the leader serves its own").isNull();
    assertThat(b.exchange.state().leader()).isEqualTo("a");
    assertThat(b.exchange.state().synced()).isTrue();
    a.put("hcm", entry(1, 92.0));
    a.put("hue", entry(2, 91.5));
    a.remove("hue");
    Poll.await("b follows the changes and the removal", () -> a.board.equals(b.served()), WITHIN);
  }

  @Test
  void aLargeBoardGoesOutOverSeveralTicksAndIsServedOnlyWhole() {
    Node a = new Node("a", true);
    Node b = new Node("b", false);
    String filler = "x".repeat(10_000);
    for (int i = 0; i < 120; i++) { // 1.2 MB: three ticks' budget
      a.board.put(String.format("p%03d", i), entry(i + 1, 50).put("pad", filler));
    }
    a.context.runOnContext(x -> a.exchange.changed());
    long started = System.nanoTime();
    Poll.await("b serves the whole board", () -> b.served() != null, WITHIN);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(BoardExchange.TICK);
    assertThat(b.served()).isEqualTo(a.board); // never a part of it
  }

  @Test
  void aNodeThatJoinsLateGetsTheBoardWhole() {
    Node a = new Node("a", true);
    a.put("hue", entry(1, 91.5));
    Node b = new Node("b", false);
    Poll.await("b has the board it joined after", () -> a.board.equals(b.served()), WITHIN);
  }

  @Test
  void afterALeaderChangeTheFollowersServeTheNewLeadersBoard() {
    Node a = new Node("a", true);
    Node b = new Node("b", false);
    Node c = new Node("c", false);
    a.put("hue", entry(1, 91.5));
    Poll.await("c serves a's board", () -> a.board.equals(c.served()), WITHIN);
    b.board.put("hue", entry(1, 88.0)); // b's own figures differ
    a.leads.set(false);
    b.leads.set(true);
    Poll.await("c serves b's board", () -> c.exchange.state() != null && "b".equals(c.exchange.state().leader())
        && b.board.equals(c.served()), WITHIN);
    Poll.await("a, now a follower, serves b's board", () -> b.board.equals(a.served()), WITHIN);
    assertThat(b.exchange.state()).isNull();
  }
}
