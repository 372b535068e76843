package vn.dvcwatch.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.result.Target;

/**
 * 10,000 portals must fit in at most 20 KB each (fixed primitive windows, not lists of probe objects).
 * Measured roughly through {@link Runtime}, after a full window of probes per page.
 */
class FleetMemoryTest {
  private static final int PORTALS = 10_000;
  private static final long BUDGET_PER_PORTAL = 20 * 1024;

  @Test
  void tenThousandPortalsFitTheBudget() {
    long before = used();
    FleetEvaluator fleet = new FleetEvaluator(ScoringModel.defaults(), Duration.ofSeconds(30));
    Instant start = Instant.parse("2026-11-24T08:00:00Z");
    int probesPerPage = 125; // the one-hour performance window at 30 s, and a little more
    for (int i = 0; i < probesPerPage; i++) {
      Instant t = start.plusSeconds(30L * i);
      for (int p = 0; p < PORTALS; p++) {
        String id = "portal-" + p;
        fleet.record(Postures.cleanProbe(id, Target.HOMEPAGE, t));
        fleet.record(Postures.cleanProbe(id, Target.EFORM, t.plusSeconds(2)));
      }
    }
    Evaluation e = fleet.evaluate(start.plusSeconds(30L * probesPerPage));
    assertThat(e.portals()).hasSize(PORTALS);
    e = null;
    long perPortal = (used() - before) / PORTALS;
    System.out.println("FleetEvaluator memory: about " + perPortal + " bytes per portal");
    assertThat(perPortal).isLessThan(BUDGET_PER_PORTAL);
    assertThat(fleet.evaluate(start.plusSeconds(30L * probesPerPage + 30)).portals()).hasSize(PORTALS);
  }

  private static long used() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
