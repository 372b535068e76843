package vn.dvcwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class RecentEventsTest {
  @Test
  void gradeChangesSurviveABusyHourOfRankMovesAndProbesAreFoldedIntoChecked() {
    RecentEvents recent = new RecentEvents(3);
    recent.add(1, "grade", new JsonObject().put("portal", "ha-noi").put("from", "B").put("to", "A"));
    for (int i = 2; i < 50; i++) {
      recent.add(i, "rank", new JsonObject().put("portal", "p" + i).put("from", i).put("to", i + 1));
    }
    recent.add(50, "probe", new JsonObject().put("portal", "ha-noi").put("at", "2026-12-04T01:00:00Z"));
    recent.add(51, "probe", new JsonObject().put("portal", "ha-noi").put("at", "2026-12-04T01:01:00Z"));
    assertThat(recent.changes().stream().map(o -> ((JsonObject) o).getLong("id")).toList()).containsExactly(49L, 48L, 47L, 1L);
    assertThat(recent.takeChecked()).isEqualTo(new JsonObject().put("ha-noi", "2026-12-04T01:01:00Z"));
    assertThat(recent.takeChecked()).isNull();
  }
}
