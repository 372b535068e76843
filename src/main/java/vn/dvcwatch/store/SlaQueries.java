package vn.dvcwatch.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.store.SlaMath.Measure;
import vn.dvcwatch.store.SlaMath.Span;

/**
 * SLA tables for the fleet. Three small queries (incidents and maintenance overlapping the period, first
 * probe per portal) and the arithmetic of {@link SlaMath} in memory: the cost grows with incidents, not
 * with probe rows, so the 30-day table of the whole fleet stays cheap however often portals are probed.
 */
public final class SlaQueries {
  private static final Duration[] ROLLING = {Duration.ofHours(24), Duration.ofDays(7), Duration.ofDays(30)};

  private final IncidentLog incidents;
  private final MaintenanceLog maintenance;
  private final Pool pool;

  SlaQueries(IncidentLog incidents, MaintenanceLog maintenance, Pool pool) {
    this.incidents = incidents;
    this.maintenance = maintenance;
    this.pool = pool;
  }

  /** Each portal of {@code fleet} over a calendar month, with Vietnam month boundaries. */
  public Future<List<SlaRow>> month(YearMonth month, List<Portal> fleet) {
    Instant now = Instant.now();
    Span period = monthSpan(month);
    return facts(period.from(), period.to()).map(f -> {
      List<SlaRow> out = new ArrayList<>(fleet.size());
      for (Portal p : fleet) {
        List<Incident> theirs = f.incidents(p.id());
        Instant first = f.firstProbe.get(p.id());
        Measure m = SlaMath.measure(period, first, now, f.outages(p.id(), now), f.maintenance(p.id()));
        List<Incident> shown = observed(theirs, first);
        out.add(new SlaRow(p.id(), month, m.uptime(), m.downMs() / 60_000.0, shown.size(),
            m.maintenanceMs() / 60_000.0, p.slaTarget(), m.budgetRemaining(p.slaTarget()), shown,
            (m.observedMs() - m.maintenanceMs()) / 60_000.0, SlaMath.budget(p.slaTarget()) * m.fullEligibleMs() / 60_000.0));
      }
      return out;
    });
  }

  /**
   * Each portal of {@code fleet} over the Vietnam days [{@code from}, {@code to}], day by day (the public status
   * page's strips): the same three queries and arithmetic as a month's table, whatever the number of days.
   */
  public Future<List<UptimeDays>> days(java.time.LocalDate from, java.time.LocalDate to, List<Portal> fleet) {
    Instant now = Instant.now();
    Span window = new Span(from.atStartOfDay(Rollups.VIETNAM).toInstant(), to.plusDays(1).atStartOfDay(Rollups.VIETNAM).toInstant());
    return facts(window.from(), window.to()).map(f -> {
      List<UptimeDays> out = new ArrayList<>(fleet.size());
      for (Portal p : fleet) {
        Instant first = f.firstProbe.get(p.id());
        List<Span> outages = f.outages(p.id(), now);
        List<Span> maint = f.maintenance(p.id());
        List<Incident> shown = observed(f.incidents(p.id()), first);
        List<UptimeDays.Day> days = new ArrayList<>();
        for (java.time.LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
          Span day = new Span(d.atStartOfDay(Rollups.VIETNAM).toInstant(), d.plusDays(1).atStartOfDay(Rollups.VIETNAM).toInstant());
          Measure m = SlaMath.measure(day, first, now, outages, maint);
          long on = shown.stream().filter(i -> i.start().isBefore(day.to()) && (i.end() == null || i.end().isAfter(day.from()))
              && i.start().isBefore(now)).count();
          days.add(new UptimeDays.Day(d, m.uptime(), m.downMs() / 60_000.0, (int) on,
              m.maintenanceMs() > 0 && m.maintenanceMs() >= m.observedMs()));
        }
        out.add(new UptimeDays(p.id(), SlaMath.measure(window, first, now, outages, maint).uptime(), days, shown));
      }
      return out;
    });
  }

