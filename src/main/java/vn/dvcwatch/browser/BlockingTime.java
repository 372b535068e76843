package vn.dvcwatch.browser;

import java.util.List;

/**
 * Total Blocking Time as Lighthouse defines it: for every main-thread task longer than 50 ms, the part of
 * it beyond 50 ms, counting only the part of the task between First Contentful Paint and Time to
 * Interactive. dvc-watch does not compute TTI (it needs a 5-second quiet window the load does not wait
 * for); it counts up to the end of its observation (the load event plus the settle time, or the deadline),
 * which is where TTI lies for any page that is quiet by then and later than TTI for one that is not
 * (docs/BROWSER.md).
 */
final class BlockingTime {
  static final double LONG_TASK_MS = 50;

  private BlockingTime() {}

  /** A long task as the browser reported it: start and duration in ms from navigation start. */
  record Task(double start, double duration) {}

  /** Null when there was no first contentful paint (nothing to measure from). */
  static Double total(Double fcp, double end, List<Task> tasks) {
    if (fcp == null) {
      return null;
    }
    double sum = 0;
    for (Task t : tasks) {
      double from = Math.max(t.start(), fcp);
      double to = Math.min(t.start() + t.duration(), end);
      if (to <= from) {
        continue;
      }
      // Lighthouse clips a task to the window and then takes what lies beyond 50 ms of the clipped part.
      sum += Math.max(0, to - from - LONG_TASK_MS);
    }
    return sum;
  }
}
