package vn.dvcwatch.app;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import vn.dvcwatch.cluster.ClusterRoom;
import vn.dvcwatch.grade.Evaluation;
import vn.dvcwatch.grade.PortalEvaluation;
import vn.dvcwatch.grade.Scorecard;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.status.PortalStatus;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.status.StatusTracker;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.registry.Vietnam;
import vn.dvcwatch.store.SlaRow;
import vn.dvcwatch.store.Store;
import vn.dvcwatch.web.BoardSource;

/**
 * The board's view of the watchdog: the latest evaluation joined with the registry, the confirmed statuses
 * and the latest probes; history, incidents, grade history and SLA from the store. Contacts never leave
 * here. The ranking array is rebuilt only when an evaluation or a status change made it stale, so the
 * public read path serves a ready object.
 */
final class LiveBoard implements BoardSource {
  private static final ZoneId VIETNAM = Vietnam.ZONE;
  private static final int SLA_MONTHS = 6;
  /** The portal page's uptime strip: one cell per Vietnam day. */
  private static final int STRIP_DAYS = 90;

  private final Supplier<Map<String, Portal>> fleet;
  private final Supplier<FleetMap> map;
  private final StatusTracker tracker;
  private final ProbePipeline pipeline;
  private final Store store;
  private final Clock clock;
  private volatile Evaluation evaluation;
  private volatile JsonArray ranking;
  /** The leader's board {@link #ranking} was built from (null: this node's own). */
  private volatile Served rankingFrom;
  /** The browser room's latest run of each page (null: no browser figures on the board). */
  private volatile vn.dvcwatch.browser.BrowserRoom browser;
  private volatile Integer modelVersion;
  /** In a cluster: the voted status and each vantage's own (docs/CLUSTER.md); null alone. */
  private volatile ClusterRoom cluster;
  /** In a cluster: the leader's published board, which a follower serves (docs/CLUSTER.md); null alone. */
  private volatile vn.dvcwatch.cluster.BoardExchange published;
  /** The leader's evaluation built from {@link #published}, and the state version it was built from. */
  private volatile Served served;
  /** The leader's side: this node's evaluation as entries ({@link BoardJson#scored}), built once per evaluation. */
  private Evaluation entriesOf;
  private Map<String, JsonObject> scoredEntries = Map.of();

  private record Served(long version, Evaluation evaluation, Map<String, PortalStatus> statuses) {}

  LiveBoard(Supplier<Map<String, Portal>> fleet, Supplier<FleetMap> map, StatusTracker tracker, ProbePipeline pipeline,
      Store store, Clock clock) {
    this.fleet = fleet;
    this.map = map;
    this.tracker = tracker;
    this.pipeline = pipeline;
    this.store = store;
    this.clock = clock;
  }

  void cluster(ClusterRoom room) {
    this.cluster = room;
    this.ranking = null;
  }

  /** From now on a follower serves the leader's board once it has it whole (docs/CLUSTER.md). */
  void published(vn.dvcwatch.cluster.BoardExchange exchange) {
    this.published = exchange;
    exchange.onChange(this::stale);
    this.ranking = null;
  }

  /**
   * The board this node publishes while it leads: one entry per portal of the fleet, its voted status and, once
   * scored, its line and scorecard ({@link BoardJson}). Called on the watchdog's context.
   */
  Map<String, JsonObject> entries() {
    Evaluation ev = evaluation;
    if (ev != entriesOf) {
      Map<String, JsonObject> scored = new HashMap<>();
      if (ev != null) {
        ev.portals().forEach(p -> scored.put(p.portalId(), BoardJson.scored(p, ev.scorecards().get(p.portalId()))));
      }
      scoredEntries = scored;
      entriesOf = ev;
    }
    ClusterRoom room = cluster;
    Map<String, JsonObject> out = new HashMap<>();
    for (String id : fleet.get().keySet()) {
      PortalStatus status = room == null ? tracker.status(id) : room.status(id);
      JsonObject scored = scoredEntries.get(id);
      Entry e = entryCache.get(id);
      if (e == null || e.scored() != scored || e.status() != status) { // built again only when it changed
        e = new Entry(scored, status, BoardJson.entry(status, scored));
        entryCache.put(id, e);
      }
      out.put(id, e.json());
    }
    entryCache.keySet().retainAll(out.keySet());
    return out;
  }

