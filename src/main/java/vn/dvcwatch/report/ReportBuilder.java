package vn.dvcwatch.report;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.dvcwatch.alert.Acknowledgements;
import vn.dvcwatch.alert.Acknowledgements.Acknowledgement;
import vn.dvcwatch.check.FixHints;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.result.TlsPosture;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.registry.Vietnam;
import vn.dvcwatch.store.MaintenanceWindow;
import vn.dvcwatch.store.SlaRow;
import vn.dvcwatch.store.Store;

/**
 * Gathers one month's report data for a fleet from the store: the SLA rows of {@code SlaQueries} (the
 * same arithmetic as the API and the board), incidents with who acknowledged them, the maintenance
 * windows excluded, grades and ranks at the month's start and end with the criteria that moved, and
 * the certificate findings and fixes of each portal's last homepage probe of the month. The result is
 * the JSON the renderers read and the archive keeps: everything a page shows is in it.
 */
final class ReportBuilder {
  static final ZoneId VIETNAM = Vietnam.ZONE;
  /** Fixes shown per portal: the most urgent few, as on the portal page. */
  private static final int TOP_FIXES = 5;

  private final Store store;

  ReportBuilder(Store store) {
    this.store = store;
  }

  static Instant monthStart(YearMonth m) {
    return m.atDay(1).atStartOfDay(VIETNAM).toInstant();
  }

  Future<JsonObject> build(YearMonth month, String fleetName, List<Portal> portals, Instant now) {
    Instant from = monthStart(month);
    Instant to = monthStart(month.plusMonths(1));
    Future<List<SlaRow>> sla = store.sla().month(month, portals);
    Future<List<MaintenanceWindow>> maint = store.maintenance().list();
    Future<Map<String, List<Acknowledgement>>> acks = acks(from, to);
    Future<Map<String, List<GradeRow>>> grades = grades(to);
    Future<Map<String, ProbeResult>> last = lastHomepage(portals, from, to);
    return Future.all(sla, maint, acks, grades, last).map(x -> {
      Map<String, GradeRow> startGrades = gradesAt(grades.result(), from);
      Map<String, GradeRow> endGrades = gradesAt(grades.result(), to);
      Map<String, Integer> startRanks = ranks(startGrades);
      Map<String, Integer> endRanks = ranks(endGrades);
      JsonArray out = new JsonArray();
      for (int i = 0; i < portals.size(); i++) {
        Portal p = portals.get(i);
        SlaRow row = sla.result().get(i);
        JsonObject j = new JsonObject().put("id", p.id()).put("name", p.name()).put("kind", p.kind().label())
            .put("owner", p.owner() == null ? p.name() : p.owner()).put("target", p.slaTarget())
            .put("uptime", Double.isNaN(row.uptime()) ? null : row.uptime())
            .put("downtimeMin", round(row.downtimeMinutes())).put("maintenanceMin", round(row.maintenanceMinutes()))
            .put("budgetUsed", Double.isNaN(row.uptime()) ? null : round(1 - row.errorBudgetRemaining()))
            .put("eligibleMin", Double.isNaN(row.uptime()) ? null : round(row.eligibleMinutes()))
            .put("budgetMin", Double.isNaN(row.uptime()) ? null : round(row.budgetMinutes()));
        j.put("incidents", incidents(row.incidentList(), acks.result().getOrDefault(p.id(), List.of()), from, to, now));
        j.put("maintenance", maintenance(maint.result(), p.id(), from, to));
        j.put("grade", grade(p.id(), grades.result().getOrDefault(p.id(), List.of()), startGrades.get(p.id()),
            endGrades.get(p.id()), startRanks.get(p.id()), endRanks.get(p.id()), from));
        ProbeResult r = last.result().get(p.id());
        j.put("findings", r == null || r.tls() == null ? new JsonArray() : new JsonArray(tlsFindings(r.tls())));
        j.put("fixes", r == null ? new JsonArray() : new JsonArray(FixHints.of(r).stream().limit(TOP_FIXES).toList()));
        out.add(j);
      }
      // The scoring model of every grade in the report (one model per report: the query above); null without grades.
      Integer model = grades.result().values().stream().flatMap(List::stream).map(GradeRow::model).findFirst().orElse(null);
      return new JsonObject().put("month", month.toString()).put("fleet", fleetName).put("modelVersion", model)
          .put("from", from.toString()).put("to", to.toString())
          .put("asOf", now.isBefore(to) ? now.toString() : null).put("portals", out);
    });
  }

  private static JsonArray incidents(List<Incident> list, List<Acknowledgement> acks, Instant from, Instant to, Instant now) {
    JsonArray out = new JsonArray();
    for (Incident i : list) {
      Instant end = i.end() == null ? (now.isBefore(to) ? now : to) : i.end();
      Instant a = i.start().isBefore(from) ? from : i.start();
      Instant b = end.isAfter(to) ? to : end;
      Acknowledgement ack = Acknowledgements.of(i, acks);
      out.add(new JsonObject().put("id", i.id()).put("start", i.start().toString())
          .put("end", i.end() == null ? null : i.end().toString()).put("cause", i.cause())
          .put("target", i.target() == null ? null : i.target().label())
          .put("minutes", round(Math.max(0, Duration.between(a, b).toMillis()) / 60_000.0)).put("ackBy", ack == null ? null : ack.by())
          .put("ackAt", ack == null ? null : ack.at().toString()));
    }
    return out;
  }

