package vn.dvcwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class EventRingTest {
  private static EventRing ringWith(int size, long start, int events) {
    EventRing ring = new EventRing(size, start);
    for (long id = start + 1; id <= start + events; id++) {
      ring.add(new SseFrame(id, Buffer.buffer("e" + id)));
    }
    return ring;
  }

  @Test
  void replaysExactlyTheEventsAfterTheGivenId() {
    EventRing ring = ringWith(4, 100, 6); // holds 103..106
    assertThat(ring.lastId()).isEqualTo(106);
    assertThat(ring.since(102L)).extracting(SseFrame::id).containsExactly(103L, 104L, 105L, 106L);
    assertThat(ring.since(104L)).extracting(SseFrame::id).containsExactly(105L, 106L);
    assertThat(ring.since(106L)).isEmpty();
  }

  @Test
  void cannotReplayWhatWasEvictedOrNeverIssued() {
    EventRing ring = ringWith(4, 100, 6);
    assertThat(ring.since(101L)).as("104 evicted 102").isNull();
    assertThat(ring.since(107L)).as("from the future (another process)").isNull();
    assertThat(ring.since(null)).isNull();
  }

  @Test
  void anEmptyRingIsUpToDateOnlyAtItsStart() {
    EventRing ring = new EventRing(4, 100);
    assertThat(ring.since(100L)).isEmpty();
    assertThat(ring.since(99L)).isNull();
  }

  @Test
  void idsMayJumpAndARestartForgetsEverythingBeforeIt() {
    EventRing ring = ringWith(4, 100, 2); // 101, 102
    ring.add(new SseFrame(5_000, Buffer.buffer("a new leader's first")));
    assertThat(ring.since(101L)).extracting(SseFrame::id).containsExactly(102L, 5_000L);
    ring.restart(new SseFrame(9_000, Buffer.buffer("after a gap")));
    assertThat(ring.since(5_000L)).as("what came between is unknown here").isNull();
    assertThat(ring.since(9_000L)).isEmpty();
    ring.add(new SseFrame(9_001, Buffer.buffer("next")));
    assertThat(ring.since(9_000L)).extracting(SseFrame::id).containsExactly(9_001L);
    ring.restart(0);
    assertThat(ring.since(0L)).isEmpty();
    assertThat(ring.since(9_001L)).isNull();
  }
}
