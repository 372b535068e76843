package vn.dvcwatch.store.bench;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vn.dvcwatch.result.HeaderPosture;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.PagePosture;
import vn.dvcwatch.result.Phases;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.result.TlsPosture;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.registry.PortalKind;
import vn.dvcwatch.store.DbSettings;
import vn.dvcwatch.store.Store;

/**
 * P6 (docs/PERFORMANCE.md) on embedded PostgreSQL, in three bounded parts, figures printed as {@code P6 ...} lines:
 * <ol>
 *   <li>burst: {@code rows} probe results appended as fast as one thread can, time until all are committed;</li>
 *   <li>sustained: appends paced at {@code rate} rows/s for {@code seconds}, the buffer's deepest point;</li>
 *   <li>SLA: {@code days} of results at a 30 s interval for {@code portals} portals × 2 targets loaded
 *       in SQL, incidents and maintenance added, then the month table and the rolling windows of the
 *       whole fleet timed over {@code runs} runs.</li>
 * </ol>
 * Usage: {@code StoreBench DATA_DIR rows rate seconds portals days runs}.
 */
public final class StoreBench {
  private StoreBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int rows = Integer.parseInt(args[1]);
    int rate = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);
    int portals = Integer.parseInt(args[4]);
    int days = Integer.parseInt(args[5]);
    int runs = Integer.parseInt(args[6]);
    Files.createDirectories(dir);
    Vertx vertx = Vertx.vertx();
    DbSettings defaults = DbSettings.embeddedDefaults();
    DbSettings s = new DbSettings("", "postgres", "postgres", defaults.poolSize(), Math.max(rows, 100_000),
        defaults.batchSize(), defaults.flushEvery(), Duration.ofDays(days + 5L), defaults.rollupRetention());
    System.out.printf("P6 settings: pool %d, batch %d, flush every %d ms, buffer %d%n", s.poolSize(), s.batchSize(),
        s.flushEvery().toMillis(), s.bufferCapacity());
    Store store = Store.start(vertx, s, dir).await();
    try {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < portals; i++) {
        ids.add(String.format("p%03d", i));
      }
      burst(store, ids, rows);
      sustained(store, ids, rate, seconds);
      sla(store, ids, days, runs);
    } finally {
      store.close().await();
      vertx.close().await();
    }
  }

  private static void burst(Store store, List<String> ids, int rows) {
    Instant base = Instant.now().minus(Duration.ofHours(1));
    List<ProbeResult> results = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      results.add(result(ids.get(i % ids.size()), i % 2 == 0 ? Target.HOMEPAGE : Target.EFORM,
          base.plusMillis(i * 3_600_000L / rows), i));
    }
    long before = store.probes().written();
    long t0 = System.nanoTime();
    results.forEach(store.probes()::append);
    long appended = System.nanoTime();
    store.probes().flush().await();
    long t1 = System.nanoTime();
    long written = store.probes().written() - before;
    System.out.printf("P6 burst: %d rows committed in %.2f s = %.0f rows/s (append alone %.0f ns/row), overflow %d%n",
        written, (t1 - t0) / 1e9, written / ((t1 - t0) / 1e9), (appended - t0) / (double) rows,
        store.probes().overflowed());
    long h0 = System.nanoTime();
    store.housekeep(Instant.now()).await();
    System.out.printf("P6 rollups: hourly + daily rollup of those %d rows (one run of housekeeping) %.0f ms%n", rows,
        (System.nanoTime() - h0) / 1e6);
  }

  private static void sustained(Store store, List<String> ids, int rate, int seconds) throws InterruptedException {
    long before = store.probes().written();
    long total = (long) rate * seconds;
    int maxDepth = 0;
    long t0 = System.nanoTime();
    for (long i = 0; i < total; i++) {
      long due = t0 + i * 1_000_000_000L / rate;
      long wait = due - System.nanoTime();
      if (wait > 1_000_000) {
        Thread.sleep(wait / 1_000_000);
      }
      store.probes().append(result(ids.get((int) (i % ids.size())), i % 2 == 0 ? Target.HOMEPAGE : Target.EFORM,
          Instant.now(), i));
      if (i % 1000 == 0) {
        maxDepth = Math.max(maxDepth, store.probes().bufferDepth());
      }
    }
    long appendedAt = System.nanoTime();
    store.probes().flush().await();
    long done = System.nanoTime();
    long written = store.probes().written() - before;
    System.out.printf("P6 sustained: %d rows at %d rows/s for %d s: deepest buffer %d rows, all committed %.0f ms"
        + " after the last append, achieved %.0f rows/s, overflow %d%n", written, rate, seconds, maxDepth,
        (done - appendedAt) / 1e6, written / ((done - t0) / 1e9), store.probes().overflowed());
  }

  private static void sla(Store store, List<String> ids, int days, int runs) {
    Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Instant start = end.minus(Duration.ofDays(days));
    String[] portalArray = ids.toArray(String[]::new);
    long t0 = System.nanoTime();
    for (LocalDate d = day(start); !d.isAfter(day(end)); d = d.plusDays(1)) {
      String part = "probe_result_p" + d.toString().replace("-", "");
      store.pool().query("CREATE TABLE IF NOT EXISTS " + part + " PARTITION OF probe_result FOR VALUES FROM ('" + d
          + " 00:00:00+00') TO ('" + d.plusDays(1) + " 00:00:00+00')").execute().await();
      Instant from = max(start, d.atStartOfDay().toInstant(ZoneOffset.UTC));
      Instant to = min(end, d.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
      if (!from.isBefore(to)) {
        continue;
      }
      // one day of the fleet at a 30 s interval; phases vary so that percentiles have work to do
      store.pool().preparedQuery("""
          INSERT INTO probe_result (portal_id, target, started_at, outcome, cause, status, url, dns_ms, connect_ms,
                                    tls_ms, ttfb_ms, transfer_ms, total_ms, redirects, bytes)
          SELECT p, t, ts, 'UP', NULL, 200, 'https://' || p || '.gov.vn/', 1.5, 4.0, 12.0,
                 80 + (extract(epoch FROM ts)::bigint % 400), 5.0, 600 + (extract(epoch FROM ts)::bigint % 2000), 0, 40000
            FROM unnest($1::text[]) p, unnest(ARRAY['homepage', 'eform']) t,
                 generate_series($2::timestamptz, $3::timestamptz - interval '1 microsecond', interval '30 seconds') ts""")
          .execute(Tuple.of(portalArray, utc(from), utc(to))).await();
    }
    store.pool().query("ANALYZE probe_result").execute().await();
    long rows = store.pool().query("SELECT count(*) FROM probe_result").execute().await().iterator().next().getLong(0);
    System.out.printf("P6 SLA data: %d probe rows (%d portals x 2 targets x %d days at 30 s) loaded in %.0f s%n", rows,
        ids.size(), days, (System.nanoTime() - t0) / 1e9);

    store.pool().preparedQuery("INSERT INTO portal_seen SELECT unnest($1::text[]), $2 ON CONFLICT (portal_id)"
        + " DO UPDATE SET first_probe_at = EXCLUDED.first_probe_at").execute(Tuple.of(portalArray, utc(start))).await();
    // about one incident per portal per two days, 3 to 40 minutes long, and a maintenance window each week
    int incidents = 0;
    for (int p = 0; p < ids.size(); p++) {
      for (int k = 0; k < days / 2; k++) {
        Instant at = start.plus(Duration.ofHours(k * 48L + (p * 7L + k * 5L) % 40));
        store.incidents().open(new Incident("b-" + p + "-" + k, ids.get(p), at,
            at.plus(Duration.ofMinutes(3 + (p + k) % 38)), "timeout", Target.HOMEPAGE), null).await();
        incidents++;
      }
      for (int w = 0; w < days / 7; w++) {
        Instant at = start.plus(Duration.ofDays(w * 7L + 3));
        store.maintenance().add(ids.get(p), at, at.plus(Duration.ofHours(2)), "bảo trì định kỳ").await();
      }
    }
    System.out.printf("P6 SLA data: %d incidents, %d maintenance windows%n", incidents, ids.size() * (days / 7));

    List<Portal> fleet = ids.stream().map(StoreBench::portal).toList();
    YearMonth month = YearMonth.from(end.atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")));
    time("30-day rolling SLA windows (24h/7d/30d uptime, budget, burn rates) for the fleet", runs,
        () -> store.sla().windows(fleet, Instant.now()).await());
    time("monthly SLA table " + month + " for the fleet", runs, () -> store.sla().month(month, fleet).await());
    time("one portal's last 24 h of raw history, both pages (at most 10,000 rows)", runs,
        () -> store.probes().history(ids.get(0), end.minus(Duration.ofDays(1)), end, 10_000).await());
    time("latest result per portal and target (board rebuild)", runs, () -> store.probes().latest().await());
  }

  private static void time(String what, int runs, Runnable query) {
    query.run(); // warm the prepared statements and the caches once
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      query.run();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf("P6 %s: median %.1f ms, max %.1f ms over %d runs%n", what, ms[runs / 2], ms[runs - 1], runs);
  }

  private static ProbeResult result(String portal, Target target, Instant at, long i) {
    // one posture per portal (as in life: it changes rarely), phases that vary per probe
    TlsPosture tls = new TlsPosture(true, null, true, 60 + portal.hashCode() % 30, Instant.parse("2027-01-01T00:00:00Z"),
        "TLSv1.3", "TLS_AES_128_GCM_SHA256", "RSA", 2048, "SHA256withRSA", List.of(), true);
    HeaderPosture headers = new HeaderPosture(true, true, 31_536_000L, true, false, true, true, true, false, 2, 0, 0, 1,
        false);
    PagePosture page = new PagePosture(true, true, true, false, 4, 2, 1, false, true);
    double ttfb = 80 + i % 400;
    return new ProbeResult(portal, target, "https://" + portal + ".gov.vn/", at, Outcome.UP, null, 200,
        new Phases(1.5, 4.0, 12.0, ttfb, 5.0, ttfb + 600), 0, 40_000L, tls, headers, page);
  }

  private static Portal portal(String id) {
    return new Portal(id, id, PortalKind.values()[0], URI.create("https://" + id + ".gov.vn/"), null, "", List.of(),
        0.995, null, null, true);
  }

  private static LocalDate day(Instant i) {
    return i.atOffset(ZoneOffset.UTC).toLocalDate();
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static java.time.OffsetDateTime utc(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }
}
