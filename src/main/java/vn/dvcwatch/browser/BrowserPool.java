package vn.dvcwatch.browser;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.browser.BrowserRun.Outcome;
import vn.dvcwatch.result.Target;

/**
 * At most {@code browser.concurrency} loads at a time in one headless browser, the rest queued in order.
 * The browser is started on first need and started again when it exits, stops answering (a context that
 * cannot be disposed of) or grows past {@code browser.maxMemoryMb}; its memory is read from /proc every
 * second while loads run. Loads keep to {@code browser.cpuBudget} ({@link CpuBudget}): the browser's CPU time is
 * read after each load and taken from the budget, and while it is spent the next load waits (a load handed in
 * with {@code budgeted} false, the demo's packed first round, does not wait and is not counted). All state is
 * confined to the context that created the pool; process start, kill and /proc reads run in
 * {@code executeBlocking}.
 */
public final class BrowserPool {
  private static final Logger LOG = LoggerFactory.getLogger(BrowserPool.class);
  private static final int MAX_QUEUE = 20_000;
  private static final long MEMORY_CHECK_MS = 1000;
  private static final long WARM_UP_MS = 5000;

  private final Vertx vertx;
  private final Context context;
  private final BrowserSettings s;
  private final Path executable;
  private final ArrayDeque<Job> queue = new ArrayDeque<>();
  private final Set<PageLoad> running = new HashSet<>();
  private final AtomicLong restarts = new AtomicLong();
  /** Every browser this pool started and has not yet seen stopped: {@link #close} ends whatever is left. */
  private final Set<ChromeProcess> processes = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** Starts and stops in flight: {@link #close} waits for them before its final sweep. */
  private final Set<Future<?>> pending = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** The profile directories of every start, for tests that look for leftover processes. */
  private final Set<Path> profiles = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile int runningCount;
  private volatile int peak;
  private volatile long memoryBytes;
  private Future<Instance> instance;
  private String axeSource;
  private long memoryTimer = -1;
  private boolean checkingMemory;
  private boolean closed;
  private final CpuBudget budget;
  /** The browser whose CPU time was read last, and that reading (CPU-seconds). */
  private ChromeProcess cpuOf;
  private double cpuRead;
  private long restTimer = -1;
  private final AtomicLong restedMs = new AtomicLong();
  private boolean restSaid;

  private record Job(String portalId, Target target, URI url, boolean budgeted, Promise<BrowserRun> done) {}

  private record Instance(ChromeProcess process, CdpClient cdp, String version) {}

  public BrowserPool(Vertx vertx, BrowserSettings s, Path executable) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.s = s;
    this.executable = executable;
    this.budget = new CpuBudget(s.cpuBudget(), System::nanoTime);
  }

  /** Queues one load within the CPU budget; the future holds its run (never a failure, unless the queue is full or the pool closed). */
  public Future<BrowserRun> load(String portalId, Target target, URI url) {
    return load(portalId, target, url, true);
  }

  /**
   * Queues one load; {@code budgeted} false: it does not wait for the CPU budget, and its CPU time is not taken
   * from it (the demo's packed first round, which exists to fill the board at once).
   */
  public Future<BrowserRun> load(String portalId, Target target, URI url, boolean budgeted) {
    Promise<BrowserRun> done = Promise.promise();
    context.runOnContext(v -> {
      if (closed) {
        done.fail(new IllegalStateException("the browser pool is closed"));
      } else if (queue.size() >= MAX_QUEUE) {
        done.fail(new IllegalStateException("the browser queue is full (" + MAX_QUEUE + " loads)"));
      } else {
        queue.add(new Job(portalId, target, url, budgeted, done));
        next();
      }
    });
    return done.future();
  }

  /** Loads running now. */
  public int running() {
    return runningCount;
  }

  /** The most loads that ever ran at once. */
  public int peakRunning() {
    return peak;
  }

  /** The browser's memory at the last check (the sum of its processes' proportional set sizes). */
  public long memoryBytes() {
    return memoryBytes;
  }

  public int queued() {
    return queue.size();
  }

  public long restarts() {
    return restarts.get();
  }

  /** Milliseconds the pool has rested to keep to {@code browser.cpuBudget}, in all. */
  public long restedMillis() {
    return restedMs.get();
  }

  /** The browser's process id, or -1 when none is running. */
  public long browserPid() {
    Future<Instance> i = instance;
    return i != null && i.succeeded() && i.result().process().alive() ? i.result().process().pid() : -1;
  }

  public BrowserSettings settings() {
    return s;
  }

