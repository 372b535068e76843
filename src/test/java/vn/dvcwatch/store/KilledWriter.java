package vn.dvcwatch.store;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import vn.dvcwatch.result.Target;

/**
 * The process {@link KillTest} kills with SIGKILL: it commits results and an incident with its outbox
 * row, leaves more results in the buffer, says so on stdout and waits to be killed (at most 2 minutes).
 */
public final class KilledWriter {
  static final int COMMITTED = 120;
  static final int BUFFERED = 30;

  private KilledWriter() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Instant t0 = Instant.parse(args[1]);
    Vertx vertx = Vertx.vertx();
    // a flush only on demand: what is appended after the flush below stays in memory
    Store store = Store.start(vertx, DbSettings.embeddedDefaults().withBuffer(10_000, 5_000, Duration.ofHours(1)), dir)
        .await();
    for (int i = 0; i < COMMITTED; i++) {
      store.probes().append(Fixtures.up("killed", Target.HOMEPAGE, t0.plusSeconds(i), 100, 800));
    }
    store.probes().flush().await();
    store.incidents().open(Fixtures.incident("killed-1", "killed", t0, null), c -> c.preparedQuery(
        "INSERT INTO alert_outbox (alert_key, recipient, kind, subject, text_body, html_body, message_id)"
            + " VALUES ($1, 'owner@example.gov.vn', 'down', 's', 't', 'h', 'm')").execute(Tuple.of("down:killed-1"))
        .mapEmpty()).await();
    for (int i = 0; i < BUFFERED; i++) {
      store.probes().append(Fixtures.up("killed", Target.HOMEPAGE, t0.plus(Duration.ofMinutes(10)).plusSeconds(i),
          100, 800));
    }
    System.out.println("READY " + store.probes().written() + " " + store.probes().bufferDepth());
    System.out.flush();
    Thread.sleep(Duration.ofMinutes(2).toMillis());
    System.exit(2);
  }

  static Instant start() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(30));
  }
}