  private static JsonArray maintenance(List<MaintenanceWindow> all, String portalId, Instant from, Instant to) {
    List<MaintenanceWindow> mine = new ArrayList<>();
    for (MaintenanceWindow w : all) {
      if (w.appliesTo(portalId) && w.from().isBefore(to) && w.to().isAfter(from)) {
        mine.add(w);
      }
    }
    mine.sort(java.util.Comparator.comparing(MaintenanceWindow::from).thenComparingLong(MaintenanceWindow::id));
    JsonArray out = new JsonArray();
    for (MaintenanceWindow w : mine) {
      out.add(new JsonObject().put("from", w.from().toString()).put("to", w.to().toString())
          .put("reason", w.reason()).put("fleetWide", w.portalId() == null));
    }
    return out;
  }

  private static JsonObject grade(String id, List<GradeRow> history, GradeRow start, GradeRow end, Integer startRank,
      Integer endRank, Instant from) {
    JsonArray changes = new JsonArray();
    String before = start == null ? null : start.grade;
    for (GradeRow g : history) {
      if (!g.at.isBefore(from) && (end == null || !g.at.isAfter(end.at))) {
        changes.add(new JsonObject().put("at", g.at.toString()).put("from", before).put("to", g.grade)
            .put("score", round(g.score)).put("moved", g.moved));
        before = g.grade;
      }
    }
    return new JsonObject().put("start", start == null ? null : start.grade)
        .put("startScore", start == null ? null : round(start.score)).put("startRank", startRank)
        .put("end", end == null ? null : end.grade).put("endScore", end == null ? null : round(end.score))
        .put("endRank", endRank).put("changes", changes);
  }

  /** Open certificate and TLS findings, as short Vietnamese lines (the fixes say what to do about them). */
  static List<String> tlsFindings(TlsPosture t) {
    List<String> out = new ArrayList<>();
    if (t.expired()) {
      out.add("Chứng chỉ đã hết hạn");
    } else if (t.daysLeft() != null && t.daysLeft() < 30) {
      out.add("Chứng chỉ hết hạn sau " + t.daysLeft() + " ngày");
    }
    if (!t.trusted()) {
      out.add("Chứng chỉ không được tin cậy" + (t.trustError() == null ? "" : " (" + t.trustError() + ")"));
    }
    if (!t.hostnameMatch()) {
      out.add("Chứng chỉ không khớp tên miền");
    }
    if (t.legacyProtocols() != null && !t.legacyProtocols().isEmpty()) {
      out.add("Còn bật giao thức cũ: " + String.join(", ", t.legacyProtocols()));
    }
    if (!t.forwardSecrecy()) {
      out.add("Không có forward secrecy");
    }
    return out;
  }

  private record GradeRow(String grade, double score, Instant at, JsonArray moved, int model) {}

  /** Acknowledgements that may belong to an incident of the month (one month of slack for long incidents). */
  private Future<Map<String, List<Acknowledgement>>> acks(Instant from, Instant to) {
    return Acknowledgements.between(store.pool(), null, from.minus(Duration.ofDays(31)), to);
  }

  private Future<Map<String, List<GradeRow>>> grades(Instant to) {
    // Only grades of the scoring model in force at the month's end (the model of the newest grade before it): a v1
    // grade is neither the start of a v2 drift nor ranked against v2 scores (docs/SCORING.md, model versions).
    return store.pool().preparedQuery("SELECT portal_id, grade, score, at, moved, model_version FROM grade_history WHERE at < $1"
        + " AND model_version = (SELECT model_version FROM grade_history WHERE at < $1 ORDER BY at DESC, id DESC LIMIT 1)"
        + " ORDER BY at, id").execute(Tuple.of(utc(to))).map(rows -> {
          Map<String, List<GradeRow>> out = new HashMap<>();
          for (Row r : rows) {
            Object moved = r.getValue("moved");
            out.computeIfAbsent(r.getString("portal_id"), k -> new ArrayList<>()).add(new GradeRow(r.getString("grade"),
                r.getDouble("score"), r.getOffsetDateTime("at").toInstant(), moved instanceof JsonArray a ? a : null,
                r.getInteger("model_version")));
          }
          return out;
        });
  }

  /** Each portal's newest grade recorded before {@code t}. */
  private static Map<String, GradeRow> gradesAt(Map<String, List<GradeRow>> all, Instant t) {
    Map<String, GradeRow> out = new HashMap<>();
    all.forEach((id, rows) -> {
      for (GradeRow g : rows) {
        if (g.at.isBefore(t)) {
          out.put(id, g);
        }
      }
    });
    return out;
  }

  /** Competition ranking by score, highest first (equal scores share a rank), ids breaking no ties. */
  private static Map<String, Integer> ranks(Map<String, GradeRow> grades) {
    Map<String, Integer> out = new HashMap<>();
    for (var e : grades.entrySet()) {
      int better = 0;
      for (GradeRow o : grades.values()) {
        if (o.score > e.getValue().score) {
          better++;
        }
      }
      out.put(e.getKey(), better + 1);
    }
    return out;
  }

  private Future<Map<String, ProbeResult>> lastHomepage(List<Portal> portals, Instant from, Instant to) {
    Map<String, ProbeResult> out = new java.util.concurrent.ConcurrentHashMap<>();
    List<Future<?>> all = new ArrayList<>();
    for (Portal p : portals) {
      all.add(store.probes().history(p.id(), from, to, 2).onSuccess(rs -> {
        for (ProbeResult r : rs) {
          if (r.target() == Target.HOMEPAGE) {
            out.put(p.id(), r);
          }
        }
      }));
    }
    return Future.all(all).map(x -> out);
  }

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }

  private static OffsetDateTime utc(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }
}
