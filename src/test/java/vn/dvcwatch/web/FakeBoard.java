package vn.dvcwatch.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory read model for the web tests. It deliberately carries contact addresses, so the tests
 * prove that the public side strips them rather than trusting the read model.
 */
final class FakeBoard implements BoardSource {
  static final String[][] FLEET = {
    {"ha-noi", "Cổng Dịch vụ công Hà Nội", "province"},
    {"ho-chi-minh", "Cổng Dịch vụ công TP. Hồ Chí Minh", "province"},
    {"da-nang", "Cổng Dịch vụ công Đà Nẵng", "province"},
    {"bo-tu-phap", "Cổng Dịch vụ công Bộ Tư pháp", "ministry"},
    {"bo-cong-an", "Cổng Dịch vụ công Bộ Công an", "ministry"},
    {"quoc-gia", "Cổng Dịch vụ công quốc gia", "national"},
  };

  final List<JsonObject> portals = new CopyOnWriteArrayList<>();
  /** Fields merged over a portal's detail (breakdown, caps, sla...), for tests that need other data. */
  final java.util.Map<String, JsonObject> details = new java.util.concurrent.ConcurrentHashMap<>();
  volatile boolean networkSuspect;
  /** The {@code fleet:} year of the registry file the fake pretends to follow. */
  volatile String mapYear = "2023";
  /** Grade-history rows {@code {portal, at, grade, score}}, oldest first, for {@link #gradeTrail}. */
  final List<JsonObject> trail = new CopyOnWriteArrayList<>();
  /** When true, {@link #portal} fails as a broken store would (the API answers 500). */
  volatile boolean failDetail;

