package vn.dvcwatch.store;

import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import vn.dvcwatch.result.Phases;
import vn.dvcwatch.result.ProbeResult;

/**
 * The SQL that writes {@code probe_result} (reading is {@link ResultReader}). A batch is one statement with one array per
 * column ({@code unnest}): one round trip and one plan for hundreds of rows, the cheapest bulk path the
 * pg client offers short of COPY.
 */
final class ProbeRows {
  static final String INSERT = """
      INSERT INTO probe_result (portal_id, target, started_at, outcome, cause, status, url, dns_ms, connect_ms,
                                tls_ms, ttfb_ms, transfer_ms, total_ms, redirects, bytes, posture, warmup, vantage)
      SELECT *, $18::text FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::int[],
                           $7::text[], $8::float8[], $9::float8[], $10::float8[], $11::float8[], $12::float8[],
                           $13::float8[], $14::int[], $15::int8[], $16::bytea[], $17::bool[])""";

  static final String INSERT_POSTURES = """
      INSERT INTO probe_posture (digest, tls, headers, page, last_seen)
      SELECT * FROM unnest($1::bytea[], $2::jsonb[], $3::jsonb[], $4::jsonb[], $5::timestamptz[])
      ON CONFLICT (digest) DO UPDATE SET last_seen = greatest(probe_posture.last_seen, EXCLUDED.last_seen)""";

  static final String INSERT_SEEN = """
      INSERT INTO portal_seen (portal_id, first_probe_at) SELECT * FROM unnest($1::text[], $2::timestamptz[])
      ON CONFLICT (portal_id) DO UPDATE SET first_probe_at = least(portal_seen.first_probe_at, EXCLUDED.first_probe_at)""";

  private ProbeRows() {}

  /** One batch of one vantage's results (every result of a process has its process's vantage). */
  static Tuple batch(List<ProbeResult> rows, List<Posture> postures, String vantage) {
    int n = rows.size();
    String[] portal = new String[n];
    String[] target = new String[n];
    OffsetDateTime[] at = new OffsetDateTime[n];
    String[] outcome = new String[n];
    String[] cause = new String[n];
    Integer[] status = new Integer[n];
    String[] url = new String[n];
    Double[][] phases = new Double[6][n];
    Integer[] redirects = new Integer[n];
    Long[] bytes = new Long[n];
    Buffer[] posture = new Buffer[n];
    Boolean[] warmup = new Boolean[n];
    for (int i = 0; i < n; i++) {
      ProbeResult r = rows.get(i);
      portal[i] = r.portalId();
      target[i] = r.target().label();
      at[i] = Sql.utc(r.startedAt());
      outcome[i] = r.outcome().name();
      cause[i] = r.cause();
      status[i] = r.status();
      url[i] = r.url();
      Phases p = r.phases() == null ? Phases.NONE : r.phases();
      phases[0][i] = p.dns();
      phases[1][i] = p.connect();
      phases[2][i] = p.tls();
      phases[3][i] = p.ttfb();
      phases[4][i] = p.transfer();
      phases[5][i] = p.total();
      redirects[i] = r.redirects();
      bytes[i] = r.bytes();
      Posture pos = postures.get(i);
      posture[i] = pos == null ? null : pos.digestBuffer();
      warmup[i] = r.warmup();
    }
    Tuple t = Tuple.tuple().addArrayOfString(portal).addArrayOfString(target).addArrayOfOffsetDateTime(at)
        .addArrayOfString(outcome).addArrayOfString(cause).addArrayOfInteger(status).addArrayOfString(url);
    for (Double[] phase : phases) {
      t.addArrayOfDouble(phase);
    }
    return t.addArrayOfInteger(redirects).addArrayOfLong(bytes).addValue(posture).addArrayOfBoolean(warmup)
        .addString(vantage);
  }

  static Tuple postures(Collection<Posture> postures, OffsetDateTime seen) {
    int n = postures.size();
    Buffer[] digest = new Buffer[n];
    Object[] tls = new Object[n];
    Object[] headers = new Object[n];
    Object[] page = new Object[n];
    OffsetDateTime[] lastSeen = new OffsetDateTime[n];
    int i = 0;
    for (Posture p : postures) {
      digest[i] = p.digestBuffer();
      tls[i] = p.tlsJson();
      headers[i] = p.headersJson();
      page[i] = p.pageJson();
      lastSeen[i] = seen;
      i++;
    }
    return Tuple.tuple().addValue(digest).addValue(tls).addValue(headers).addValue(page)
        .addArrayOfOffsetDateTime(lastSeen);
  }
}
