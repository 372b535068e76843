package vn.dvcwatch.browser;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.dvcwatch.result.Target;

/**
 * {@link BrowserRuns} in the {@code browser_run} table (migration V140). The counts of violations by impact
 * are columns beside the JSON so that a scoring model can weigh them in SQL without parsing.
 */
public final class BrowserRunsPostgres implements BrowserRuns {
  private static final String INSERT = "INSERT INTO browser_run (portal_id, target, url, started_at, wall_ms, outcome,"
      + " cause, method, profile, browser_version, fcp_ms, lcp_ms, cls, tbt_ms, load_ms, bytes, requests, by_type,"
      + " failed_requests, console_errors, mixed_content, axe, axe_critical, axe_serious, axe_moderate, axe_minor,"
      + " screenshot) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,"
      + " $20, $21, $22, $23, $24, $25, $26, $27) RETURNING id";
  private static final String INSERT_FRAME = "INSERT INTO browser_frame (run_id, seq, at_ms, jpeg) VALUES ($1, $2, $3, $4)";
  private static final String COLUMNS = "id, portal_id, target, url, started_at, wall_ms, outcome, cause, method, profile,"
      + " browser_version, fcp_ms, lcp_ms, cls, tbt_ms, load_ms, bytes, requests, by_type, failed_requests,"
      + " console_errors, mixed_content, axe, screenshot IS NOT NULL AS has_screenshot";

  private final Pool pool;

