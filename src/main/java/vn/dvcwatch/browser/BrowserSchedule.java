package vn.dvcwatch.browser;

import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.registry.Portal;

/**
 * Every {@code browser.interval}, the homepage and eForm page of every portal, spread evenly over the round
 * (as the probes are) so the browser never has a burst to swallow. A page whose previous load is still
 * queued or running is skipped this round rather than queued twice. The fleet is read at the start of each
 * round: a registry change takes effect at the next one. Homepages come first, then eForm pages, so every
 * portal has a figure halfway through a round. A packed first round (the demo's) hands every page to the
 * pool at once: it runs them {@code browser.concurrency} at a time, as fast as the browser loads them, outside
 * {@code browser.cpuBudget}.
 */
final class BrowserSchedule {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BrowserSchedule.class);
  /** The first round starts a little after start-up, so probes and grading get the machine first. */
  static final Duration FIRST_ROUND_DELAY = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final Duration interval;
  private final Supplier<Collection<Portal>> fleet;
  private final BrowserPool pool;
  private final Consumer<BrowserRun> onRun;
  private final Runnable onRound;
  private final Set<String> pending = new HashSet<>();
  private final boolean packFirstRound;
  private boolean first = true;
  private long timer = -1;
  private boolean stopped;

  record Page(String portalId, Target target, URI url) {}

  BrowserSchedule(Vertx vertx, Duration interval, Supplier<Collection<Portal>> fleet, BrowserPool pool,
      Consumer<BrowserRun> onRun, Runnable onRound, boolean packFirstRound) {
    this.vertx = vertx;
    this.packFirstRound = packFirstRound;
    this.interval = interval;
    this.fleet = fleet;
    this.pool = pool;
    this.onRun = onRun;
    this.onRound = onRound;
  }

  void start() {
    timer = vertx.setTimer(FIRST_ROUND_DELAY.toMillis(), id -> round());
  }

  void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** The pages of a round, in order: every portal's homepage, then every eForm page. */
  static List<Page> pages(Collection<Portal> portals) {
    List<Page> out = new ArrayList<>();
    for (Portal p : portals) {
      if (p.homepage() != null) {
        out.add(new Page(p.id(), Target.HOMEPAGE, p.homepage()));
      }
    }
    for (Portal p : portals) {
      if (p.eform() != null) {
        out.add(new Page(p.id(), Target.EFORM, p.eform()));
      }
    }
    return out;
  }

  private void round() {
    if (stopped) {
      return;
    }
    onRound.run();
    List<Page> pages = pages(fleet.get());
    boolean packed = first && packFirstRound;
    long step = pages.isEmpty() || packed ? 0 : interval.toMillis() / pages.size();
    first = false;
    if (!pending.isEmpty()) {
      LOG.info("browser round: {} of {} pages are still waiting from the last round and are skipped in this one "
          + "(their loads took longer than browser.interval, or browser.cpuBudget held them)", pending.size(), pages.size());
    }
    next(pages, 0, Math.max(1, step), !packed);
    timer = vertx.setTimer(interval.toMillis(), id -> round());
  }

  private void next(List<Page> pages, int i, long step, boolean budgeted) {
    if (stopped || i >= pages.size()) {
      return;
    }
    Page p = pages.get(i);
    String key = p.portalId() + "|" + p.target().label();
    if (pending.add(key)) {
      pool.load(p.portalId(), p.target(), p.url(), budgeted).onComplete(ar -> {
        pending.remove(key);
        if (ar.succeeded()) {
          onRun.accept(ar.result());
        }
      });
    }
    vertx.setTimer(step, id -> next(pages, i + 1, step, budgeted));
  }
}
