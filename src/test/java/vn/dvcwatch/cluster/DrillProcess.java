package vn.dvcwatch.cluster;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A {@link DrillNode} JVM started by a test: what it says is kept (and copied to
 * {@code target/cluster-drill/<node>.log}), its latest status is at hand, and it can be frozen, thawed
 * and killed by its process id.
 */
final class DrillProcess implements AutoCloseable {
  final String node;
  private final Process process;
  private final List<String> said = new CopyOnWriteArrayList<>();
  private volatile JsonObject status = new JsonObject();

  private DrillProcess(String node, Process process, Path log) {
    this.node = node;
    this.process = process;
    Thread reader = new Thread(() -> read(log), "drill-" + node);
    reader.setDaemon(true);
    reader.start();
  }

  static DrillProcess start(String cluster, String node, int port, String members, int pgPort, int smtpPort) {
    String java = ProcessHandle.current().info().command().orElse("java");
    try {
      Path dir = Files.createDirectories(Path.of("target", "cluster-drill"));
      // small JVMs: three of them, the test JVM and PostgreSQL share two cores
      Process p = new ProcessBuilder(java, "-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-XX:ActiveProcessorCount=1", "-Dhazelcast.partition.count=31", "-Dfile.encoding=UTF-8",
          "-cp", System.getProperty("java.class.path"), DrillNode.class.getName(),
          cluster, node, Integer.toString(port), members, Integer.toString(pgPort), Integer.toString(smtpPort))
          .redirectErrorStream(true).start();
      return new DrillProcess(node, p, dir.resolve(node + "-" + p.pid() + ".log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void read(Path log) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8)); Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      for (String line; (line = out.readLine()) != null; ) {
        file.write(line + "\n");
        file.flush();
        if (line.startsWith("DRILL ")) {
          String what = line.substring("DRILL ".length());
          if (what.startsWith("STATUS ")) {
            status = new JsonObject(what.substring("STATUS ".length()));
          }
          said.add(what);
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
  }

  long pid() {
    return process.pid();
  }

  JsonObject status() {
    return status;
  }

  String role() {
    return status.getString("role", "starting");
  }

  /** Mails this node's sender has delivered, as it last said. */
  long sent() {
    for (int i = said.size() - 1; i >= 0; i--) {
      if (said.get(i).startsWith("SENT ")) {
        return Long.parseLong(said.get(i).substring("SENT ".length()));
      }
    }
    return 0;
  }

  long epoch() {
    return status.getLong("epoch", -1L);
  }

  void send(String command) {
    try {
      Writer w = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      w.write(command + "\n");
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first line said so far (or within {@code within}) that starts with {@code prefix}. */
  Optional<String> awaitSaid(String prefix, Duration within) {
    Predicate<String> p = l -> l.startsWith(prefix);
    ClusterDrillTest.eventually(() -> said.stream().anyMatch(p), within);
    return said.stream().filter(p).findFirst();
  }

  void signal(String signal) {
    try {
      Process k = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
      if (k.waitFor() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGKILL: no shutdown hook, no goodbye to the cluster; the others learn of it from the failure detector. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    process.destroyForcibly(); // SIGKILL ends a stopped (SIGSTOP) process too
  }

  @Override
  public String toString() {
    return node + "(pid " + process.pid() + ", " + status.encode() + ")";
  }
}
