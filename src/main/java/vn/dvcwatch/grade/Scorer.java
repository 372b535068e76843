package vn.dvcwatch.grade;

import java.util.ArrayList;
import java.util.List;
import vn.dvcwatch.probe.HeaderPosture;
import vn.dvcwatch.probe.PagePosture;

/**
 * Turns measurements into a scorecard (docs/SCORING.md). Pure and deterministic: the fleet evaluator and the
 * one-shot {@code check} use the same instance type, so a portal team reproduces its published score.
 */
public final class Scorer {
  private final ScoringModel model;
  private final AvailabilityCriterion availability;
  private final PerformanceCriteria performance;
  private final TlsRating tls;
  private final PostureChecks<HeaderPosture> headers;
  private final PostureChecks<PagePosture> page;
  private final ScoreCaps caps;

  public Scorer(ScoringModel model) {
    this.model = model;
    this.availability = new AvailabilityCriterion(model.availability());
    this.performance = new PerformanceCriteria(model.performance());
    this.tls = new TlsRating(model.tls());
    this.headers = HeaderChecks.of(model.headers());
    this.page = PageChecks.of(model.page());
    this.caps = new ScoreCaps(model.caps());
  }

  public ScoringModel model() {
    return model;
  }

  public Scorecard score(Measurements m) {
    List<Criterion> rows = new ArrayList<>(32);
    rows.add(availability.rate(m));
    rows.addAll(performance.rate(m));
    rows.add(tls.rate(m));
    rows.addAll(headers.rate(m.homeHeaders(), m.eformHeaders()));
    rows.addAll(page.rate(m.homePage(), m.eformPage()));
    long raw = 0;
    for (Criterion c : rows) {
      raw += Points.centi(c.points());
    }
    List<Criterion> capRows = caps.apply(m, raw);
    long score = raw;
    for (Criterion c : capRows) {
      score += Points.centi(c.points());
    }
    double total = Points.of(score);
    return new Scorecard(m.portalId(), total, model.bands().band(total), rows, capRows);
  }
}