  FakeBoard() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String[] grades = {"A", "B", "B", "C", "D", "E"};
    for (int i = 0; i < FLEET.length; i++) {
      portals.add(new JsonObject().put("id", FLEET[i][0]).put("name", FLEET[i][1]).put("kind", FLEET[i][2])
          .put("owner", "UBND " + FLEET[i][0]).put("status", "UP").put("score", 95.0 - i * 9).put("grade", grades[i])
          .put("band", grades[i]).put("provisional", false).put("rank", i + 1)
          .put("uptime", new JsonObject().put("24h", 100.0 - i * 0.4).put("30d", 99.9 - i * 0.3))
          .put("ttfbP75Ms", 120.0 + i * 80).put("totalP75Ms", 900.0 + i * 400).put("certDaysLeft", 80 - i * 15)
          .put("checkedAt", now.toString())
          .put("contacts", new JsonArray().add("cntt@" + FLEET[i][0] + ".gov.vn")));
    }
  }

  /** Adds provinces until the fleet has {@code size} portals (the demo map has 83). */
  void grow(int size) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    for (int i = portals.size(); i < size; i++) {
      String id = "tinh-" + i;
      portals.add(new JsonObject().put("id", id).put("name", "Cổng Dịch vụ công tỉnh Số " + i).put("kind", "province")
          .put("status", "UP").put("score", 80.0 - i * 0.5).put("grade", i < 40 ? "B" : "C").put("band", "B")
          .put("provisional", false).put("rank", i + 1).put("uptime", new JsonObject().put("24h", 99.9).put("30d", 99.8))
          .put("ttfbP75Ms", 300.0).put("totalP75Ms", 1200.0).put("certDaysLeft", 60).put("checkedAt", now.toString()));
    }
  }

  /** Sets a field of one portal, as the evaluation would between two snapshots. */
  void set(String id, String field, Object value) {
    for (int i = 0; i < portals.size(); i++) {
      if (portals.get(i).getString("id").equals(id)) {
        JsonObject copy = portals.get(i).copy().put(field, value);
        portals.set(i, copy);
      }
    }
  }

  JsonObject snapshot() {
    return new JsonObject().put("generatedAt", Instant.now().toString()).put("portals", portals())
        .put("networkSuspect", networkSuspect).put("map", map());
  }

  @Override
  public JsonObject map() {
    return new JsonObject().put("year", mapYear).put("count", portals.size())
        .put("file", "2023".equals(mapYear) ? "portals.yaml" : "portals-" + mapYear + ".yaml");
  }

  @Override
  public JsonArray portals() {
    JsonArray out = new JsonArray();
    portals.forEach(p -> out.add(p.copy()));
    return out;
  }

  @Override
  public Future<Optional<JsonObject>> portal(String id) {
    if (failDetail) {
      return Future.failedFuture(new IllegalStateException("store away"));
    }
    return Future.succeededFuture(portals.stream().filter(p -> p.getString("id").equals(id)).findFirst()
        .map(p -> p.copy()
            .put("map", map())
            .put("homepage", "https://dichvucong." + id + ".gov.vn/")
            .put("eform", "https://dichvucong." + id + ".gov.vn/thu-tuc/ly-lich-tu-phap")
            .put("breakdown", new JsonArray()
                .add(criterion("availability.uptime", "availability", 27, 30, "uptime 99.52 %", "Giảm thời gian ngừng hoạt động"))
                .add(criterion("performance.homepage.ttfb", "performance", 3.5, 5, "TTFB p75 420 ms", "Bật bộ nhớ đệm phía máy chủ"))
                .add(criterion("security.headers", "security", 9, 15, "thiếu CSP, HSTS", "Thêm Content-Security-Policy"))
                .add(criterion("accessibility.alt", "accessibility", 2, 4, "12 ảnh thiếu alt", "Thêm thuộc tính alt cho ảnh")))
            .put("caps", new JsonArray())
            .put("days", days())
            .put("latest", new JsonObject().put("homepage", new JsonObject().put("target", "homepage").put("outcome", "UP")
                .put("status", 200).put("at", "2026-12-04T01:01:05Z").put("phases", new JsonObject().put("dns", 1.2)
                    .put("connect", 3.4).put("tls", 12.0).put("ttfb", 180.0).put("transfer", 40.0).put("total", 236.6))))
            .put("incidents", new JsonArray().add(new JsonObject().put("id", 7).put("start", "2026-11-20T01:00:00Z")
                .put("end", "2026-11-20T01:42:00Z").put("cause", "timeout")))
            .put("gradeHistory", new JsonArray().add(new JsonObject().put("at", "2026-11-01T00:00:00Z").put("grade", "C")
                .put("score", 70.5)))
            .put("sla", new JsonArray().add(new JsonObject().put("month", "2026-11").put("uptime", 99.7)
                .put("downtimeMinutes", 42).put("incidents", 1).put("errorBudgetRemaining", 0.6).put("target", 99.5))))
            .map(p -> p.mergeIn(details.getOrDefault(id, new JsonObject()).copy())));
  }

  /** 60 days of homepage uptime (the 30 before them unmonitored), one bad and one poor day. */
  private static JsonArray days() {
    JsonArray out = new JsonArray();
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
    for (int i = 59; i >= 0; i--) {
      double uptime = i == 3 ? 97.5 : i == 10 ? 99.5 : 100.0;
      out.add(new JsonObject().put("day", today.minusDays(i).toString()).put("probes", 1440).put("uptime", uptime));
    }
    return out;
  }

  private static JsonObject criterion(String id, String pillar, double points, double max, String measurement, String hint) {
    return new JsonObject().put("id", id).put("pillar", pillar).put("points", points).put("max", max)
        .put("measurement", measurement).put("hint", hint).put("hintEn", "Fix: " + id);
  }

  @Override
  public Future<JsonArray> recentIncidents(int limit) {
    return Future.succeededFuture(new JsonArray()
        .add(new JsonObject().put("id", "i-2").put("portal", "bo-tu-phap").put("start", "2026-12-04T01:00:00Z").putNull("end")
            .put("cause", "certificate").put("open", true))
        .add(new JsonObject().put("id", "i-1").put("portal", "ha-noi").put("start", "2026-11-20T01:00:00Z")
            .put("end", "2026-11-20T01:42:00Z").put("cause", "timeout").put("open", false)));
  }

  /** How many times {@link #uptimeDays} was read (the status page must read it once for many visitors). */
  final java.util.concurrent.atomic.AtomicInteger uptimeReads = new java.util.concurrent.atomic.AtomicInteger();

  /**
   * The last {@code days} days of each portal: the first 30 not monitored, then clean, except Hà Nội (an incident
   * of 35 minutes, 08:10-08:45 Vietnam time, three days ago) and Bộ Tư pháp (a certificate refused since an hour).
   */
  @Override
  public Future<JsonArray> uptimeDays(int days) {
    uptimeReads.incrementAndGet();
    java.time.ZoneId vn = java.time.ZoneId.of("Asia/Ho_Chi_Minh");
    java.time.LocalDate today = java.time.LocalDate.now(vn);
    Instant certSince = Instant.now().minus(java.time.Duration.ofMinutes(62)).truncatedTo(ChronoUnit.MINUTES);
    JsonArray out = new JsonArray();
    for (JsonObject p : portals) {
      String id = p.getString("id");
      JsonArray cells = new JsonArray();
      JsonArray incidents = new JsonArray();
      for (int i = days - 1; i >= 0; i--) {
        java.time.LocalDate day = today.minusDays(i);
        JsonObject cell = new JsonObject().put("day", day.toString()).put("uptime", i >= days - 30 ? null : 100.0)
            .put("downMinutes", 0.0).put("incidents", 0).put("maintenance", false);
        if (i == 3 && id.equals("ha-noi")) {
          cell.put("uptime", 97.569).put("downMinutes", 35.0).put("incidents", 1);
          Instant start = day.atTime(8, 10).atZone(vn).toInstant();
          incidents.add(new JsonObject().put("id", "i-hn").put("portal", id).put("start", start.toString())
              .put("end", start.plus(java.time.Duration.ofMinutes(35)).toString()).put("cause", "timeout").put("open", false));
        }
        if (i == 0 && id.equals("bo-tu-phap")) {
          cell.put("uptime", 80.0).put("downMinutes", 62.0).put("incidents", 1);
          incidents.add(new JsonObject().put("id", "i-tp").put("portal", id).put("start", certSince.toString()).putNull("end")
              .put("cause", "certificate").put("open", true));
        }
        cells.add(cell);
      }
      out.add(new JsonObject().put("portal", id).put("uptime", id.equals("ha-noi") ? 99.96 : id.equals("bo-tu-phap") ? 99.9 : 100.0)
          .put("days", cells).put("incidents", incidents));
    }
    return Future.succeededFuture(out);
  }

  @Override
  public Future<JsonArray> gradeTrail(Instant since) {
    // Like the store: the rows since, each portal's trail opened by its last row before.
    java.util.Map<String, JsonObject> before = new java.util.HashMap<>();
    List<JsonObject> in = new ArrayList<>();
    for (JsonObject row : trail) {
      if (Instant.parse(row.getString("at")).isBefore(since)) {
        before.put(row.getString("portal"), row);
      } else {
        in.add(row);
      }
    }
    List<JsonObject> out = new ArrayList<>(before.values());
    out.addAll(in);
    out.sort(java.util.Comparator.comparing((JsonObject r) -> r.getString("portal")).thenComparing(r -> r.getString("at")));
    return Future.succeededFuture(new JsonArray(new ArrayList<>(out)));
  }

  @Override
  public Future<JsonArray> history(String id, Instant from, Instant to) {
    List<JsonObject> rows = new ArrayList<>();
    Instant end = to.isAfter(Instant.now()) ? Instant.now() : to;
    for (int i = 0; i < 60; i++) {
      Instant at = end.minusSeconds(30L * (60 - i));
      if (at.isBefore(from)) {
        continue;
      }
      for (String target : new String[] {"homepage", "eform"}) {
        double ttfb = 100 + (i * 37 % 200) + ("eform".equals(target) ? 150 : 0);
        rows.add(new JsonObject().put("at", at.toString()).put("target", target).put("outcome", "UP").putNull("cause")
            .put("status", 200).put("phases", new JsonObject().put("dns", 1.2).put("connect", 3.4).put("tls", 12.0)
                .put("ttfb", ttfb).put("transfer", 40.0).put("total", ttfb + 60)));
      }
    }
    return Future.succeededFuture(new JsonArray(new ArrayList<>(rows)));
  }

  @Override
  public Future<JsonArray> sla(YearMonth month) {
    JsonArray out = new JsonArray();
    portals.forEach(p -> out.add(new JsonObject().put("id", p.getString("id")).put("name", p.getString("name"))
        .put("uptime", 99.8).put("downtimeMinutes", 12).put("incidents", 1).put("maintenanceMinutes", 0)
        .put("target", 99.5).put("errorBudgetRemaining", 40.0).put("contacts", p.getJsonArray("contacts"))));
    return Future.succeededFuture(out);
  }

  @Override
  public boolean networkSuspect() {
    return networkSuspect;
  }
}
