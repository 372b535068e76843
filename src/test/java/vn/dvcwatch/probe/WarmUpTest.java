package vn.dvcwatch.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.Phases;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;

/** Which results are warm-up: the first minute after the first probe, and the first probe of each host. */
class WarmUpTest {
  static final Instant T0 = Instant.parse("2026-12-04T08:00:00Z");

  static ProbeResult probe(String url, int second) {
    return new ProbeResult("p", Target.HOMEPAGE, url, T0.plusSeconds(second), Outcome.UP, null, 200,
        new Phases(1.0, 2.0, 5.0, 90.0, 4.0, 102.0), 0, 1000, null, null, null);
  }

  @Test
  void theFirstMinuteAndEachHostsFirstProbeAreWarmUp() {
    WarmUp w = new WarmUp(Duration.ofSeconds(60));
    assertThat(w.mark(probe("https://a.gov.vn/", 0)).warmup()).isTrue();
    assertThat(w.mark(probe("https://a.gov.vn/eform", 30)).warmup()).as("within the first minute").isTrue();
    assertThat(w.mark(probe("https://a.gov.vn/", 59)).warmup()).isTrue();
    assertThat(w.mark(probe("https://a.gov.vn/", 60)).warmup()).as("steady from the first minute's end").isFalse();
    assertThat(w.mark(probe("https://b.gov.vn/", 90)).warmup()).as("the first probe of a new host").isTrue();
    assertThat(w.mark(probe("https://b.gov.vn/", 120)).warmup()).isFalse();
    assertThat(w.mark(probe("https://b.gov.vn:8443/", 150)).warmup()).as("another port is another host").isTrue();
    assertThat(w.mark(probe(null, 180)).warmup()).as("no URL: the portal stands for its host").isTrue();
    assertThat(w.mark(probe(null, 210)).warmup()).isFalse();
  }

  @Test
  void theMarkKeepsEverythingElse() {
    ProbeResult r = probe("https://a.gov.vn/", 0);
    ProbeResult marked = new WarmUp(Duration.ofSeconds(60)).mark(r);
    assertThat(marked).isEqualTo(r.withWarmup(true));
    assertThat(marked.withWarmup(false)).isEqualTo(r);
  }
}
