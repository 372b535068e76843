package vn.dvcwatch.store;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import vn.dvcwatch.result.HeaderPosture;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.PagePosture;
import vn.dvcwatch.result.Phases;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.result.TlsPosture;

/** Builders shared by the store tests: settings, data directories and probe results. */
final class Fixtures {
  private Fixtures() {}

  static DbSettings settings(int capacity, int batch) {
    return DbSettings.embeddedDefaults().withBuffer(capacity, batch, Duration.ofMillis(200));
  }

  static Path dataDir(String name) {
    try {
      Path d = Files.createTempDirectory("dvc-store-" + name);
      // each holds a whole PostgreSQL cluster: remove it when the test JVM exits (stores are closed by then)
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(d)));
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort at JVM exit; the directory is under the system temp directory
    }
  }

  static Store start(Vertx vertx, DbSettings s, Path dir) {
    return Store.start(vertx, s, dir).await();
  }

  static ProbeResult up(String portal, Target target, Instant at, double ttfb, double total) {
    TlsPosture tls = new TlsPosture(true, null, true, 80, Instant.parse("2027-02-12T00:00:00Z"), "TLSv1.3",
        "TLS_AES_128_GCM_SHA256", "EC", 256, "SHA256withECDSA", List.of("TLSv1.1"), true);
    HeaderPosture headers = new HeaderPosture(true, true, 31_536_000L, true, false, true, true, true, false, 2, 0, 1,
        1, false);
    PagePosture page = new PagePosture(true, true, true, false, 3, 1, 0, false, true);
    return new ProbeResult(portal, target, "https://" + portal + ".gov.vn/", at, Outcome.UP, null, 200,
        new Phases(1.25, 3.5, 12.75, ttfb, 4.0, total), 1, 48_213L, tls, headers, page);
  }

  static ProbeResult down(String portal, Target target, Instant at) {
    return new ProbeResult(portal, target, "https://" + portal + ".gov.vn/", at, Outcome.DOWN, "connect", null,
        new Phases(1.0, null, null, null, null, 5000.0), 0, 0L, null, null, null);
  }

  static long count(Store store, String sql) {
    return store.pool().query(sql).execute().await().iterator().next().getLong(0);
  }

  static Incident incident(String id, String portal, Instant start, Instant end) {
    return new Incident(id, portal, start, end, "connect", Target.HOMEPAGE);
  }
}