  private record Entry(JsonObject scored, PortalStatus status, JsonObject json) {}

  private final Map<String, Entry> entryCache = new HashMap<>();

  /**
   * The leader's board when this node follows and has it (null: this node's own model is served). A follower that
   * has not yet had the leader's whole board serves its own, and {@link #source()} says so.
   */
  private Served served() {
    vn.dvcwatch.cluster.BoardExchange ex = published;
    vn.dvcwatch.cluster.BoardExchange.State st = ex == null ? null : ex.state();
    if (st == null) {
      return null;
    }
    Served s = served;
    if (s == null || s.version() != st.version()) {
      Map<String, PortalStatus> statuses = new HashMap<>();
      st.entries().forEach((id, e) -> statuses.put(id, BoardJson.status(e)));
      s = new Served(st.version(), BoardJson.evaluation(st.entries(), st.at()), statuses);
      served = s;
    }
    return s;
  }

  /**
   * Whose board this node serves ({@code /health/ready}'s {@code cluster.board}): {@code own} (alone, the leader,
   * or a follower that has not yet had the leader's board) or {@code leader}, with the leader's node, whether this
   * node is in step with it, and when its last change arrived.
   */
  JsonObject source() {
    vn.dvcwatch.cluster.BoardExchange ex = published;
    vn.dvcwatch.cluster.BoardExchange.State st = ex == null ? null : ex.state();
    if (st == null) {
      return new JsonObject().put("source", "own");
    }
    return new JsonObject().put("source", "leader").put("leader", st.leader()).put("synced", st.synced())
        .put("at", st.at().toString());
  }

  /** The evaluation the board shows: the leader's when this node serves it, else its own. */
  private Evaluation shownEvaluation() {
    Served s = served();
    return s != null ? s.evaluation() : evaluation;
  }

  /** The status the board shows: the leader's when this node serves its board, else this node's vote (or tracker). */
  private PortalStatus shownStatus(String id) {
    Served s = served();
    if (s != null && s.statuses().containsKey(id)) {
      return s.statuses().get(id);
    }
    ClusterRoom room = cluster;
    return room == null ? tracker.status(id) : room.status(id);
  }

  /** The version of the scoring model loaded at start (the grade trail's model before the first evaluation). */
  void modelVersion(int version) {
    this.modelVersion = version;
  }

  void browser(vn.dvcwatch.browser.BrowserRoom room) {
    this.browser = room;
    this.ranking = null;
  }

  void evaluation(Evaluation ev) {
    this.evaluation = ev;
    stale();
  }

  /** A status changed or the fleet was reloaded: the next read rebuilds the ranking (and a leader republishes). */
  void stale() {
    this.ranking = null;
    vn.dvcwatch.cluster.BoardExchange ex = published;
    if (ex != null) {
      ex.changed();
    }
  }

  JsonObject snapshot() {
    return new JsonObject().put("generatedAt", clock.instant().toString()).put("portals", portals())
        .put("networkSuspect", networkSuspect()).put("map", map()).put("browser", browserState());
  }

  /** Whether the board can show browser figures: {@code {available, reason?, method?}}; null when not wired. */
  private JsonObject browserState() {
    vn.dvcwatch.browser.BrowserRoom room = browser;
    if (room == null) {
      return null;
    }
    JsonObject r = room.readiness();
    JsonObject out = new JsonObject().put("available", r.getBoolean("available"));
    return r.containsKey("reason") ? out.put("reason", r.getString("reason")) : out.put("method", r.getString("method"));
  }

