package vn.dvcwatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.Outcome;
import vn.dvcwatch.result.Phases;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;

class DvcMetricsTest {
  private static ProbeResult probe(String portal, Double ttfb) {
    return new ProbeResult(portal, Target.HOMEPAGE, "https://x/", Instant.now(), Outcome.UP, null, 200,
        new Phases(0.5, 2.0, null, ttfb, 1.0, 150.0), 0, 10, null, null, null);
  }

  @Test
  void phaseHistogramsAreCumulativeInSecondsAndSkipPhasesThatDidNotHappen() {
    DvcMetrics m = new DvcMetrics();
    m.onProbe(probe("ha-noi", 30.0));   // 0.03 s: first bucket at or above is le=0.05
    m.onProbe(probe("ha-noi", 120.0));  // 0.12 s: le=0.2
    m.onProbe(probe("ha-noi", 20_000.0)); // 20 s: only +Inf
    String text = m.scrape();
    String ttfb = "dvc_probe_phase_seconds_bucket{phase=\"ttfb\",portal=\"ha-noi\",target=\"homepage\",le=\"";
    assertThat(text).contains(ttfb + "0.025\"} 0", ttfb + "0.05\"} 1", ttfb + "0.1\"} 1", ttfb + "0.2\"} 2",
        ttfb + "10.0\"} 2", ttfb + "+Inf\"} 3");
    assertThat(text).contains("dvc_probe_phase_seconds_count{phase=\"ttfb\",portal=\"ha-noi\",target=\"homepage\"} 3");
    assertThat(text).contains("dvc_probe_phase_seconds_sum{phase=\"ttfb\",portal=\"ha-noi\",target=\"homepage\"} 20.15");
    assertThat(text).doesNotContain("phase=\"tls\""); // no TLS phase on these probes: no series, never a zero
    assertThat(text).contains("dvc_probes_total{outcome=\"UP\",portal=\"ha-noi\",target=\"homepage\"} 3.0");
  }

  @Test
  void aClusterNodesProbeMetricsCarryItsVantage() {
    DvcMetrics m = new DvcMetrics();
    m.vantage("hanoi");
    m.onProbe(probe("ha-noi", 30.0));
    String text = m.scrape();
    assertThat(text).contains(
        "dvc_probe_phase_seconds_count{phase=\"ttfb\",portal=\"ha-noi\",target=\"homepage\",vantage=\"hanoi\"} 1",
        "dvc_probes_total{outcome=\"UP\",portal=\"ha-noi\",target=\"homepage\",vantage=\"hanoi\"} 1.0");
  }

  @Test
  void portalsThatLeaveTheFleetLoseTheirSeries() {
    DvcMetrics m = new DvcMetrics();
    m.onProbe(probe("ha-noi", 30.0));
    m.onProbe(probe("hai-phong", 30.0));
    m.portal("ha-noi").score = 90;
    m.portal("hai-phong").score = 80;
    m.retain(Set.of("hai-phong"));
    String text = m.scrape();
    assertThat(text).doesNotContain("portal=\"ha-noi\",target").doesNotContain("dvc_portal_score{portal=\"ha-noi\"}");
    assertThat(text).contains("portal=\"hai-phong\"");
  }

  @Test
  void portalGaugesAreReadAtScrapeTime() {
    DvcMetrics m = new DvcMetrics();
    DvcMetrics.PortalGauges g = m.portal("ha-noi");
    g.up = 1;
    g.grade = 4;
    g.certDaysLeft = -3;
    assertThat(m.scrape()).contains("# TYPE dvc_portal_up gauge", "dvc_portal_up{portal=\"ha-noi\"} 1.0",
        "dvc_portal_grade{portal=\"ha-noi\"} 4.0", "dvc_tls_cert_days_left{portal=\"ha-noi\"} -3.0",
        "# HELP dvc_portal_rank Rank in the fleet, 1 is best", "dvc_portal_rank{portal=\"ha-noi\"} NaN");
    g.up = 0;
    assertThat(m.scrape()).contains("dvc_portal_up{portal=\"ha-noi\"} 0.0");
    assertThat(m.portal("ha-noi")).isSameAs(g);
  }
}
