package vn.dvcwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachedBodyTest {
  @Test
  void rendersOncePerChangeAtMostFourTimesASecond() {
    AtomicLong version = new AtomicLong();
    AtomicLong clock = new AtomicLong();
    AtomicInteger renders = new AtomicInteger();
    CachedBody body = new CachedBody(version::get, () -> Buffer.buffer("v" + renders.incrementAndGet()), clock::get);
    CachedBody.Entry first = body.current();
    assertThat(body.current()).isSameAs(first);
    version.incrementAndGet();
    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
    assertThat(body.current()).as("a change within 250 ms waits").isSameAs(first);
    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
    CachedBody.Entry second = body.current();
    assertThat(second.body().toString()).isEqualTo("v2");
    assertThat(second.etag()).isNotEqualTo(first.etag());
    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(900));
    assertThat(body.current()).as("no change, under a second").isSameAs(second);
    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
    assertThat(body.current().body().toString()).as("re-rendered after a second even without events").isEqualTo("v3");
  }
}
