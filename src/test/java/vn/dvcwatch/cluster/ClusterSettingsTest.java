package vn.dvcwatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.dvcwatch.cluster.ClusterSettings.Member;
import vn.dvcwatch.app.AppConfig;
import vn.dvcwatch.config.ConfigException;

class ClusterSettingsTest {
  static final Path DIR = Path.of("src/test/resources/cluster");

  @Test
  void withoutASectionTheClusterIsOff() {
    ClusterSettings c = AppConfig.load(Path.of("conf/dvc-watch.yaml"), Map.of()).cluster();
    assertThat(c.enabled()).isFalse();
    assertThat(c).isEqualTo(ClusterSettings.single());
    assertThat(c.name()).isEqualTo("dvc-watch");
    assertThat(c.port()).isEqualTo(5701);
    assertThat(c.members()).isEmpty();
    assertThat(c.vantage()).as("a node's vantage defaults to its name").isEqualTo(c.node());
    assertThat(c.sourceAddress()).isEmpty();
  }

  @Test
  void aFullSectionReadsAsWritten() {
    ClusterSettings c = AppConfig.load(DIR.resolve("valid.yaml"), Map.of()).cluster();
    assertThat(c).isEqualTo(new ClusterSettings(true, "watch-vn", "hn-1", "hanoi", java.util.List.of(
        new Member("127.0.0.1", 15701), new Member("127.0.0.1", 15702), new Member("::1", 15703)), 15701,
        "127.0.0.2", 2));
    assertThat(c.majority()).isEqualTo(2);
    assertThat(c.members().get(2)).hasToString("[::1]:15703");
  }

  @Test
  void environmentOverridesTakeMembersCommaSeparated() {
    AppConfig cfg = AppConfig.defaults(Map.of("DVC_CLUSTER_ENABLED", "true", "DVC_CLUSTER_NODE", "hcm-1",
        "DVC_CLUSTER_VANTAGE", "hcm", "DVC_CLUSTER_PORT", "15711",
        "DVC_CLUSTER_MEMBERS", "10.0.0.1, 10.0.0.2:15712,10.0.0.3"));
    ClusterSettings c = cfg.cluster();
    assertThat(c.enabled()).isTrue();
    assertThat(c.node()).isEqualTo("hcm-1");
    assertThat(c.vantage()).isEqualTo("hcm");
    assertThat(c.members()).containsExactly(new Member("10.0.0.1", 15711), new Member("10.0.0.2", 15712),
        new Member("10.0.0.3", 15711));
    assertThat(AppConfig.load(DIR.resolve("valid.yaml"), Map.of("DVC_CLUSTER_MEMBERS", "127.0.0.1:15799,127.0.0.1:15798"))
        .cluster().members()).as("the override wins over the file's list").containsExactly(
            new Member("127.0.0.1", 15799), new Member("127.0.0.1", 15798));
  }

  @Test
  void majorityIsStrict() {
    for (int[] sizeAndMajority : new int[][] {{1, 1}, {2, 2}, {3, 2}, {4, 3}, {5, 3}}) {
      java.util.List<Member> members = java.util.stream.IntStream.range(0, sizeAndMajority[0])
          .mapToObj(i -> new Member("10.0.0." + (i + 1), 5701)).toList();
      assertThat(new ClusterSettings(true, "c", "n", "v", members, 5701, "", 0).majority())
          .as("%d members", sizeAndMajority[0]).isEqualTo(sizeAndMajority[1]);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "invalid-enabled-without-members.yaml | 3 | cluster.members       | is required when the cluster is enabled",
      "invalid-member-port.yaml             | 5 | cluster.members[1]    | out of range 1..65535",
      "invalid-member-twice.yaml            | 5 | cluster.members[1]    | is listed twice",
      "invalid-member-syntax.yaml           | 3 | cluster.members[0]    | not a port",
      "invalid-source-address.yaml          | 4 | cluster.sourceAddress | is not an address of this machine",
      "invalid-source-not-address.yaml      | 2 | cluster.sourceAddress | expected an IP address",
      "invalid-node-name.yaml               | 2 | cluster.node          | expected letters, digits",
      "invalid-vantage-name.yaml            | 2 | cluster.vantage       | expected letters, digits",
      "invalid-port.yaml                    | 2 | cluster.port          | out of range",
      "invalid-quorum.yaml                  | 6 | cluster.quorum        | out of range 0..3",
      "invalid-unknown-field.yaml           | 3 | cluster.member        | unknown field",
      "invalid-quorum-above-k.yaml          | 8 | cluster.quorum        | more than probe.vantagesPerPortal (2)",
      "invalid-vantages-per-portal.yaml     | 3 | probe.vantagesPerPortal | out of range 1..100",
  })
  void rejectsEachBadSectionNamingFileLineAndField(String file, int line, String field, String problem) {
    Path p = DIR.resolve(file);
    assertThatThrownBy(() -> AppConfig.load(p, Map.of()))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).startsWith(p + ":" + line + ": " + field + ": ").contains(problem));
  }

  @Test
  void aBadOverrideIsNamedToo() {
    assertThatThrownBy(() -> AppConfig.defaults(Map.of("DVC_CLUSTER_MEMBERS", "a:1,b:x")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cluster.members").hasMessageContaining("b:x");
    assertThatThrownBy(() -> AppConfig.defaults(Map.of("DVC_CLUSTER_MEMBERS", "[::1]x:5701")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("expected host[:port]");
  }

  @Test
  void ipv6MembersTakeBracketsForAPort() {
    assertThat(AppConfig.defaults(Map.of("DVC_CLUSTER_MEMBERS", "::1,[fd00::2]:15702,[fd00::3]")).cluster().members())
        .containsExactly(new Member("::1", 5701), new Member("fd00::2", 15702), new Member("fd00::3", 5701));
  }
}
