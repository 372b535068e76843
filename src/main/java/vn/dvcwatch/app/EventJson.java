package vn.dvcwatch.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import vn.dvcwatch.grade.CriterionDelta;
import vn.dvcwatch.grade.GradeChange;
import vn.dvcwatch.grade.RankChange;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.status.StatusEvent;

/** The JSON of the SSE events of docs/API.md and of the probe items of the history API: one shape each, in one place. */
final class EventJson {
  private EventJson() {}

  static JsonObject probe(ProbeResult r) {
    return new JsonObject().put("portal", r.portalId()).put("target", r.target().label())
        .put("outcome", r.outcome().name()).put("cause", r.cause()).put("detail", CertificateDetail.of(r))
        .put("status", r.status())
        .put("phases", vn.dvcwatch.result.PostureJson.phases(r.phases())).put("at", iso(r.startedAt()))
        .put("warmup", r.warmup());
  }

  /** A history item: the probe without the portal id (the URL already names it). */
  static JsonObject historyItem(ProbeResult r) {
    return probe(r).put("bytes", r.bytes()).put("redirects", r.redirects());
  }

  static JsonObject status(StatusEvent.StatusChanged s) {
    return new JsonObject().put("portal", s.portalId()).put("from", s.from().name()).put("to", s.to().name())
        .put("cause", s.cause()).put("at", iso(s.at()));
  }

  static JsonObject incident(Incident i) {
    return new JsonObject().put("id", i.id()).put("portal", i.portalId()).put("start", iso(i.start()))
        .put("end", iso(i.end())).put("cause", i.cause()).put("target", i.target() == null ? null : i.target().label())
        .put("open", i.open());
  }

  static JsonObject grade(GradeChange g) {
    JsonArray moved = new JsonArray();
    for (CriterionDelta d : g.moved()) {
      moved.add(new JsonObject().put("id", d.id()).put("before", d.before()).put("after", d.after()));
    }
    return new JsonObject().put("portal", g.portalId()).put("from", g.from()).put("to", g.to())
        .put("score", g.score()).put("moved", moved);
  }

  static JsonObject rank(RankChange r) {
    return new JsonObject().put("portal", r.portalId()).put("from", r.from()).put("to", r.to());
  }

  static String iso(Instant t) {
    return t == null ? null : t.toString();
  }
}
