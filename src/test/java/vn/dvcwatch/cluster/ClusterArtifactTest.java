package vn.dvcwatch.cluster;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.config.StartupException;

/** The check a cluster node makes before touching Hazelcast, which ships beside the jar (PackagedJarIT runs the jar). */
class ClusterArtifactTest {
  @Test
  void withTheClusterLibrariesOnTheClassPathTheNodeGoesOn() {
    assertThatCode(ClusterArtifact::require).doesNotThrowAnyException();
  }

  @Test
  void withoutThemTheMessageNamesTheFileAndWhereItGoes() throws Exception {
    try (URLClassLoader bare = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> ClusterArtifact.require(bare, Optional.of(Path.of("/opt/dvc-watch/dvc-watch.jar"))))
          .isInstanceOf(StartupException.class)
          .hasMessageContaining("cluster.enabled is true")
          .hasMessageContaining("Put that file at /opt/dvc-watch/lib/dvc-watch-cluster.jar")
          .hasMessageContaining("target/lib/dvc-watch-cluster.jar");
      assertThatThrownBy(() -> ClusterArtifact.require(bare, Optional.empty()))
          .hasMessageContaining("lib/dvc-watch-cluster.jar beside dvc-watch.jar");
    }
  }

  @Test
  void fromClassesThereIsNoJarToNameButFromAJarThereIs() {
    // the tests load this class from target/classes
    org.assertj.core.api.Assertions.assertThat(ClusterArtifact.runningJar()).isEmpty();
  }
}