  private void next() {
    while (!closed && runningCount < s.concurrency() && !queue.isEmpty()) {
      if (queue.peek().budgeted() && (restTimer >= 0 || rest())) {
        break;
      }
      Job job = queue.poll();
      runningCount++;
      peak = Math.max(peak, runningCount);
      browser().transform(ar -> {
        if (ar.failed()) {
          job.done().complete(BrowserRun.failed(job.portalId(), job.target(), job.url(), Instant.now(), 0,
              Outcome.BROWSER_FAILED, "the browser did not start: " + ar.cause().getMessage(), s.throttling().method(),
              s.profile().label()));
          return Future.<Void>succeededFuture();
        }
        return run(ar.result(), job);
      }).transform(ar -> account(job)).onComplete(ar -> {
        runningCount--;
        next();
      });
    }
    watchMemory();
  }

  /** Whether the budget is spent: then a timer wakes the queue when it is back at zero. */
  private boolean rest() {
    long ms = budget.restMillis();
    if (ms <= 0) {
      return false;
    }
    restedMs.addAndGet(ms);
    if (!restSaid) {
      restSaid = true;
      LOG.info("browser room: its CPU budget ({} core) is spent, so loads now wait for it (browser.cpuBudget); "
          + "a round may take longer than browser.interval", s.cpuBudget());
    }
    restTimer = vertx.setTimer(ms, id -> {
      restTimer = -1;
      next();
    });
    return true;
  }

  /** Reads the browser's CPU time after a load and takes what it used since the last reading from the budget. */
  private Future<Void> account(Job job) {
    Future<Instance> current = instance;
    if (s.cpuBudget() <= 0 || current == null || !current.succeeded()) {
      return Future.succeededFuture();
    }
    ChromeProcess p = current.result().process();
    return vertx.executeBlocking(p::cpuSeconds, false).<Void>map(cpu -> {
      double before = p == cpuOf ? cpuRead : 0; // a new browser: all its time so far, its start included
      cpuOf = p;
      cpuRead = cpu;
      if (job.budgeted()) {
        budget.spent(cpu - before);
      }
      return null;
    }).recover(e -> Future.succeededFuture());
  }

  /**
   * The caller has its run as soon as the load ends; the slot stays taken until the page's context is gone
   * (or the browser restarted), so a page that will not die is never counted out of the concurrency.
   */
  private Future<Void> run(Instance i, Job job) {
    PageLoad load = new PageLoad(vertx, i.cdp(), s, axeSource, i.version(), job.portalId(), job.target(), job.url());
    running.add(load);
    return load.run().compose(r -> {
      job.done().complete(r);
      return load.cleanup().transform(c -> {
        running.remove(load);
        if (c.failed() && i.cdp().open()) {
          restart(i, "its page context could not be closed (" + c.cause().getMessage() + ")");
        } else if (r.outcome() == Outcome.BROWSER_FAILED) {
          restart(i, r.cause());
        }
        return Future.<Void>succeededFuture();
      });
    });
  }

  /** The running browser, or a new one. Loads that arrive while it starts wait for the same start. */
  private Future<Instance> browser() {
    Future<Instance> current = instance;
    if (current != null && (!current.isComplete() || current.succeeded() && current.result().cdp().open()
        && current.result().process().alive())) {
      return current;
    }
    if (current != null && current.succeeded()) {
      restart(current.result(), "it exited");
    }
    instance = start();
    return instance;
  }

  private Future<Instance> start() {
    return track(vertx.executeBlocking(() -> {
      if (axeSource == null) {
        axeSource = PageScripts.axe();
      }
      ChromeProcess p = ChromeProcess.start(executable, s);
      processes.add(p);
      profiles.add(p.profile());
      return p;
    }, false).compose(p -> CdpClient.connect(vertx, p.port, p.browserPath)
        .compose(cdp -> cdp.send("Browser.getVersion", new JsonObject()).compose(v -> warmUp(cdp).map(v)).map(v -> {
          String product = v.getString("product", "");
          LOG.info("browser started: {} (pid {}{})", product, p.pid(), p.dropped ? ", as " + ChromeProcess.UNPRIVILEGED_USER : "");
          Instance started = new Instance(p, cdp, product.replaceAll("^[^/]*/", ""));
          vertx.executeBlocking(() -> {
            p.notice();
            return null;
          }, false);
          // One handler per browser, not per load (a browser lives for thousands of loads): a load waiting for
          // its load event has no command in flight to fail, so it is ended here.
          cdp.gone().onSuccess(why -> Set.copyOf(running).forEach(l -> {
            if (l.browser() == cdp) {
              l.abort(Outcome.BROWSER_FAILED, why.getMessage());
            }
          }));
          return started;
        }).onFailure(e -> cdp.close()))
        .onFailure(e -> stopProcess(p))));
  }

