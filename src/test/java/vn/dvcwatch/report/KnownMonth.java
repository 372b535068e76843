package vn.dvcwatch.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.registry.PortalKind;
import vn.dvcwatch.store.Store;

/**
 * September 2026 (30 days; Vietnam month = 2026-08-31T17:00Z .. 2026-09-30T17:00Z) with known facts,
 * written into a real store. The expected figures in the tests are computed by hand from these.
 */
final class KnownMonth {
  static final YearMonth MONTH = YearMonth.of(2026, 9);
  static final String HA_NOI_CONTACT = "cntt@hanoi.example.invalid";
  static final String KHCN_CONTACT = "cntt@most.example.invalid";
  static final Portal HA_NOI = portal("ha-noi", "Thành phố Hà Nội", PortalKind.PROVINCE, "UBND Thành phố Hà Nội", 0.995,
      HA_NOI_CONTACT);
  static final Portal KHCN = portal("bo-khcn", "Bộ Khoa học và Công nghệ", PortalKind.MINISTRY,
      "Bộ Khoa học và Công nghệ", 0.99, KHCN_CONTACT);
  static final String HA_NOI_OWNER = "UBND Thành phố Hà Nội";
  static final String MOT_CUA_CONTACT = "motcua@hanoi.example.invalid";
  /** A second portal of the same owner (a sector system beside the province's portal), with its own target. */
  static final Portal MOT_CUA = portal("ha-noi-mot-cua", "Hệ thống một cửa điện tử Hà Nội", PortalKind.PROVINCE,
      HA_NOI_OWNER, 0.99, MOT_CUA_CONTACT);
  static final List<Portal> FLEET = List.of(HA_NOI, KHCN, MOT_CUA);

  private KnownMonth() {}

  static Portal portal(String id, String name, PortalKind kind, String owner, double target, String contact) {
    return new Portal(id, name, kind, URI.create("https://" + id + ".gov.vn/"), URI.create("https://" + id + ".gov.vn/tthc"),
        owner, List.of(contact), target, null, null, true);
  }

  static Path dataDir() {
    try {
      return Files.createTempDirectory("dvc-report");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void seed(Store store) {
    sql(store, "INSERT INTO portal_seen (portal_id, first_probe_at) VALUES ($1, $2), ($3, $4), ($5, $6)",
        Tuple.of("ha-noi", at("2026-08-01T00:00:00Z"), "bo-khcn", at("2026-09-15T00:00:00Z"), "ha-noi-mot-cua",
            at("2026-08-01T00:00:00Z")));
    // Hà Nội's one-stop system: 45 min down on the 5th, nobody acknowledged; no grade recorded.
    store.incidents().close(new Incident("inc-3", "ha-noi-mot-cua", Instant.parse("2026-09-05T03:00:00Z"),
        Instant.parse("2026-09-05T03:45:00Z"), "timeout", Target.HOMEPAGE), null).await();
    // Hà Nội: 60 min down on the 10th (acknowledged); 90 min on the 20th, 30 of them inside maintenance.
    store.incidents().close(new Incident("inc-1", "ha-noi", Instant.parse("2026-09-10T01:00:00Z"),
        Instant.parse("2026-09-10T02:00:00Z"), "connect", Target.HOMEPAGE), null).await();
    store.incidents().close(new Incident("inc-2", "ha-noi", Instant.parse("2026-09-20T00:00:00Z"),
        Instant.parse("2026-09-20T01:30:00Z"), "http_5xx", Target.EFORM), null).await();
    // An incident of August, outside the month: not counted, not listed.
    store.incidents().close(new Incident("inc-0", "ha-noi", Instant.parse("2026-08-10T00:00:00Z"),
        Instant.parse("2026-08-10T05:00:00Z"), "dns", Target.HOMEPAGE), null).await();
    store.maintenance().add("ha-noi", Instant.parse("2026-09-20T00:30:00Z"), Instant.parse("2026-09-20T01:00:00Z"),
        "Nâng cấp máy chủ").await();
    sql(store, "INSERT INTO acknowledgement (portal_id, by_whom, note, created_at) VALUES ($1, $2, '', $3)",
        Tuple.of("ha-noi", "Nguyễn Văn An", at("2026-09-10T01:10:00Z")));
    // inc-2 acknowledged through its email link the next morning, after it ended: it still names inc-2.
    sql(store, "INSERT INTO acknowledgement (portal_id, by_whom, incident_id, via, created_at) VALUES ($1, $2, $3,"
        + " 'email_link', $4)", Tuple.of("ha-noi", "Trực ban (liên kết trong email)", "inc-2", at("2026-09-21T01:00:00Z")));
    // Grades: Hà Nội A (95) before the month, C (65) from the 12th; Khoa học và Công nghệ A (92) throughout.
    store.grades().record("ha-noi", "A", 95, Instant.parse("2026-08-20T00:00:00Z")).await();
    store.grades().record("bo-khcn", "A", 92, Instant.parse("2026-08-25T00:00:00Z")).await();
    store.grades().record("ha-noi", "C", 65, Instant.parse("2026-09-12T03:00:00Z"), new JsonArray()
        .add(new JsonObject().put("id", "availability").put("before", 30.0).put("after", 20.0))
        .add(new JsonObject().put("id", "ttfb").put("before", 15.0).put("after", 10.0))).await();
  }

  private static void sql(Store store, String sql, Tuple t) {
    store.pool().preparedQuery(sql).execute(t).await();
  }

  private static OffsetDateTime at(String iso) {
    return Instant.parse(iso).atOffset(ZoneOffset.UTC);
  }
}
