package vn.dvcwatch.probe;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;

/**
 * Probes every portal's homepage and eForm page on the interval, each page at its own phase of the interval
 * so the load is spread evenly (with jitter) instead of arriving in bursts, never more than
 * {@code maxInFlight} at a time (Gatus's reason: bursts and unbounded concurrency make response times
 * lie). The first round is squeezed into 5 ms per page, at least one second and at most one interval, so a
 * new board fills quickly without a first-round burst faster than 200 pages a second. Schedule slip, the delay between when a probe was due and when it started, is measured so an
 * overloaded watchdog shows. Time comes from a {@link SchedulerTime}, so tests can move it themselves.
 *
 * <p>All state lives on one Vert.x context; public methods may be called from any thread.
 */
public final class ProbeScheduler {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProbeScheduler.class);
  private static final long FIRST_ROUND_MIN_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long FIRST_ROUND_PER_PAGE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  /** One page of one portal: its URL, its phase in the interval, and when it is next due. */
  private static final class Job {
    final String portalId;
    final Target target;
    URI url;
    long anchor;
    long due;
    int generation;
    boolean running;
    boolean removed;
    /** Its portal left the fleet: a result still in flight is not delivered. */
    boolean discard;

    Job(String portalId, Target target, URI url) {
      this.portalId = portalId;
      this.target = target;
      this.url = url;
    }
  }

  private record Due(long at, Job job, int generation) {}

  /** What the scheduler starts: a {@link Prober}'s probe in the product (never failing, see there). */
  @FunctionalInterface
  interface ProbeFn {
    Future<ProbeResult> probe(String portalId, Target target, URI url);
  }

  private final SchedulerTime time;
  private final ProbeFn prober;
  private final long interval;
  private final int maxInFlight;
  private final long retryInterval;
  private final Consumer<ProbeResult> sink;
  private final Context context;
  private final Map<String, Job> jobs = new HashMap<>();
  private List<Portal> fleet = List.of();
  private Predicate<String> share = id -> true;
  private final PriorityQueue<Due> queue = new PriorityQueue<>(Comparator.comparingLong(Due::at));
  private final Deque<Due> waiting = new ArrayDeque<>();
  private long timer = -1;
  private long timerAt;
  private boolean started;
  private boolean stopped;
  private Promise<Void> drained;
  private volatile int inFlight;
  private volatile double lastSlip;
  private volatile double maxSlip;
  private volatile long probesStarted;
  private volatile int portals;

  public ProbeScheduler(Vertx vertx, Prober prober, Duration interval, int maxInFlight, Duration retryInterval,
      Consumer<ProbeResult> sink) {
    this(vertx, prober::probe, interval, maxInFlight, retryInterval, sink, SchedulerTime.of(vertx));
  }

  /** On the caller's context, as the public constructor; {@code time} must run its timers there too. */
  ProbeScheduler(Vertx vertx, ProbeFn prober, Duration interval, int maxInFlight, Duration retryInterval,
      Consumer<ProbeResult> sink, SchedulerTime time) {
    this.time = time;
    this.prober = prober;
    this.interval = interval.toNanos();
    this.maxInFlight = maxInFlight;
    this.retryInterval = retryInterval.toNanos();
    this.sink = sink;
    this.context = vertx.getOrCreateContext();
  }

  /** Hot: added pages start within the first-round window, removed ones stop, changed URLs apply next time. */
  public void setFleet(List<Portal> portals) {
    List<Portal> copy = List.copyOf(portals);
    onContext(() -> {
      fleet = copy;
      apply();
    });
  }

  /**
   * Probes only the portals {@code share} accepts (a cluster node's share of a spread fleet, docs/CLUSTER.md),
   * asked again of every portal on each call: the portals it gains start within the first-round window, spread
   * as new pages are, and those it loses stop (a probe of one still in flight is delivered: a result is never
   * lost to a move).
   */
  public void probeOnly(Predicate<String> share) {
    onContext(() -> {
      this.share = share;
      apply();
    });
  }

  /** The number of portals probed now (this node's share of the fleet). */
  public int portals() {
    return portals;
  }

  private void apply() {
    Map<String, URI> wanted = new HashMap<>();
    java.util.Set<String> inFleet = new java.util.HashSet<>();
    for (Portal p : fleet) {
      inFleet.add(p.id());
      if (!share.test(p.id())) {
        continue;
      }
      wanted.put(key(p.id(), Target.HOMEPAGE), p.homepage());
      if (p.eform() != null) {
        wanted.put(key(p.id(), Target.EFORM), p.eform());
      }
    }
    jobs.entrySet().removeIf(e -> {
      boolean gone = !wanted.containsKey(e.getKey());
      e.getValue().removed |= gone;
      e.getValue().discard |= gone && !inFleet.contains(e.getValue().portalId);
      return gone;
    });
    List<Job> added = new ArrayList<>();
    for (Portal p : fleet) {
      for (Target t : Target.values()) {
        URI url = wanted.get(key(p.id(), t));
        if (url == null) {
          continue;
        }
        Job job = jobs.get(key(p.id(), t));
        if (job == null) {
          job = new Job(p.id(), t, url);
          jobs.put(key(p.id(), t), job);
          added.add(job);
        } else {
          job.url = url;
        }
      }
    }
    portals = (int) jobs.values().stream().map(j -> j.portalId).distinct().count();
    if (started) {
      spread(added);
    }
  }

  public void start() {
    onContext(() -> {
      if (started || stopped) {
        return;
      }
      started = true;
      spread(new ArrayList<>(jobs.values()));
    });
  }

  /** Probes that page again after the retry interval instead of the full one (confirmation retries). */
  public void retrySoon(String portalId, Target target) {
    onContext(() -> {
      Job job = jobs.get(key(portalId, target));
      long at = time.nanoTime() + retryInterval;
      if (job != null && !stopped && at - job.due < 0) {
        schedule(job, at);
      }
    });
  }

  /** Stops starting probes; completes when the ones in flight have finished. */
  public Future<Void> stop() {
    Promise<Void> done = Promise.promise();
    onContext(() -> {
      stopped = true;
      if (timer >= 0) {
        time.cancelTimer(timer);
        timer = -1;
      }
      queue.clear();
      waiting.clear();
      if (inFlight == 0) {
        done.complete();
      } else {
        drained = done;
      }
    });
    return done.future();
  }

  public int inFlight() {
    return inFlight;
  }

  public double lastSlipSeconds() {
    return lastSlip;
  }

  public double maxSlipSeconds() {
    return maxSlip;
  }

  public long probesStarted() {
    return probesStarted;
  }

  /**
   * Gives each job its phase: evenly spaced with jitter over the interval for later rounds, and the same
   * order compressed into the first-round window for the first probe.
   */
  private void spread(List<Job> fresh) {
    java.util.Collections.shuffle(fresh);
    long now = time.nanoTime();
    int n = fresh.size();
    // 5 ms per page, at least 1 s, at most one interval: the 166 pages of the default fleet (83 portals) are
    // all seen within the first second. A large fleet starts at no more than 200 pages a second (and never
    // faster than its steady rate once the window reaches the interval): its first round, with every host's
    // side checks and a cold JIT, once came at twice the steady rate (2,000 pages in 5 s) and pushed the
    // timings of the first minute off by hundreds of milliseconds on a 2-core machine.
    long window = Math.min(interval, Math.max(FIRST_ROUND_MIN_NANOS, n * FIRST_ROUND_PER_PAGE_NANOS));
    for (int i = 0; i < n; i++) {
      double slot = (i + ThreadLocalRandom.current().nextDouble()) / n;
      Job job = fresh.get(i);
      long first = now + (long) (slot * window);
      job.anchor = now + (long) (slot * interval);
      if (job.anchor - first < interval / 2) {
        // Same phase one interval on: a page's second probe never follows its first within half an interval.
        job.anchor += interval;
      }
      schedule(job, first);
    }
  }

  private void schedule(Job job, long at) {
    job.due = at;
    job.generation++;
    queue.add(new Due(at, job, job.generation));
    arm();
  }

  private void arm() {
    Due first = queue.peek();
    if (first == null || stopped) {
      return;
    }
    if (timer >= 0 && timerAt - first.at() <= 0) {
      return; // already set to fire in time
    }
    if (timer >= 0) {
      time.cancelTimer(timer);
    }
    timerAt = first.at();
    long delayMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(first.at() - time.nanoTime()));
    timer = time.setTimer(delayMs, () -> onContext(() -> {
      timer = -1;
      fire();
    }));
  }

  private void fire() {
    long now = time.nanoTime();
    while (!queue.isEmpty() && queue.peek().at() - now <= 0) {
      Due d = queue.poll();
      if (d.generation() == d.job().generation && !d.job().removed) {
        waiting.add(d);
      }
    }
    startWaiting();
    arm();
  }

  private void startWaiting() {
    while (!stopped && inFlight < maxInFlight && !waiting.isEmpty()) {
      Due d = waiting.poll();
      Job job = d.job();
      if (job.removed || d.generation() != job.generation) {
        continue;
      }
      if (job.running) {
        continue; // still busy with the previous probe; its completion reschedules
      }
      run(job, d.at());
    }
  }

  private void run(Job job, long dueAt) {
    long now = time.nanoTime();
    double slip = Math.max(0, now - dueAt) / 1e9;
    lastSlip = slip;
    maxSlip = Math.max(maxSlip, slip);
    probesStarted++;
    inFlight++;
    job.running = true;
    schedule(job, nextRegular(job, now));
    prober.probe(job.portalId, job.target, job.url).onComplete(ar -> onContext(() -> {
      inFlight--;
      job.running = false;
      if (ar.succeeded() && !job.discard && !stopped) {
        deliver(ar.result());
      }
      if (stopped && inFlight == 0 && drained != null) {
        drained.complete();
      }
      if (!job.removed && !stopped && job.due - time.nanoTime() <= 0) {
        schedule(job, time.nanoTime()); // it came due while this probe was running
      }
      startWaiting();
    }));
  }

  private void deliver(ProbeResult r) {
    try {
      sink.accept(r);
    } catch (RuntimeException e) {
      // A failing consumer must not stop the probing of the whole fleet.
      LOG.error("probe result consumer failed for {} {}", r.portalId(), r.target().label(), e);
    }
  }

  /** The job's next slot on its own phase of the interval, strictly after {@code now}. */
  private long nextRegular(Job job, long now) {
    if (job.anchor - now > 0) {
      return job.anchor;
    }
    long periods = (now - job.anchor) / interval + 1;
    job.anchor += periods * interval;
    return job.anchor;
  }

  private void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  private static String key(String portalId, Target target) {
    return portalId + "\u0000" + target.name();
  }
}
