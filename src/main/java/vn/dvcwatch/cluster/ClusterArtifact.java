package vn.dvcwatch.cluster;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import vn.dvcwatch.config.StartupException;

/**
 * The cluster's libraries (Hazelcast and vertx-hazelcast, 16 MB) are not in dvc-watch.jar: they ship beside it as
 * {@code lib/dvc-watch-cluster.jar}, which the jar's manifest names on its Class-Path, so that the JVM loads them
 * from there when the file is present (docs/OPERATIONS.md, "What the jar holds"). A single node never needs them.
 * A node with {@code cluster.enabled} checks for them before anything touches a Hazelcast class, and stops with
 * the file's name and place instead of a NoClassDefFoundError. This class itself names no Hazelcast type.
 */
public final class ClusterArtifact {
  /** Where the side artifact belongs, relative to dvc-watch.jar (the Class-Path entry in pom.xml). */
  public static final String FILE = "lib/dvc-watch-cluster.jar";
  private static final String[] NEEDED = {
      "io.vertx.spi.cluster.hazelcast.HazelcastClusterManager", "com.hazelcast.core.Hazelcast"};

  private ClusterArtifact() {}

  /** Throws a {@link StartupException} naming the missing file when the cluster's libraries cannot be loaded. */
  public static void require() {
    require(ClusterArtifact.class.getClassLoader(), runningJar());
  }

  static void require(ClassLoader loader, Optional<Path> runningJar) {
    for (String name : NEEDED) {
      try {
        Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        String where = runningJar.map(jar -> jar.resolveSibling(FILE).toString())
            .orElse(FILE + " beside dvc-watch.jar");
        throw new StartupException("cluster.enabled is true, but the cluster's libraries are missing (" + name
            + " not found): they ship apart from dvc-watch.jar, as " + FILE + ". Put that file at " + where
            + " (the build makes it as target/" + FILE + "; the Docker image has it), or run this node without"
            + " the cluster section (docs/CLUSTER.md).");
      }
    }
  }

  /** The jar this class was loaded from, if it was loaded from a jar (not from classes, as in the tests). */
  static Optional<Path> runningJar() {
    CodeSource source = ClusterArtifact.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return Optional.empty();
    }
    try {
      Path path = Path.of(source.getLocation().toURI()).toAbsolutePath();
      return path.toString().endsWith(".jar") ? Optional.of(path) : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
