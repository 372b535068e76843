package vn.dvcwatch.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import vn.dvcwatch.alert.BudgetBurn;

/**
 * The SLA arithmetic, plain Java (no database, no Vert.x) so that table tests can pin it down. Uptime is
 * time-weighted: over a period, the portal is observed from its first probe (or the period's start, if
 * later) up to now (or the period's end); downtime is the union of its incident intervals within that,
 * minus maintenance; uptime = 1 − downtime / (observed − maintenance). See docs/STORAGE.md.
 */
final class SlaMath {
  /** A target of 100 % leaves no budget; arithmetic treats it as 99.999 % so burn rates stay finite. */
  static final double MIN_BUDGET = 1e-5;
  static final double FAST_BURN = BudgetBurn.FAST_THRESHOLD;
  static final double SLOW_BURN = BudgetBurn.SLOW_THRESHOLD;

  private SlaMath() {}

  /** A half-open interval [from, to) of time. */
  record Span(Instant from, Instant to) {
    long millis() {
      return Math.max(0, Duration.between(from, to).toMillis());
    }

    Span clip(Span w) {
      Instant f = from.isBefore(w.from) ? w.from : from;
      Instant t = to.isAfter(w.to) ? w.to : to;
      return new Span(f, t.isBefore(f) ? f : t);
    }
  }

  /** What one portal's record over one period comes to. */
  record Measure(long observedMs, long maintenanceMs, long downMs, long fullEligibleMs) {
    /** 0..1, NaN when nothing was observed outside maintenance. */
    double uptime() {
      long eligible = observedMs - maintenanceMs;
      return eligible <= 0 ? Double.NaN : 1.0 - (double) downMs / eligible;
    }

    /** Burn rate: the error rate over the period divided by the error rate the target allows. */
    double burn(double target) {
      long eligible = observedMs - maintenanceMs;
      return eligible <= 0 ? 0.0 : ((double) downMs / eligible) / budget(target);
    }

    /** Fraction of the period's error budget left: 1 untouched, 0 spent, negative overspent. */
    double budgetRemaining(double target) {
      double allowed = budget(target) * fullEligibleMs;
      return allowed <= 0 ? 1.0 : 1.0 - downMs / allowed;
    }
  }

  static double budget(double target) {
    return Math.max(1.0 - target, MIN_BUDGET);
  }

  /**
   * Measures a portal over {@code period}.
   *
   * @param firstProbe when monitoring of the portal began; null when it was never probed
   * @param now time of the question: later parts of the period are not observed yet
   * @param outages incident intervals (an open incident ends at {@code now})
   * @param maintenance the portal's maintenance windows
   */
  static Measure measure(Span period, Instant firstProbe, Instant now, List<Span> outages, List<Span> maintenance) {
    if (firstProbe == null || !firstProbe.isBefore(period.to)) {
      return new Measure(0, 0, 0, 0);
    }
    Instant start = firstProbe.isAfter(period.from) ? firstProbe : period.from;
    Span full = new Span(start, period.to);
    Span observed = new Span(start, now.isBefore(period.to) ? now : period.to);
    List<Span> maintFull = union(clip(maintenance, full));
    List<Span> maint = union(clip(maintenance, observed));
    List<Span> down = minus(union(clip(outages, observed)), maint);
    return new Measure(observed.millis(), total(maint), total(down), full.millis() - total(maintFull));
  }

  static List<Span> clip(List<Span> spans, Span window) {
    List<Span> out = new ArrayList<>();
    for (Span s : spans) {
      Span c = s.clip(window);
      if (c.millis() > 0) {
        out.add(c);
      }
    }
    return out;
  }

  /** Sorted, non-overlapping spans covering the same time. */
  static List<Span> union(List<Span> spans) {
    List<Span> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparing(Span::from));
    List<Span> out = new ArrayList<>();
    for (Span s : sorted) {
      Span last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && !s.from.isAfter(last.to)) {
        out.set(out.size() - 1, new Span(last.from, s.to.isAfter(last.to) ? s.to : last.to));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** {@code a} minus {@code b}; both must be unions (sorted, disjoint). */
  static List<Span> minus(List<Span> a, List<Span> b) {
    List<Span> out = new ArrayList<>();
    for (Span s : a) {
      Instant cursor = s.from;
      for (Span cut : b) {
        if (!cut.to.isAfter(cursor) || !cut.from.isBefore(s.to)) {
          continue;
        }
        if (cut.from.isAfter(cursor)) {
          out.add(new Span(cursor, cut.from));
        }
        cursor = cut.to.isAfter(cursor) ? cut.to : cursor;
      }
      if (cursor.isBefore(s.to)) {
        out.add(new Span(cursor, s.to));
      }
    }
    return out;
  }

  static long total(List<Span> spans) {
    long t = 0;
    for (Span s : spans) {
      t += s.millis();
    }
    return t;
  }
}