  /** The latest browser run of each page ({@code homepage}, {@code eform}: {@link vn.dvcwatch.browser.BrowserJson#board}). */
  private JsonObject browserFigures(String portalId) {
    vn.dvcwatch.browser.BrowserRoom room = browser;
    if (room == null) {
      return null;
    }
    JsonObject out = new JsonObject();
    room.latest(portalId).forEach((target, run) -> out.put(target, vn.dvcwatch.browser.BrowserJson.board(run)));
    return out;
  }

  @Override
  public JsonObject map() {
    return map.get().json(fleet.get().size());
  }

  @Override
  public JsonArray portals() {
    JsonArray r = ranking;
    Served from = served();
    if (r == null || from != rankingFrom) { // a follower's leader's board arrived, or this node took the lead
      rankingFrom = from;
      r = buildRanking();
      ranking = r;
    }
    return r;
  }

  private JsonArray buildRanking() {
    Map<String, Portal> portals = fleet.get();
    Evaluation ev = shownEvaluation();
    Map<String, PortalEvaluation> byId = new HashMap<>();
    if (ev != null) {
      ev.portals().forEach(p -> byId.put(p.portalId(), p));
    }
    List<Portal> order = portals.values().stream().sorted(Comparator
        .comparingInt((Portal p) -> byId.containsKey(p.id()) ? byId.get(p.id()).rank() : Integer.MAX_VALUE)
        .thenComparing(Portal::id)).toList();
    JsonArray out = new JsonArray();
    for (Portal p : order) {
      out.add(row(p, byId.get(p.id())));
    }
    return out;
  }

  private JsonObject row(Portal p, PortalEvaluation e) {
    ClusterRoom room = cluster;
    PortalStatus status = shownStatus(p.id());
    JsonObject uptime = new JsonObject().put("24h", e == null ? null : percent(e.uptime24h()))
        .put("30d", e == null ? null : percent(e.uptime30d()));
    ProbeResult home = pipeline.shown(p.id(), Target.HOMEPAGE);
    Instant checked = latestOf(pipeline.checkedAt(p.id(), Target.HOMEPAGE), pipeline.checkedAt(p.id(), Target.EFORM));
    JsonObject row = new JsonObject().put("id", p.id()).put("name", p.name()).put("kind", p.kind().name().toLowerCase(java.util.Locale.ROOT))
        .put("owner", p.owner()).put("status", status.name())
        .put("score", e == null ? null : e.score()).put("grade", e == null ? null : e.grade())
        .put("band", e == null ? null : e.band()).put("provisional", e == null || e.provisional())
        .put("rank", e == null ? null : e.rank()).put("uptime", uptime)
        .put("ttfbP75Ms", e == null ? null : round(e.ttfbP75Ms())).put("totalP75Ms", e == null ? null : round(e.totalP75Ms()))
        .put("certDaysLeft", e == null ? null : e.certDaysLeft())
        .put("checkedAt", checked == null ? null : checked.toString())
        // The cause belongs to the confirmed status: a failure still awaiting confirmation leaves the portal UP,
        // and an UP row with a cause read as "working (timeout)" (the stream's status events clear it the same way).
        .put("cause", status == PortalStatus.UP || home == null || home.outcome() == vn.dvcwatch.result.Outcome.UP
            ? null : home.cause())
        .put("detail", CertificateDetail.of(home))
        .put("browser", browserFigures(p.id()));
    if (room != null) {
      row.put("vantages", room.vantages(p.id()));
    }
    return row;
  }

