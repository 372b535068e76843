package vn.dvcwatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code cluster} object of {@code /health/ready}: the names scripts rely on. */
class ClusterStatusTest {

  @Test
  void aNodeWithoutClusterIsSingle() {
    JsonObject json = ClusterStatus.single("hn-1", "hanoi").toJson();
    assertThat(json.fieldNames()).containsExactlyInAnyOrder("role", "node", "vantage", "members", "epoch", "pid",
        "leader");
    assertThat(json.getString("role")).isEqualTo("single");
    assertThat(json.getJsonArray("members").getList()).containsExactly("hn-1");
    assertThat(json.getLong("epoch")).isZero();
    assertThat(json.getLong("pid")).isEqualTo(ProcessHandle.current().pid());
    assertThat(json.getString("leader")).isNull();
  }

  @Test
  void rolesReadAsTheSpecNamesThem() {
    assertThat(List.of(Role.values())).extracting(Role::label)
        .containsExactly("leader", "follower", "no_quorum", "single");
    assertThat(List.of(Role.values())).filteredOn(Role::decides).containsExactly(Role.LEADER, Role.SINGLE);
    JsonObject json = new ClusterStatus(Role.NO_QUORUM, "dn-1", "danang", List.of("dn-1"), 7, 42, "hn-1").toJson();
    assertThat(json.encode()).isEqualTo("{\"role\":\"no_quorum\",\"node\":\"dn-1\",\"vantage\":\"danang\","
        + "\"members\":[\"dn-1\"],\"epoch\":7,\"pid\":42,\"leader\":\"hn-1\"}");
  }
}
