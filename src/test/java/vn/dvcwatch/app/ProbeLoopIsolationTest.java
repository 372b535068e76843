package vn.dvcwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.internal.VertxInternal;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vn.dvcwatch.probe.ProbeIo;
import vn.dvcwatch.probe.WarmUp;
import vn.dvcwatch.testkit.Poll;

/**
 * The invariant honest timings rest on (docs/PROBING.md, "Honest timings"): the event loops that own probe
 * sockets run probe I/O and nothing else. Checked in the running product (demo fleet, PostgreSQL, grading,
 * web, SSE) in two ways: the probe loops are other threads than every loop of the watchdog's Vert.x (where
 * the schedule, the result pipeline, the store, the web server and the stream run), and, sampled for
 * seconds while the fleet is probed, the probe loops' stacks never show product code other than a probe's
 * own connection, nor a database, web, JSON or metrics library.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProbeLoopIsolationTest {
  /** Product code a probe loop may run: the connection itself, its TLS engine, its DNS query. */
  private static final List<String> ALLOWED_OWN = List.of("vn.dvcwatch.probe.Hop", "vn.dvcwatch.probe.ProbeTls",
      "vn.dvcwatch.probe.NameResolver", "vn.dvcwatch.probe.CertificateJudge$Handshake", "vn.dvcwatch.probe.Failures",
      "vn.dvcwatch.probe.ProbeIo");
  /** Libraries whose presence on a probe loop means something other than probe I/O runs there. */
  private static final List<String> FOREIGN = List.of("io.vertx.pgclient.", "io.vertx.sqlclient.", "io.vertx.ext.",
      "io.vertx.core.http.", "io.vertx.core.json.", "io.vertx.core.eventbus.", "io.micrometer.", "io.prometheus.",
      "com.fasterxml.", "org.postgresql.", "org.apache.pdfbox.");

  @TempDir static Path data;
  private RunningDemo demo;
  private ProbeIo io;

  @BeforeAll
  void start() throws Exception {
    demo = new RunningDemo(data, 30, 0, Map.of("DVC_PROBE_INTERVAL", "2s", "DVC_PROBE_DEADLINE", "2s"));
    Poll.await("probing started", () -> demo.verticle.prober() != null, Duration.ofSeconds(60));
    io = demo.verticle.prober().io();
    Poll.await("the board filled", () -> demo.get("/api/v1/portals").body().contains("\"score\""),
        Duration.ofSeconds(60));
  }

  @AfterAll
  void stop() throws Exception {
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void onLinuxTheWatchdogAndItsProbeLoopsRunOnEpoll() {
    assertThat(demo.vertx.isNativeTransportEnabled()).as("native transport: %s",
        demo.vertx.unavailableNativeTransportCause()).isTrue();
    assertThat(io.onEpoll()).as("the probe loops take the watchdog's transport").isTrue();
  }

  @Test
  void probeLoopsAreNotLoopsOfTheWatchdogsVertx() throws Exception {
    Set<Thread> watchdogLoops = new HashSet<>();
    for (EventExecutor loop : ((VertxInternal) demo.vertx).nettyEventLoopGroup()) {
      watchdogLoops.add(loop.submit(Thread::currentThread).get(10, TimeUnit.SECONDS));
    }
    assertThat(io.threads()).isNotEmpty().allSatisfy(t -> assertThat(t.getName()).startsWith("dvc-probe-io-"));
    assertThat(watchdogLoops).isNotEmpty().doesNotContainAnyElementsOf(io.threads());
  }

  @Test
  void probeLoopsRunOnlyProbeIoWhileTheProductWorks() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long[] ids = io.threads().stream().mapToLong(Thread::getId).toArray();
    Set<String> offenders = new TreeSet<>();
    int busy = 0;
    int samples = 0;
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
    while (System.nanoTime() - until < 0) {
      for (ThreadInfo info : mx.getThreadInfo(ids, 64)) {
        if (info == null) {
          continue;
        }
        samples++;
        StackTraceElement[] stack = info.getStackTrace();
        if (stack.length > 0 && !idle(stack[0])) {
          busy++;
        }
        offenders.addAll(foreignFrames(stack));
      }
      LockSupport.parkNanos(500_000);
    }
    // Whether the probe loops were seen at work at all, so that a quiet sample cannot pass for a clean one.
    assertThat(busy).as("samples that caught a probe loop at work, of %d", samples).isPositive();
    assertThat(offenders).as("code other than probe I/O seen on a probe loop").isEmpty();
  }

  /**
   * The warm-up pass (docs/PROBING.md, "The warm-up pass") probed its loopback page before the schedule's first
   * probe, and nothing of it reached the store, the board or the metrics.
   */
  @Test
  void theWarmUpPassEndedBeforeTheFirstProbeAndLeftNothingBehind() throws Exception {
    assertThat(demo.verticle.warmUpPass().isComplete()).isTrue();
    WarmUp.Pass pass = demo.verticle.warmUpPass().result();
    assertThat(pass.probes()).as(pass.describe()).isPositive();
    Pool pool = demo.verticle.store().pool();
    Poll.await("probe results stored", () -> pool.query("SELECT count(*) FROM probe_result").execute()
        .await(10, TimeUnit.SECONDS).iterator().next().getLong(0) > 0, Duration.ofSeconds(60));
    Row row = pool.query("SELECT min(started_at) AS first, count(*) FILTER (WHERE portal_id = '" + WarmUp.PASS_PORTAL
        + "' OR url LIKE '%/warm-up/%') AS pass FROM probe_result").execute().await(10, TimeUnit.SECONDS)
        .iterator().next();
    assertThat(row.getOffsetDateTime("first").toInstant()).as("the first real probe started after the pass")
        .isAfterOrEqualTo(pass.ended().truncatedTo(ChronoUnit.MICROS));
    assertThat(row.getLong("pass")).as("results of the pass in the store").isZero();
    assertThat(demo.get("/metrics").body()).doesNotContain(WarmUp.PASS_PORTAL).doesNotContain("/warm-up/");
    assertThat(demo.get("/api/v1/portals").body()).doesNotContain(WarmUp.PASS_PORTAL);
  }

  private static boolean idle(StackTraceElement top) {
    String m = top.getClassName() + "." + top.getMethodName();
    return m.contains("epollWait") || m.contains("EPoll.wait") || m.contains("select") || m.contains("park")
        || m.contains("Native.epoll");
  }

  private static List<String> foreignFrames(StackTraceElement[] stack) {
    List<String> found = new ArrayList<>();
    for (StackTraceElement f : stack) {
      String c = f.getClassName();
      boolean ownButNotIo = c.startsWith("vn.dvcwatch.") && ALLOWED_OWN.stream().noneMatch(c::startsWith);
      if (ownButNotIo || FOREIGN.stream().anyMatch(c::startsWith)) {
        found.add(c + "." + f.getMethodName());
      }
    }
    return found;
  }
}
