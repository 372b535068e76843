package vn.dvcwatch.grade;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import vn.dvcwatch.result.ProbeResult;
import vn.dvcwatch.result.Target;

/**
 * The whole fleet's rolling windows, re-scored in memory every evaluation (no SQL scans). {@link #record}
 * is cheap enough for the event loop (one short per-portal lock, no allocation beyond the first probe);
 * {@link #evaluate} runs on a worker and takes the evaluator's own lock, so grades and ranks move in
 * one order. A portal is ranked from its first live homepage probe on: before that, after a restart,
 * it has only seeded history and no posture, and scoring it would announce a drop that never happened.
 */
public final class FleetEvaluator {
  private static final int MIN_RING = 16;
  private static final int MAX_RING = 512;

  private final ScoringModel model;
  private final Scorer scorer;
  private final int intervalSeconds;
  private final int ringCapacity;
  private final ConcurrentHashMap<String, PortalWindow> windows = new ConcurrentHashMap<>();
  private final Map<String, Standing> standings = new HashMap<>(); // guarded by this
  private final float[] scratch;
  private volatile Set<String> fleet; // null until the first retain(): every portal is accepted
  private final Function<String, PortalWindow> newWindow;

  public FleetEvaluator(ScoringModel model, Duration probeInterval) {
    this(model, probeInterval, 1);
  }

  /**
   * @param vantages how many vantages feed each portal's window (a cluster's, docs/CLUSTER.md): the rings hold
   *     that many times the probes of one, so the performance window keeps its length
   */
  public FleetEvaluator(ScoringModel model, Duration probeInterval, int vantages) {
    this.model = model;
    this.scorer = new Scorer(model);
    this.intervalSeconds = (int) Math.max(1, probeInterval.toSeconds());
    // Room for the window at the normal cadence plus retries after failures, within fixed bounds.
    long perWindow = model.performance().window().toSeconds() / intervalSeconds;
    this.ringCapacity = (int) Math.max(MIN_RING, Math.min((long) MAX_RING * Math.max(1, vantages),
        2 * perWindow * Math.max(1, vantages)));
    this.scratch = new float[ringCapacity];
    this.newWindow = id -> new PortalWindow(id, ringCapacity, intervalSeconds);
  }

  /** Adds one probe; a probe of a portal dropped by {@link #retain} that was still in flight is ignored. */
  public void record(ProbeResult r) {
    record(r, r.up());
  }

  /**
   * Adds one probe, counted as {@code available} in the up-time buckets (its timings and postures as they are).
   * Alone that is the probe's own outcome; in a cluster, where every vantage's probes of a portal enter one window,
   * the vote decides: a failure that only a minority of vantages sees (PARTIAL), or that a vantage sees while it
   * suspects its own network, is not the portal's downtime (docs/SCORING.md, "Several vantages").
   */
  public void record(ProbeResult r, boolean available) {
    PortalWindow w = window(r.portalId());
    if (w != null) {
      w.record(r, available);
    }
  }

  /** Seeds one hour of history from the database after a restart, so 30-day uptime and percentiles do not reset. */
  public void seedHour(String portalId, Target target, Instant hour, long probes, long up, Double ttfbP75Ms,
      Double totalP75Ms, long withinA) {
    PortalWindow w = window(portalId);
    if (w != null) {
      w.seed(target, hour, probes, up, ttfbP75Ms, totalP75Ms, withinA);
    }
  }

  /**
   * The browser room's latest figures of one page (model v2). Figures measured with another throttling method
   * than the model's are ignored: they are not comparable, and one window never mixes two methods. Model v1
   * ignores every figure.
   */
  public void recordBrowser(String portalId, Target target, BrowserFigures f) {
    // (a null f is a run that is not scored: the previous figures stand until they go stale)
    if (model.browser() == null || f == null || !model.browser().method().equals(f.method())) {
      return;
    }
    PortalWindow w = window(portalId);
    if (w != null) {
      w.browser(target, f);
    }
  }

