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
 * {@link #WARN_AFTER_MS} ms: longer than that, a probe's timing on that loop could be wrong by as much.
 */
public final class ProbeIo {
  /** A task running longer on a probe loop is logged by Vert.x's blocked-thread checker. */
  static final long WARN_AFTER_MS = 50;
  private static final String PREFIX = "dvc-probe-io-";

  private final Vertx vertx;
  private final EventLoopGroup loops;
  private final ChannelFactory<? extends Channel> channels;
  private final List<Thread> threads;

  private ProbeIo(Vertx vertx) {
    this.vertx = vertx;
    VertxInternal internal = (VertxInternal) vertx;
    this.loops = internal.nettyEventLoopGroup();
    this.channels = internal.transport().channelFactory(false);
    this.threads = startThreads(loops);
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

  /** The probe loops' threads, all of them started. */
  public List<Thread> threads() {
    return threads;
  }

  /** Whether {@code t} is one of the probe loops. */
  public boolean owns(Thread t) {
    return threads.contains(t);
  }

  Future<Void> close() {
    return vertx.close();
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