  @Override
  public Future<Optional<JsonObject>> portal(String id) {
    Portal p = fleet.get().get(id);
    if (p == null) {
      return Future.succeededFuture(Optional.empty());
    }
    Evaluation ev = shownEvaluation();
    PortalEvaluation pe = ev == null ? null : ev.portals().stream().filter(x -> x.portalId().equals(id)).findFirst().orElse(null);
    JsonObject out = row(p, pe).put("homepage", p.homepage().toString()).put("eform", p.eform() == null ? null : p.eform().toString())
        .put("slaTarget", p.slaTarget() * 100).put("successor", p.successor())
        .put("predecessors", map.get().predecessors(id)).put("map", map());
    Optional<Scorecard> card = ev == null ? Optional.empty() : ev.scorecard(id);
    out.put("modelVersion", card.map(Scorecard::modelVersion).orElse(null));
    out.put("breakdown", ScorecardJson.criteria(card.map(Scorecard::breakdown).orElse(List.of())));
    out.put("caps", ScorecardJson.criteria(card.map(Scorecard::caps).orElse(List.of())));
    JsonObject latest = new JsonObject();
    for (Target t : Target.values()) {
      ProbeResult r = pipeline.shown(id, t);
      latest.put(t.label(), r == null ? null : EventJson.historyItem(r));
    }
    out.put("latest", latest);
    // In a cluster the incidents are the leader's, decided by the vote and written to the shared store; this node's
    // own tracker sees only its vantage (it would show a regional failure's local outage, and miss one the other
    // vantages voted), so the open incident is read from the store below.
    if (cluster == null) {
      tracker.openIncident(id).ifPresent(i -> out.put("openIncident", EventJson.incident(i)));
    }
    YearMonth now = YearMonth.from(clock.instant().atZone(VIETNAM));
    // With who acknowledged each (the alert room's rule, the same as the monthly report's).
    Future<JsonArray> incidents = store.incidents().forPortal(id, 50).compose(list -> list.isEmpty()
        ? Future.succeededFuture(new JsonArray())
        : vn.dvcwatch.alert.Acknowledgements.between(store.pool(), id,
            list.stream().map(Incident::start).min(java.util.Comparator.naturalOrder()).orElseThrow(),
            clock.instant().plus(java.time.Duration.ofDays(1)))
            .map(acks -> new JsonArray(list.stream().map(i -> {
              var ack = vn.dvcwatch.alert.Acknowledgements.of(i, acks.getOrDefault(id, List.of()));
              return EventJson.incident(i).put("ackBy", ack == null ? null : ack.by())
                  .put("ackAt", ack == null ? null : ack.at().toString());
            }).toList())));
    Future<List<JsonObject>> grades = store.grades().history(id, 50);
    java.time.LocalDate today = clock.instant().atZone(VIETNAM).toLocalDate();
    Future<List<vn.dvcwatch.store.DailyRollup>> days = store.probes().daily(id, today.minusDays(STRIP_DAYS - 1), today);
    List<Future<List<SlaRow>>> months = new java.util.ArrayList<>();
    for (int i = 0; i < SLA_MONTHS; i++) {
      months.add(store.sla().month(now.minusMonths(i), List.of(p)));
    }
    List<Future<?>> all = new java.util.ArrayList<>(months);
    all.add(incidents);
    all.add(grades);
    all.add(days);
    return Future.join(all).transform(ar -> {
      out.put("incidents", incidents.succeeded() ? incidents.result() : new JsonArray());
      if (cluster != null && incidents.succeeded()) {
        incidents.result().stream().map(JsonObject.class::cast).filter(i -> i.getBoolean("open", false)).findFirst()
            .ifPresent(i -> out.put("openIncident", i.copy()));
      }
      out.put("gradeHistory", grades.succeeded() ? new JsonArray(List.copyOf(grades.result())) : new JsonArray());
      JsonArray sla = new JsonArray();
      for (Future<List<SlaRow>> m : months) {
        if (m.succeeded()) {
          m.result().forEach(row -> sla.add(slaJson(row, p)));
        }
      }
      out.put("sla", sla);
      out.put("days", days.succeeded() ? dayStrip(days.result()) : new JsonArray());
      out.put("storeAvailable", ar.succeeded());
      return Future.succeededFuture(Optional.of(out));
    });
  }

  /** The fleet's latest incidents from each portal's latest few (the store keeps them per portal). */
  @Override
  public Future<JsonArray> recentIncidents(int limit) {
    List<Future<List<Incident>>> each = fleet.get().keySet().stream().map(id -> store.incidents().forPortal(id, 3)).toList();
    return Future.join(each).transform(ar -> Future.succeededFuture(new JsonArray(each.stream()
        .filter(Future::succeeded).flatMap(f -> f.result().stream())
        .sorted(Comparator.comparing(Incident::start).reversed()).limit(limit).map(EventJson::incident).toList())));
  }

