package vn.dvcwatch.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import vn.dvcwatch.result.ProbeResult;

/**
 * The bounded queue between probing and the database. Adding never blocks; when full, the oldest result
 * is dropped and counted (the newest say most about the portal now, and the count is what operators
 * see: overflow is never silent). Thread-safe: probes append from their own event loops.
 */
final class ResultBuffer {
  private final int capacity;
  private final ArrayDeque<ProbeResult> queue = new ArrayDeque<>();
  private long overflowed;

  ResultBuffer(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
  }

  /** Adds a result; returns the depth after adding. */
  synchronized int add(ProbeResult r) {
    if (queue.size() >= capacity) {
      queue.pollFirst();
      overflowed++;
    }
    queue.addLast(r);
    return queue.size();
  }

  /** Takes up to {@code max} of the oldest results out of the buffer. */
  synchronized List<ProbeResult> take(int max) {
    List<ProbeResult> out = new ArrayList<>(Math.min(max, queue.size()));
    while (out.size() < max && !queue.isEmpty()) {
      out.add(queue.pollFirst());
    }
    return out;
  }

  /**
   * Puts back a batch whose write failed, ahead of everything appended since, so order is kept. What no
   * longer fits is the oldest and is counted as overflow.
   */
  synchronized void putBack(List<ProbeResult> batch) {
    for (int i = batch.size() - 1; i >= 0; i--) {
      if (queue.size() >= capacity) {
        overflowed++;
      } else {
        queue.addFirst(batch.get(i));
      }
    }
  }

  synchronized int size() {
    return queue.size();
  }

  synchronized long overflowed() {
    return overflowed;
  }
}
