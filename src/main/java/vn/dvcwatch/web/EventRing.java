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
  /**
   * The oldest id a client may claim and still be brought up to date: the start, then the newest evicted
   * frame, or the first frame after a {@link #restart}. Ids need not be consecutive (a new cluster leader
   * continues from the clock), so this, not arithmetic on ids, says where the ring is complete.
   */
  private long floor;

  EventRing(int size, long startId) {
    this.size = size;
    this.lastId = startId;
    this.floor = startId;
  }

  void add(SseFrame f) {
    frames.addLast(f);
    if (frames.size() > size) {
      floor = frames.removeFirst().id();
    }
    lastId = f.id();
  }

  /**
   * Starts again from {@code f} after a gap in a relayed stream (this node missed events of the leader's):
   * a client that saw anything before {@code f} gets a fresh snapshot rather than a replay with a hole.
   */
  void restart(SseFrame f) {
    frames.clear();
    frames.addLast(f);
    lastId = f.id();
    floor = f.id();
  }

  /** Empties the ring, up to date at {@code id} only (a hub that joins a cluster starts again at 0). */
  void restart(long id) {
    frames.clear();
    lastId = id;
    floor = id;
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
    if (since == null || since > lastId || since < floor) {
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
