package vn.dvcwatch.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;

/**
 * What the pages and the JSON API read. The app implements it over the live evaluation, the store and
 * the registry; the web room only reads it, so the board keeps working whatever sits behind it.
 * Nothing returned here may carry contacts: public endpoints serve it as it is (and strip
 * {@code contacts} once more, as a second line).
 */
public interface BoardSource {
  /**
   * The current ranking: items with at least {@code id, name, kind, status, score, grade, rank,
   * uptime{"24h","30d"}, ttfbP75Ms, totalP75Ms, certDaysLeft, checkedAt} (plus {@code provisional,
   * band, owner}).
   */
  JsonArray portals();

  /**
   * One portal: the fields of {@link #portals()} plus {@code breakdown, caps, incidents, gradeHistory,
   * sla, homepage, eform} and the latest probe per target; empty when the id is unknown.
   */
  Future<Optional<JsonObject>> portal(String id);

  /** Probe results {@code {at, target, outcome, cause, status, phases{...}}} in {@code [from, to)}. */
  Future<JsonArray> history(String id, Instant from, Instant to);

  /** The SLA table of one month: rows {@code {id, name, uptime, downtimeMinutes, incidents, ...}}. */
  Future<JsonArray> sla(YearMonth month);

  /**
   * The latest incidents of the whole fleet, newest start first: {@code {id, portal, start, end, cause,
   * open}} (for the Atom feed of /status). A read model without incident history returns none.
   */
  default Future<JsonArray> recentIncidents(int limit) {
    return Future.succeededFuture(new JsonArray());
  }

  /**
   * Every portal's last {@code days} Vietnam days up to today, in one read (the strips and recent incidents of
   * /status): rows {@code {portal, uptime, days: [{day, uptime, downMinutes, incidents, maintenance}], incidents:
   * [{id, portal, start, end, cause, open}]}}, uptimes in percent and null where nothing was observed (a day before
   * monitoring began). The SLA's arithmetic: downtime is incident time. None by default.
   */
  default Future<JsonArray> uptimeDays(int days) {
    return Future.succeededFuture(new JsonArray());
  }

  /**
   * Every portal's grade changes since {@code since}, oldest first, each portal's opened by the grade it held
   * when the window began: rows {@code {portal, at, grade, score}} (the wall's 7-day trend). None by default.
   */
  default Future<JsonArray> gradeTrail(Instant since) {
    return Future.succeededFuture(new JsonArray());
  }

  /**
   * Which map of the administration the fleet follows: {@code {year, count, file}} (year of the registry's
   * {@code fleet:}, portals watched, registry file name); every page shows year and count. Null when unknown.
   */
  default JsonObject map() {
    return null;
  }

  /** True while the watchdog suspects its own network: the board shows a banner, not 83 red rows. */
  boolean networkSuspect();
}