  /**
   * How long a page's browser figures are scored after their load (default 2 h; the browser room sets two of
   * its intervals): older figures are stale, and the page falls back to the probe's measurements.
   */
  public void browserFreshFor(Duration d) {
    browserFresh = d;
  }

  private volatile Duration browserFresh = Duration.ofHours(2);

  /** The version of this evaluator's scoring model (stored with every grade: versions are never compared). */
  public int modelVersion() {
    return model.version();
  }

  private PortalWindow window(String portalId) {
    Set<String> allowed = fleet;
    if (allowed != null && !allowed.contains(portalId)) {
      return null;
    }
    return windows.computeIfAbsent(portalId, newWindow);
  }

  /** The last persisted grade: hysteresis continues from it and no grade event fires on start. */
  public synchronized void restoreGrade(String portalId, String grade) {
    standings.computeIfAbsent(portalId, id -> new Standing(model.confirmations())).grade.restore(grade);
  }

  /**
   * Keeps only these portals (fleet reload): the others' windows and grades are dropped, and from now
   * on only probes of these portals are recorded (a late probe of a removed portal must not bring it
   * back), until the next call.
   */
  public synchronized void retain(Set<String> portalIds) {
    fleet = Set.copyOf(portalIds);
    windows.keySet().retainAll(portalIds);
    standings.keySet().retainAll(portalIds);
  }

  public synchronized Evaluation evaluate(Instant now) {
    record Scored(PortalWindow.Snapshot snap, Scorecard card) {}
    List<Scored> scored = new ArrayList<>(windows.size());
    for (PortalWindow w : windows.values()) {
      PortalWindow.Snapshot snap = w.snapshot(now, model, scratch, now.minus(browserFresh));
      if (snap.live()) {
        scored.add(new Scored(snap, scorer.score(snap.measurements())));
      }
    }
    scored.sort(Comparator.comparingDouble((Scored s) -> -s.card().score())
        .thenComparing(s -> s.snap().measurements().uptime(), Comparator.nullsLast(Comparator.reverseOrder()))
        .thenComparing(s -> s.card().portalId()));

    List<PortalEvaluation> ranked = new ArrayList<>(scored.size());
    List<GradeChange> gradeChanges = new ArrayList<>();
    List<RankChange> rankChanges = new ArrayList<>();
    Map<String, Scorecard> cards = new HashMap<>();
    int rank = 0;
    int position = 0;
    long previousScore = Long.MIN_VALUE;
    for (Scored s : scored) {
      // Standard competition ranking (1-2-2-4) on the score as shown (one decimal): equal shown scores
      // share a rank; uptime and id only order the rows within it.
      position++;
      long shown = shown(s.card().score());
      if (shown != previousScore) {
        rank = position;
        previousScore = shown;
      }
      Scorecard card = s.card();
      Standing standing = standings.computeIfAbsent(card.portalId(), id -> new Standing(model.confirmations()));
      GradeChange change = standing.observe(card);
      if (change != null) {
        gradeChanges.add(change);
      }
      RankChange moved = standing.observeRank(card.portalId(), rank, model.confirmations());
      if (moved != null) {
        rankChanges.add(moved);
      }
      PortalWindow.Snapshot snap = s.snap();
      Measurements m = snap.measurements();
      ranked.add(new PortalEvaluation(card.portalId(), rank, card.score(), card.grade(), standing.grade.confirmed(),
          snap.homeProbes() < model.minProbes(), snap.uptime24h(), m.uptime(), snap.homeTtfb(), snap.homeTotal(),
          m.certDaysLeft(), snap.checkedAt()));
      cards.put(card.portalId(), card);
    }
    return new Evaluation(now, ranked, gradeChanges, rankChanges, cards);
  }

  /** A score as the board shows it, one decimal, as a whole number of tenths. */
  static long shown(double score) {
    return Math.round(score * 10);
  }

  /** The scorer of this evaluator's model, for callers that score a single portal the same way. */
  public Scorer scorer() {
    return scorer;
  }
}