  public BrowserRunsPostgres(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> append(BrowserRun r) {
    JsonObject byType = new JsonObject();
    r.byType().forEach((t, c) -> byType.put(t, new JsonObject().put("requests", c.requests()).put("bytes", c.bytes())));
    Tuple t = Tuple.tuple().addString(r.portalId()).addString(r.target().label()).addString(r.url().toString())
        .addOffsetDateTime(r.startedAt().atOffset(ZoneOffset.UTC)).addInteger((int) Math.min(Integer.MAX_VALUE, r.wallMs()))
        .addString(r.outcome().label()).addString(r.cause()).addString(r.method()).addString(r.profile())
        .addString(r.browserVersion()).addValue(r.fcp()).addValue(r.lcp()).addValue(r.cls()).addValue(r.tbt())
        .addValue(r.load()).addLong(r.bytes()).addInteger(r.requests()).addValue(byType).addInteger(r.failedRequests())
        .addInteger(r.consoleErrors()).addInteger(r.mixedContent()).addValue(AxeSummary.json(r.axe()))
        .addInteger(impact(r, "critical")).addInteger(impact(r, "serious")).addInteger(impact(r, "moderate"))
        .addInteger(impact(r, "minor")).addValue(r.screenshot() == null ? null : Buffer.buffer(r.screenshot()));
    if (r.frames().isEmpty()) {
      return pool.preparedQuery(INSERT).execute(t).mapEmpty();
    }
    // The run and its filmstrip together, or neither.
    return pool.withTransaction(c -> c.preparedQuery(INSERT).execute(t).compose(rows -> {
      long id = rows.iterator().next().getLong(0);
      List<Tuple> frames = new ArrayList<>();
      for (int i = 0; i < r.frames().size(); i++) {
        BrowserRun.Frame f = r.frames().get(i);
        frames.add(Tuple.of(id, (short) i, f.ms(), Buffer.buffer(f.jpeg())));
      }
      return c.preparedQuery(INSERT_FRAME).executeBatch(frames);
    })).mapEmpty();
  }

  private static int impact(BrowserRun r, String impact) {
    return (int) r.axe().violations().stream().filter(v -> impact.equals(v.impact())).count();
  }

  @Override
  public Future<List<Stored>> latest(String portalId, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM browser_run WHERE portal_id = $1 ORDER BY started_at DESC, id DESC LIMIT $2")
        .execute(Tuple.of(portalId, limit)).compose(rows -> {
          List<Stored> out = new ArrayList<>();
          rows.forEach(row -> out.add(run(row)));
          return withFrameTimes(out);
        });
  }

  /** The runs with their filmstrips' times (each frame's JPEG left in the table: read it alone). */
  private Future<List<Stored>> withFrameTimes(List<Stored> runs) {
    if (runs.isEmpty()) {
      return Future.succeededFuture(runs);
    }
    Long[] ids = runs.stream().map(Stored::id).toArray(Long[]::new);
    return pool.preparedQuery("SELECT run_id, at_ms FROM browser_frame WHERE run_id = ANY($1) ORDER BY run_id, seq")
        .execute(Tuple.tuple().addArrayOfLong(ids)).map(rows -> {
          Map<Long, List<BrowserRun.Frame>> frames = new java.util.HashMap<>();
          rows.forEach(row -> frames.computeIfAbsent(row.getLong(0), k -> new ArrayList<>())
              .add(new BrowserRun.Frame(row.getDouble(1), new byte[0])));
          return runs.stream().map(s -> frames.containsKey(s.id()) ? new Stored(s.id(), s.run().withFrames(frames.get(s.id())))
              : s).toList();
        });
  }

  @Override
  public Future<byte[]> frame(String portalId, long runId, int seq) {
    return pool.preparedQuery("SELECT f.jpeg FROM browser_frame f JOIN browser_run r ON r.id = f.run_id"
        + " WHERE r.portal_id = $1 AND f.run_id = $2 AND f.seq = $3")
        .execute(Tuple.of(portalId, runId, (short) seq)).map(rows -> {
          var it = rows.iterator();
          return it.hasNext() ? it.next().getBuffer(0).getBytes() : null;
        });
  }

  @Override
  public Future<List<BrowserRun>> latestScored(String method) {
    return pool.preparedQuery("SELECT DISTINCT ON (portal_id, target) " + COLUMNS + " FROM browser_run"
        + " WHERE method = $1 AND outcome = ANY($2) ORDER BY portal_id, target, started_at DESC, id DESC")
        .execute(Tuple.tuple().addString(method) // not Tuple.of(method, array): its varargs would spread the array
            .addArrayOfString(BrowserScoring.SCORED.stream().map(BrowserRun.Outcome::label).toArray(String[]::new)))
        .map(rows -> {
          List<BrowserRun> out = new ArrayList<>();
          rows.forEach(row -> out.add(run(row).run()));
          return out;
        });
  }

  @Override
  public Future<byte[]> screenshot(String portalId, long runId) {
    return pool.preparedQuery("SELECT screenshot FROM browser_run WHERE portal_id = $1 AND id = $2")
        .execute(Tuple.of(portalId, runId)).map(rows -> {
          var it = rows.iterator();
          if (!it.hasNext()) {
            return null;
          }
          Buffer b = it.next().getBuffer(0);
          return b == null ? null : b.getBytes();
        });
  }

  @Override
  public Future<Integer> prune(Instant before) {
    return pool.preparedQuery("DELETE FROM browser_run WHERE started_at < $1")
        .execute(Tuple.of(before.atOffset(ZoneOffset.UTC))).map(rows -> rows.rowCount());
  }

  private static Stored run(Row row) {
    Map<String, BrowserRun.TypeCount> byType = new TreeMap<>();
    JsonObject bt = (JsonObject) row.getJson("by_type");
    bt.forEach(e -> {
      JsonObject c = (JsonObject) e.getValue();
      byType.put(e.getKey(), new BrowserRun.TypeCount(c.getInteger("requests", 0), c.getLong("bytes", 0L)));
    });
    OffsetDateTime at = row.getOffsetDateTime("started_at");
    // The screenshot itself stays in the table (fetched alone); a one-byte marker says there is one.
    byte[] marker = row.getBoolean("has_screenshot") ? new byte[0] : null;
    return new Stored(row.getLong("id"), new BrowserRun(row.getString("portal_id"), Target.fromLabel(row.getString("target")),
        URI.create(row.getString("url")), at.toInstant(), row.getInteger("wall_ms"),
        BrowserRun.Outcome.fromLabel(row.getString("outcome")), row.getString("cause"), row.getString("method"),
        row.getString("profile"), row.getString("browser_version"), row.getDouble("fcp_ms"), row.getDouble("lcp_ms"),
        row.getDouble("cls"), row.getDouble("tbt_ms"), row.getDouble("load_ms"), row.getLong("bytes"),
        row.getInteger("requests"), byType, row.getInteger("failed_requests"), row.getInteger("console_errors"),
        row.getInteger("mixed_content"), AxeSummary.parse((JsonObject) row.getJson("axe")), marker, List.of()));
  }
}