  @Override
  public Future<JsonArray> uptimeDays(int days) {
    java.time.LocalDate today = clock.instant().atZone(VIETNAM).toLocalDate();
    return store.sla().days(today.minusDays(days - 1L), today, List.copyOf(fleet.get().values())).map(rows -> {
      JsonArray out = new JsonArray();
      for (vn.dvcwatch.store.UptimeDays r : rows) {
        JsonArray cells = new JsonArray();
        r.days().forEach(d -> cells.add(new JsonObject().put("day", d.day().toString()).put("uptime", percentOrNull(d.uptime()))
            .put("downMinutes", round(d.downMinutes())).put("incidents", d.incidents()).put("maintenance", d.maintenance())));
        out.add(new JsonObject().put("portal", r.portalId()).put("uptime", percentOrNull(r.uptime())).put("days", cells)
            .put("incidents", new JsonArray(r.incidents().stream().map(EventJson::incident).toList())));
      }
      return out;
    });
  }

  private static Double percentOrNull(double fraction) {
    return Double.isNaN(fraction) ? null : round3(fraction * 100);
  }

  @Override
  public Future<JsonArray> gradeTrail(Instant since) {
    Evaluation ev = shownEvaluation(); // the trend shows grades of the model in use only (issue 18: models never mix)
    // Before the first evaluation (just after a start) the loaded model says which; never every model at once.
    Integer model = ev == null || ev.portals().isEmpty() ? modelVersion
        : ev.scorecard(ev.portals().get(0).portalId()).map(Scorecard::modelVersion).orElse(modelVersion);
    return store.grades().since(since, model).map(rows -> new JsonArray(List.copyOf(rows)));
  }

  @Override
  public Future<JsonArray> history(String id, Instant from, Instant to) {
    return store.probes().history(id, from, to, 5000)
        .map(list -> new JsonArray(list.stream().map(EventJson::historyItem).toList()));
  }

  @Override
  public Future<JsonArray> sla(YearMonth month) {
    Map<String, Portal> portals = fleet.get();
    return store.sla().month(month, List.copyOf(portals.values())).map(rows -> {
      JsonArray out = new JsonArray();
      rows.stream().sorted(Comparator.comparing(SlaRow::portalId)).forEach(r -> {
        Portal p = portals.get(r.portalId());
        if (p != null) {
          out.add(slaJson(r, p));
        }
      });
      return out;
    });
  }

  private static JsonObject slaJson(SlaRow r, Portal p) {
    return new JsonObject().put("id", p.id()).put("name", p.name()).put("month", r.month().toString())
        .put("uptime", Double.isNaN(r.uptime()) ? null : round3(r.uptime() * 100))
        .put("downtimeMinutes", round(r.downtimeMinutes())).put("incidents", r.incidents())
        .put("maintenanceMinutes", round(r.maintenanceMinutes())).put("target", round3(r.target() * 100))
        .put("errorBudgetRemaining", Double.isNaN(r.errorBudgetRemaining()) ? null : round3(r.errorBudgetRemaining()));
  }

  /** The homepage's uptime per Vietnam day ({@code day, probes, uptime} in percent), oldest first. */
  private static JsonArray dayStrip(List<vn.dvcwatch.store.DailyRollup> rows) {
    JsonArray out = new JsonArray();
    rows.stream().filter(r -> r.target() == Target.HOMEPAGE && r.probes() > 0).forEach(r -> out.add(new JsonObject()
        .put("day", r.day().toString()).put("probes", r.probes()).put("uptime", round3(100.0 * r.up() / r.probes()))));
    return out;
  }

  @Override
  public boolean networkSuspect() {
    return tracker.networkProblem();
  }

  private static Instant latestOf(Instant a, Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }

  private static Double percent(Double fraction) {
    return fraction == null ? null : round3(fraction * 100);
  }

  private static Double round(Double v) {
    return v == null ? null : Math.round(v * 10) / 10.0;
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