  /**
   * One blank page in a throwaway context before the first measured load: a new browser's first page would also
   * pay the start of a renderer and of the compositor's frame path within its paint times (Lighthouse's browser
   * has shown about:blank before it navigates). Best effort: a failure here shows in the first load anyway.
   */
  static Future<Void> warmUp(CdpClient cdp) {
    return cdp.send("Target.createBrowserContext", new JsonObject()).compose(c -> {
      String context = c.getString("browserContextId");
      // Evaluated in the page: its renderer is up and running script before the context goes.
      return cdp.send("Target.createTarget", new JsonObject().put("url", "about:blank").put("browserContextId", context))
          .compose(t -> cdp.send("Target.attachToTarget", new JsonObject().put("targetId", t.getString("targetId"))
              .put("flatten", true)))
          .compose(a -> cdp.send(a.getString("sessionId"), "Runtime.evaluate", new JsonObject().put("expression", "1")))
          .transform(x -> cdp.send("Target.disposeBrowserContext", new JsonObject().put("browserContextId", context)));
    }).timeout(WARM_UP_MS, TimeUnit.MILLISECONDS).<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }

  private <T> Future<T> track(Future<T> f) {
    pending.add(f);
    f.onComplete(x -> pending.remove(f));
    return f;
  }

  /** Kills one browser and everything it started (blocking, on a worker); tracked until done. */
  private Future<Void> stopProcess(ChromeProcess p) {
    return track(vertx.executeBlocking(() -> {
      List<ProcessHandle> left = p.stop();
      if (left.isEmpty()) {
        processes.remove(p);
      } else {
        LOG.warn("browser (pid {}): {} process(es) still alive after the kill: {}", p.pid(), left.size(), left);
      }
      return null;
    }, false));
  }

  /** Ends the running loads with {@code outcome}, kills the browser; the next load starts a new one. */
  private void restart(Instance i, String why) {
    Future<Instance> current = instance;
    if (current == null || !current.succeeded() || current.result() != i) {
      return; // already replaced
    }
    instance = null;
    restarts.incrementAndGet();
    LOG.warn("restarting the browser (pid {}): {}", i.process().pid(), why);
    i.cdp().close();
    stopProcess(i.process());
  }

  private void watchMemory() {
    if (memoryTimer < 0 && runningCount > 0) {
      memoryTimer = vertx.setPeriodic(MEMORY_CHECK_MS, id -> checkMemory());
    } else if (memoryTimer >= 0 && runningCount == 0) {
      vertx.cancelTimer(memoryTimer);
      memoryTimer = -1;
    }
  }

  private void checkMemory() {
    Future<Instance> current = instance;
    if (checkingMemory || current == null || !current.succeeded()) {
      return;
    }
    Instance i = current.result();
    checkingMemory = true;
    vertx.executeBlocking(() -> i.process().residentBytes(), false).onComplete(ar -> {
      checkingMemory = false;
      memoryBytes = ar.succeeded() ? ar.result() : 0;
      long mb = memoryBytes / (1024 * 1024);
      if (mb > s.maxMemoryMb()) {
        String why = "the browser used " + mb + " MB, above browser.maxMemoryMb (" + s.maxMemoryMb() + ")";
        Set.copyOf(running).forEach(l -> l.abort(Outcome.MEMORY, why));
        restart(i, why);
      }
    });
  }

  /**
   * Stops taking loads, ends the queued and running ones, kills the browser. Completes only when every browser
   * this pool started is gone with every process it started: a start or a restart in flight is waited for,
   * then whatever is left is killed (the JVM may exit right after, and a worker still killing would be cut off).
   */
  public Future<Void> close() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      closed = true;
      if (restTimer >= 0) {
        vertx.cancelTimer(restTimer);
        restTimer = -1;
      }
      queue.forEach(j -> j.done().fail(new IllegalStateException("the browser pool closed")));
      queue.clear();
      if (memoryTimer >= 0) {
        vertx.cancelTimer(memoryTimer);
        memoryTimer = -1;
      }
      Set.copyOf(running).forEach(l -> l.abort(Outcome.BROWSER_FAILED, "the browser pool closed"));
      Future<Instance> current = instance;
      instance = null;
      Future<Void> first = current == null ? Future.succeededFuture() : current.transform(ar -> ar.failed()
          ? Future.<Void>succeededFuture()
          : ar.result().cdp().close().transform(x -> stopProcess(ar.result().process())));
      first.transform(x -> drain()).onComplete(x -> done.complete());
    });
    return done.future();
  }

  /** Waits for the starts and stops in flight, then stops every browser still known; again until none is. */
  private Future<Void> drain() {
    if (!pending.isEmpty()) {
      return Future.join(List.copyOf(pending)).transform(x -> drain());
    }
    if (processes.isEmpty()) {
      return Future.succeededFuture();
    }
    List<ChromeProcess> left = List.copyOf(processes);
    processes.removeAll(left); // tried once each: a process that survives a kill is logged, not retried forever
    return Future.join(left.stream().map(this::stopProcess).toList()).transform(x -> drain());
  }

  /** The profile directories of every browser this pool started (tests look for processes naming them). */
  Set<Path> profiles() {
    return Set.copyOf(profiles);
  }
}
