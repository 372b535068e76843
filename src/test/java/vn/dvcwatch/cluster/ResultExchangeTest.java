package vn.dvcwatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.Phases;
import vn.dvcwatch.result.PostureJson;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.testkit.Poll;

/**
 * Every vantage's results on every node (docs/CLUSTER.md, "Grading from every vantage"): two exchanges on one
 * event bus. The other node gets each result whole, with its vantage and whether that vantage abstained, even when
 * the sender left out postures that had not changed; a node does not get its own results back.
 */
@Timeout(30)
class ResultExchangeTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private record Got(ProbeResult result, String vantage, boolean abstains) {}

  private ResultExchange start(Context context, String node, List<Got> into) {
    ResultExchange x = new ResultExchange(vertx, node, "v-" + node, (r, v, a) -> into.add(new Got(r, v, a)));
    CompletableFuture<Void> started = new CompletableFuture<>();
    context.runOnContext(v -> x.start().onComplete(ar -> started.complete(null)));
    started.join();
    return x;
  }

  private static ProbeResult probe(Instant at, Outcome outcome, boolean postures) {
    return new ProbeResult("hue", Target.HOMEPAGE, "https://hue.example/", at, outcome, outcome == Outcome.UP ? null : "refused",
        outcome == Outcome.UP ? 200 : null, outcome == Outcome.UP ? new Phases(1.5, 2.0, 10.25, 120.5, 3.0, 137.25) : null, 0,
        outcome == Outcome.UP ? 5120 : 0,
        postures ? PostureJson.tls(new JsonObject().put("chainTrusted", true).put("hostnameMatch", true).put("daysLeft", 80)
            .put("protocol", "TLSv1.3").put("forwardSecrecy", true)) : null,
        postures ? PostureJson.headers(new JsonObject().put("hsts", true).put("hstsMaxAgeSeconds", 31536000)) : null,
        postures ? PostureJson.page(new JsonObject().put("lang", true).put("viewport", true)) : null, false);
  }

  @Test
  void theOtherNodeGetsEveryResultWholeEvenWhenUnchangedPosturesWereLeftOut() {
    List<Got> onA = new CopyOnWriteArrayList<>();
    List<Got> onB = new CopyOnWriteArrayList<>();
    Context a = vertx.getOrCreateContext();
    ResultExchange ax = start(a, "a", onA);
    start(vertx.getOrCreateContext(), "b", onB);
    Instant t = Instant.parse("2026-12-04T10:00:00Z");
    ProbeResult first = probe(t, Outcome.UP, true);
    ProbeResult second = probe(t.plusSeconds(30), Outcome.UP, true); // same postures: sent as "same"
    ProbeResult failed = probe(t.plusSeconds(60), Outcome.DOWN, false);
    a.runOnContext(v -> {
      ax.share(first, false, t);
      ax.share(second, false, t.plusSeconds(30));
      ax.share(failed, true, t.plusSeconds(60));
    });
    Poll.await("b has the three results", () -> onB.size() == 3, java.time.Duration.ofSeconds(10));
    assertThat(onB.stream().map(Got::result).toList()).containsExactly(first, second, failed);
    assertThat(onB).allMatch(g -> g.vantage().equals("v-a"));
    assertThat(onB.stream().map(Got::abstains).toList()).containsExactly(false, false, true);
    assertThat(onA).as("a node's own results are windowed when taken, not again").isEmpty();
  }
}
