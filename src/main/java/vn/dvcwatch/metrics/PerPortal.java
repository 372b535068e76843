package vn.dvcwatch.metrics;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * Per-portal series keyed by two label values (page and phase, page and outcome). A portal has a dozen
 * at most, so they sit in a small copy-on-write array behind one map entry per portal: at 10,000 portals
 * a map entry and a key string per series would cost more than the series themselves. Lookups are
 * lock-free; adding a series locks only its portal.
 */
final class PerPortal<T extends PerPortal.Series> {
  /** A series that knows its two label values. */
  abstract static class Series {
    final String first;
    final String second;

    Series(String first, String second) {
      this.first = first;
      this.second = second;
    }
  }

  private final Map<String, Slots> byPortal = new ConcurrentHashMap<>();
  private final BiFunction<String, String, T> create;

  PerPortal(BiFunction<String, String, T> create) {
    this.create = create;
  }

  private static final class Slots {
    volatile Series[] all = {};
  }

  /** The series of {@code portal} labelled (first, second), created on first use. */
  @SuppressWarnings("unchecked")
  T get(String portal, String first, String second) {
    Slots slots = byPortal.computeIfAbsent(portal, k -> new Slots());
    Series found = find(slots.all, first, second);
    if (found == null) {
      synchronized (slots) {
        found = find(slots.all, first, second);
        if (found == null) {
          found = create.apply(first, second);
          Series[] grown = Arrays.copyOf(slots.all, slots.all.length + 1);
          grown[grown.length - 1] = found;
          slots.all = grown;
        }
      }
    }
    return (T) found;
  }

  private static Series find(Series[] all, String first, String second) {
    for (Series k : all) {
      if (k.second.equals(second) && k.first.equals(first)) {
        return k;
      }
    }
    return null;
  }

  /** Forgets the series of portals not in {@code portals}. */
  void retain(Set<String> portals) {
    byPortal.keySet().retainAll(portals);
  }

  /** Every series with its portal, for a scrape. */
  @SuppressWarnings("unchecked")
  void forEach(BiConsumer<String, T> action) {
    byPortal.forEach((portal, slots) -> {
      for (Series k : slots.all) {
        action.accept(portal, (T) k);
      }
    });
  }
}
