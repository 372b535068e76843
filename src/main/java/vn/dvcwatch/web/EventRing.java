package vn.dvcwatch.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The bounded memory of recent events that lets a reconnecting client replay exactly what it missed.
 * Only used on the hub's context.
 */
final class EventRing {
  private final int size;
  private final ArrayDeque<SseFrame> frames = new ArrayDeque<>();
  private long lastId;

  EventRing(int size, long startId) {
    this.size = size;
    this.lastId = startId;
  }

  void add(SseFrame f) {
    frames.addLast(f);
    if (frames.size() > size) {
      frames.removeFirst();
    }
    lastId = f.id();
  }

  /** The id of the newest event delivered (the start id before any). */
  long lastId() {
    return lastId;
  }

  /**
   * The frames after {@code since}, or null when the client cannot be brought up to date from the
   * ring (no id, an id from the future or another process, or events already evicted).
   */
  List<SseFrame> since(Long since) {
    if (since == null || since > lastId) {
      return null;
    }
    long oldest = frames.isEmpty() ? lastId + 1 : frames.peekFirst().id();
    if (since < oldest - 1) {
      return null;
    }
    List<SseFrame> out = new ArrayList<>();
    for (SseFrame f : frames) {
      if (f.id() > since) {
        out.add(f);
      }
    }
    return out;
  }
}
