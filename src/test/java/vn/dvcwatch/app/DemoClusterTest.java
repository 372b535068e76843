package vn.dvcwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dvcwatch.cluster.ClusterSettings;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.registry.PortalKind;
import vn.dvcwatch.registry.RegistryLoader;

/**
 * The launcher of {@code demo --vantages}: what each node is told. The nodes' files are loaded by the product's own
 * loaders, so a node started on them is the cluster node docs/CLUSTER.md describes (the whole demo is tried by hand:
 * it starts four JVMs).
 */
class DemoClusterTest {
  @TempDir Path dir;

  @Test
  void threeVantagesAreThreeNodesOnConsecutivePortsProbingFromTheirOwnAddresses() throws Exception {
    List<DemoCluster.Node> nodes = DemoCluster.plan(3, 8170, new int[] {40001, 40002, 40003}, dir);
    assertThat(nodes).extracting(DemoCluster.Node::name).containsExactly("n1", "n2", "n3");
    assertThat(nodes).extracting(DemoCluster.Node::vantage).containsExactly("v1", "v2", "v3");
    assertThat(nodes).extracting(DemoCluster.Node::webPort).containsExactly(8170, 8171, 8172);
    assertThat(nodes).extracting(DemoCluster.Node::source).containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.4");
    assertThat(nodes).extracting(DemoCluster.Node::data).doesNotHaveDuplicates();

    Path registry = dir.resolve("portals.yaml");
    Files.writeString(registry, "fleet: x\nportals: []\n");
    for (DemoCluster.Node n : nodes) {
      Files.writeString(n.config(), DemoCluster.config(n, nodes, "postgresql://postgres:postgres@localhost:5999/postgres",
          "127.0.0.1", registry, dir.resolve("ca.pem"), dir.resolve("hosts"), Path.of("conf/scoring.yaml")));
    }
    AppConfig second = AppConfig.load(nodes.get(1).config(), Map.of());
    ClusterSettings c = second.cluster();
    assertThat(c.enabled()).isTrue();
    assertThat(c.node()).isEqualTo("n2");
    assertThat(c.vantage()).isEqualTo("v2");
    assertThat(c.port()).isEqualTo(40002);
    assertThat(c.sourceAddress()).isEqualTo("127.0.0.3");
    assertThat(c.members()).extracting(ClusterSettings.Member::port).containsExactly(40001, 40002, 40003);
    assertThat(second.http().port()).isEqualTo(8171);
    assertThat(second.db().url()).isEqualTo("postgresql://postgres:postgres@localhost:5999/postgres");
    assertThat(second.registry().file().toAbsolutePath()).isEqualTo(registry.toAbsolutePath());
    assertThat(second.probe().hostsFile().toAbsolutePath()).isEqualTo(dir.resolve("hosts").toAbsolutePath());
  }

  @Test
  void theSimulatedPortalsBecomeARegistryTheNodesLoad() throws Exception {
    List<Portal> portals = List.of(
        new Portal("ha-noi", "Thành phố \"Hà Nội\"", PortalKind.PROVINCE, URI.create("https://ha-noi.sim.dvc.test:20000/"),
            URI.create("https://ha-noi.sim.dvc.test:20000/eform"), "UBND Thành phố Hà Nội", List.of(), 0.995, null, null,
            false),
        new Portal("bo-y-te", "Bộ Y tế", PortalKind.MINISTRY, URI.create("https://bo-y-te.sim.dvc.test:20002/"),
            URI.create("https://bo-y-te.sim.dvc.test:20002/eform"), "Bộ Y tế", List.of(), 0.995, null, null, false));
    Path file = dir.resolve("portals.yaml");
    Files.writeString(file, DemoCluster.registry(portals));
    List<Portal> loaded = RegistryLoader.load(file).portals();
    assertThat(loaded).extracting(Portal::id).containsExactly("ha-noi", "bo-y-te");
    assertThat(loaded).extracting(Portal::kind).containsExactly(PortalKind.PROVINCE, PortalKind.MINISTRY);
    assertThat(loaded.get(0).name()).isEqualTo("Thành phố 'Hà Nội'");
    assertThat(loaded.get(1).eform()).isEqualTo(URI.create("https://bo-y-te.sim.dvc.test:20002/eform"));
  }
}