  /** The incidents of a portal that overlap the time it has been watched. */
  private static List<Incident> observed(List<Incident> theirs, Instant first) {
    return theirs.stream().filter(i -> first != null && (i.end() == null || i.end().isAfter(first))).toList();
  }

  /** Rolling uptimes, the current month's budget left and the burn rates of each portal at {@code now}. */
  public Future<Map<String, SlaWindow>> windows(List<Portal> fleet, Instant now) {
    Span month = monthSpan(YearMonth.from(now.atZone(Rollups.VIETNAM)));
    Instant from = now.minus(ROLLING[2]).isBefore(month.from()) ? now.minus(ROLLING[2]) : month.from();
    return facts(from, now).map(f -> {
      Map<String, SlaWindow> out = new LinkedHashMap<>();
      for (Portal p : fleet) {
        Instant first = f.firstProbe.get(p.id());
        List<Span> outages = f.outages(p.id(), now);
        List<Span> maint = f.maintenance(p.id());
        double target = p.slaTarget();
        double[] up = new double[ROLLING.length];
        for (int i = 0; i < ROLLING.length; i++) {
          up[i] = SlaMath.measure(new Span(now.minus(ROLLING[i]), now), first, now, outages, maint).uptime();
        }
        double budget = SlaMath.measure(month, first, now, outages, maint).budgetRemaining(target);
        double b1h = burn(Duration.ofHours(1), now, first, outages, maint, target);
        double b5m = burn(Duration.ofMinutes(5), now, first, outages, maint, target);
        double b6h = burn(Duration.ofHours(6), now, first, outages, maint, target);
        double b30m = burn(Duration.ofMinutes(30), now, first, outages, maint, target);
        out.put(p.id(), new SlaWindow(p.id(), up[0], up[1], up[2], budget, b1h, b5m, b6h, b30m,
            b1h >= SlaMath.FAST_BURN && b5m >= SlaMath.FAST_BURN, b6h >= SlaMath.SLOW_BURN && b30m >= SlaMath.SLOW_BURN));
      }
      return out;
    });
  }

  private static double burn(Duration window, Instant now, Instant first, List<Span> outages, List<Span> maint,
      double target) {
    return SlaMath.measure(new Span(now.minus(window), now), first, now, outages, maint).burn(target);
  }

  static Span monthSpan(YearMonth month) {
    return new Span(month.atDay(1).atStartOfDay(Rollups.VIETNAM).toInstant(),
        month.plusMonths(1).atDay(1).atStartOfDay(Rollups.VIETNAM).toInstant());
  }

  /** Everything the arithmetic needs about [from, to), fetched in three queries. */
  private Future<Facts> facts(Instant from, Instant to) {
    Future<List<Incident>> inc = incidents.overlapping(from, to);
    Future<List<MaintenanceWindow>> maint = maintenance.overlapping(from, to);
    Future<Map<String, Instant>> first = pool.query("SELECT portal_id, first_probe_at FROM portal_seen").execute()
        .map(rows -> {
          Map<String, Instant> m = new HashMap<>();
          rows.forEach(r -> m.put(r.getString("portal_id"), Sql.instant(r, "first_probe_at")));
          return m;
        });
    return Future.all(inc, maint, first).map(x -> new Facts(
        inc.result().stream().collect(java.util.stream.Collectors.groupingBy(Incident::portalId)),
        maint.result(), first.result()));
  }

  private record Facts(Map<String, List<Incident>> byPortal, List<MaintenanceWindow> windows,
      Map<String, Instant> firstProbe) {
    List<Incident> incidents(String portalId) {
      return byPortal.getOrDefault(portalId, List.of());
    }

    List<Span> outages(String portalId, Instant now) {
      return incidents(portalId).stream().map(i -> new Span(i.start(), i.end() == null ? now : i.end())).toList();
    }

    List<Span> maintenance(String portalId) {
      return windows.stream().filter(w -> w.appliesTo(portalId)).map(w -> new Span(w.from(), w.to())).toList();
    }
  }
}
