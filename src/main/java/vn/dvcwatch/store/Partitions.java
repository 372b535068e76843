package vn.dvcwatch.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The daily partitions of {@code probe_result} (UTC days). Created ahead by housekeeping, and on demand
 * for a batch that reaches a day not yet created (results buffered across midnight, a clock step), so an
 * insert never fails for want of a partition. Retention drops whole partitions: instant, no vacuum.
 */
final class Partitions {
  static final String PREFIX = "probe_result_p";
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private final Pool pool;
  private final Set<LocalDate> known = new ConcurrentSkipListSet<>();

  Partitions(Pool pool) {
    this.pool = pool;
  }

  static String name(LocalDate day) {
    return PREFIX + DAY.format(day);
  }

  static LocalDate day(Instant at) {
    return at.atOffset(ZoneOffset.UTC).toLocalDate();
  }

  /** Reads which partitions exist. */
  Future<Set<LocalDate>> load() {
    String sql = "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
        + " WHERE i.inhparent = 'probe_result'::regclass";
    return pool.query(sql).execute().map(rows -> {
      Set<LocalDate> days = new TreeSet<>();
      for (Row r : rows) {
        String n = r.getString(0);
        if (n.startsWith(PREFIX)) {
          days.add(LocalDate.parse(n.substring(PREFIX.length()), DAY));
        }
      }
      known.clear();
      known.addAll(days);
      return days;
    });
  }

  /** Yesterday, today and {@code ahead} days after today. */
  Future<Void> ensureAround(Instant now, int ahead) {
    LocalDate today = day(now);
    List<LocalDate> days = new ArrayList<>();
    for (int i = -1; i <= ahead; i++) {
      days.add(today.plusDays(i));
    }
    return ensure(days);
  }

  Future<Void> ensure(Collection<LocalDate> days) {
    Future<Void> f = Future.succeededFuture();
    for (LocalDate d : new TreeSet<>(days)) {
      if (!known.contains(d)) {
        f = f.compose(x -> create(d));
      }
    }
    return f;
  }

  private Future<Void> create(LocalDate d) {
    String sql = "CREATE TABLE IF NOT EXISTS " + name(d) + " PARTITION OF probe_result FOR VALUES FROM ('" + d
        + " 00:00:00+00') TO ('" + d.plusDays(1) + " 00:00:00+00')";
    return pool.query(sql).execute().onSuccess(x -> known.add(d)).mapEmpty();
  }

  /** Drops every partition whose whole day ends at or before {@code cutoff}; returns the days dropped. */
  Future<List<LocalDate>> dropBefore(Instant cutoff) {
    return load().compose(days -> {
      List<LocalDate> old = days.stream().filter(d -> !d.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)
          .isAfter(cutoff)).toList();
      Future<Void> f = Future.succeededFuture();
      for (LocalDate d : old) {
        f = f.compose(x -> pool.query("DROP TABLE IF EXISTS " + name(d)).execute().onSuccess(y -> known.remove(d))
            .mapEmpty());
      }
      return f.map(old);
    });
  }
}
