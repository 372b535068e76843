package vn.dvcwatch.probe;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.impl.VertxThread;
import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.VertxThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The event loops that own the sockets of timed probes, and run nothing else: a Vert.x instance of its own
 * (its loops, its DNS client), apart from the one that runs the schedule, the result pipeline, the store,
 * the web server, the SSE fan-out and the metrics.
 *
 * <p>Why: a stamp is only as true as the loop that takes it is free. When a probe's socket shared a loop
 * with the watchdog's other work, a first byte that arrived while that loop was writing JSON, fanning out an
 * event or encoding a batch for PostgreSQL was stamped when the loop got to it, and the wait was billed to
 * the portal. Here the only code on these loops is a probe's own connection (TCP, TLS, the request, the
 * response head and body) and its DNS query; the result is handed back to the caller's context at once,
 * and everything after the last byte (certificate judgement, HTML, verdict) runs elsewhere.
 *
 * <p>Threads are named {@code dvc-probe-io-N} (thread dumps, JFR and the blocked-thread warnings say
 * which loops they are), are daemon threads, and warn when one task holds a loop for more than
 * {@link #WARN_AFTER_MS} ms: longer than that, a probe's timing on that loop could be wrong by as much. Vert.x's
 * blocked-thread checker only times what a Vert.x context dispatches (the DNS queries), not a hop's handlers, which
 * run on the Netty channel directly; so each loop also runs a tick every {@link #TICK_MS} ms that measures how late
 * it runs ({@link Lag}): whatever held the loop (a hop's work, a pause, no free core), a first byte that arrived
 * meanwhile was stamped as late. Once a minute a loop that ran more than {@link #WARN_AFTER_MS} ms late says so.
 */
public final class ProbeIo {
  /** A task running longer on a probe loop is logged by Vert.x's blocked-thread checker. */
  static final long WARN_AFTER_MS = 50;
  /** How often each probe loop measures its own lateness. */
  static final long TICK_MS = 10;
  private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(60);
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProbeIo.class);
  private static final String PREFIX = "dvc-probe-io-";

  private final Vertx vertx;
  private final EventLoopGroup loops;
  private final ChannelFactory<? extends Channel> channels;
  private final List<Thread> threads;
  private final List<Lag> lags = new ArrayList<>();

  private ProbeIo(Vertx vertx) {
    this.vertx = vertx;
    VertxInternal internal = (VertxInternal) vertx;
    this.loops = internal.nettyEventLoopGroup();
    this.channels = internal.transport().channelFactory(false);
    this.threads = startThreads(loops);
    loops.forEach(executor -> {
      Lag lag = new Lag((EventLoop) executor);
      lags.add(lag);
      executor.execute(lag);
    });
  }

  /**
   * Loops for probing beside {@code owner}, on the same transport (epoll or NIO). {@code threads}: how many;
   * {@code -Ddvc.probe.ioThreads=N} overrides, default one per core.
   */
  static ProbeIo start(Vertx owner, int threads) {
    VertxOptions options = new VertxOptions().setEventLoopPoolSize(threads).setWorkerPoolSize(1)
        .setInternalBlockingPoolSize(1).setUseDaemonThread(true)
        .setMaxEventLoopExecuteTime(WARN_AFTER_MS).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setBlockedThreadCheckInterval(200).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false));
    VertxBootstrap boot = VertxBootstrap.create().options(options).threadFactory(new Named());
    boot.transport(((VertxInternal) owner).transport());
    // Built from a plain thread: Vert.x warns when one instance is created on another's thread (the
    // product builds the prober on a worker), and a second instance is exactly what is meant here.
    return new ProbeIo(CompletableFuture.supplyAsync(() -> boot.init().vertx(), runnable -> {
      Thread t = new Thread(runnable, PREFIX + "start");
      t.setDaemon(true);
      t.start();
    }).join());
  }

  static int defaultThreads() {
    return Integer.getInteger("dvc.probe.ioThreads", Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  /** The Vert.x instance behind the loops (its DNS client resolves the probes' names on them). */
  Vertx vertx() {
    return vertx;
  }

  EventLoop next() {
    return loops.next();
  }

  ChannelFactory<? extends Channel> channels() {
    return channels;
  }

  /** Whether the probe loops run on Linux's epoll (Netty's native transport) rather than the JDK's NIO selector. */
  public boolean onEpoll() {
    return vertx.isNativeTransportEnabled();
  }

  /** The probe loops' threads, all of them started. */
  public List<Thread> threads() {
    return threads;
  }

  /** Whether {@code t} is one of the probe loops. */
  public boolean owns(Thread t) {
    return threads.contains(t);
  }

  /** The longest any probe loop ran late since start, in ms: how late a stamp taken on it could have been. */
  public double longestLagMillis() {
    return lags.stream().mapToDouble(l -> l.longest).max().orElse(0);
  }

  Future<Void> close() {
    lags.forEach(l -> l.stopped = true);
    return vertx.close();
  }

  /**
   * A tick on one probe loop that measures how late the loop gets to it: the time from when it was due to when it
   * ran. Nanoseconds of work every {@link #TICK_MS} ms; logging, at most once a minute, only when it was late.
   */
  private static final class Lag implements Runnable {
    private final EventLoop loop;
    private long due;
    private long reportAt;
    private double worstSinceReport;
    volatile double longest;
    volatile boolean stopped;

    Lag(EventLoop loop) {
      this.loop = loop;
      long now = System.nanoTime();
      this.due = now;
      this.reportAt = now + REPORT_EVERY_NANOS;
    }

    @Override
    public void run() {
      long now = System.nanoTime();
      double late = Math.max(0, now - due) / 1e6;
      worstSinceReport = Math.max(worstSinceReport, late);
      if (late > longest) {
        longest = late;
      }
      if (now - reportAt >= 0) {
        if (worstSinceReport > WARN_AFTER_MS) {
          LOG.warn("probe loop {} ran up to {} ms late in the last minute: a probe's stamp on it could be late by as"
              + " much (its own work, a pause, or no free core)", Thread.currentThread().getName(),
              Math.round(worstSinceReport));
        }
        worstSinceReport = 0;
        reportAt = now + REPORT_EVERY_NANOS;
      }
      if (!stopped && !loop.isShuttingDown()) {
        due = now + TimeUnit.MILLISECONDS.toNanos(TICK_MS);
        loop.schedule(this, TICK_MS, TimeUnit.MILLISECONDS);
      }
    }
  }

  /** Runs one no-op on every loop, which starts its thread and tells which thread it is. */
  private static List<Thread> startThreads(EventLoopGroup group) {
    List<Thread> found = new ArrayList<>();
    group.forEach(executor -> {
      try {
        found.add(executor.submit(Thread::currentThread).get(10, TimeUnit.SECONDS));
      } catch (Exception e) {
        throw new IllegalStateException("a probe event loop did not start: " + e, e);
      }
    });
    return List.copyOf(found);
  }

  /** Vert.x's threads, named after their job. */
  private static final class Named implements VertxThreadFactory {
    @Override
    public VertxThread newVertxThread(Runnable target, String name, boolean worker, long maxExecTime,
        TimeUnit maxExecTimeUnit) {
      String job = name.startsWith("vert.x-eventloop-thread-") ? name.substring("vert.x-eventloop-thread-".length())
          : name.replace("vert.x-", "");
      return new VertxThread(target, PREFIX + job, worker, maxExecTime, maxExecTimeUnit);
    }
  }
}
