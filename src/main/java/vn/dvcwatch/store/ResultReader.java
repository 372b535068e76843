package vn.dvcwatch.store;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.dvcwatch.result.HeaderPosture;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.PagePosture;
import vn.dvcwatch.result.Phases;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.result.TlsPosture;
import vn.dvcwatch.result.PostureJson;

/**
 * Turns {@code probe_result} rows back into {@link ProbeResult}s. Postures are fetched once per distinct
 * digest in a second query and shared between the rows that point at them: a day of one portal is
 * thousands of rows but a handful of postures, and decoding their JSON per row cost more than the query.
 */
final class ResultReader {
  /** The columns every read selects, in the order {@link #read} expects. */
  static final String COLUMNS = "portal_id, target, started_at, outcome, cause, status, url, dns_ms, connect_ms,"
      + " tls_ms, ttfb_ms, transfer_ms, total_ms, redirects, bytes, posture, warmup";

  private record Stored(TlsPosture tls, HeaderPosture headers, PagePosture page) {}

  private ResultReader() {}

  static Future<List<ProbeResult>> read(SqlClient client, RowSet<Row> rows) {
    Map<String, Buffer> digests = new LinkedHashMap<>();
    for (Row r : rows) {
      Buffer d = r.getBuffer(15);
      if (d != null) {
        digests.putIfAbsent(hex(d), d);
      }
    }
    Future<Map<String, Stored>> postures = digests.isEmpty() ? Future.succeededFuture(Map.of())
        : client.preparedQuery("SELECT digest, tls, headers, page FROM probe_posture WHERE digest = ANY($1)")
            .execute(Tuple.of(digests.values().toArray(Buffer[]::new))).map(ResultReader::postures);
    return postures.map(known -> {
      List<ProbeResult> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        Buffer d = r.getBuffer(15);
        Stored p = d == null ? null : known.get(hex(d));
        out.add(new ProbeResult(r.getString(0), Target.fromLabel(r.getString(1)), r.getString(6),
            Sql.instant(r, "started_at"), Outcome.valueOf(r.getString(3)), r.getString(4), r.getInteger(5),
            new Phases(r.getDouble(7), r.getDouble(8), r.getDouble(9), r.getDouble(10), r.getDouble(11),
                r.getDouble(12)),
            r.getInteger(13), r.getLong(14), p == null ? null : p.tls(), p == null ? null : p.headers(),
            p == null ? null : p.page(), r.getBoolean(16)));
      }
      return out;
    });
  }

  private static Map<String, Stored> postures(RowSet<Row> rows) {
    Map<String, Stored> out = new HashMap<>();
    for (Row r : rows) {
      out.put(hex(r.getBuffer(0)), new Stored(PostureJson.tls(json(r, 1)), PostureJson.headers(json(r, 2)),
          PostureJson.page(json(r, 3))));
    }
    return out;
  }

  private static JsonObject json(Row r, int column) {
    Object v = r.getValue(column);
    return v instanceof JsonObject j ? j : null;
  }

  private static String hex(Buffer b) {
    return HexFormat.of().formatHex(b.getBytes());
  }
}
