package vn.dvcwatch.grade;

import java.util.ArrayList;
import java.util.List;
import vn.dvcwatch.result.HeaderPosture;
import vn.dvcwatch.result.PagePosture;

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
  private final PostureChecks<PageChecks.PageEvidence> pageV2;
  private final ScoreCaps caps;

  public Scorer(ScoringModel model) {
    this.model = model;
    this.availability = new AvailabilityCriterion(model.availability());
    this.performance = new PerformanceCriteria(model.performance(), model.browser());
    this.tls = new TlsRating(model.tls());
    this.headers = HeaderChecks.of(model.headers());
    this.page = PageChecks.of(model.page());
    this.pageV2 = model.browser() == null ? null : PageChecks.v2(model.page(), model.browser());
    this.caps = new ScoreCaps(model.caps());
  }

  /** The row that scales the measured criteria up to the whole when some could not be measured. */
  public static final String SCALING = "unmeasured.scaling";
  static final String SCALING_PILLAR = "scaling";

  public ScoringModel model() {
    return model;
  }

  public Scorecard score(Measurements m) {
    List<Criterion> rows = new ArrayList<>(32);
    rows.add(availability.rate(m));
    rows.addAll(performance.rate(m));
    rows.add(tls.rate(m));
    rows.addAll(headers.rate(m.homeHeaders(), m.eformHeaders()));
    if (pageV2 == null) {
      rows.addAll(page.rate(m.homePage(), m.eformPage()));
    } else {
      rows.addAll(pageV2.rate(PageChecks.PageEvidence.of(m.homePage(), m.homeBrowser()),
          PageChecks.PageEvidence.of(m.eformPage(), m.eformBrowser())));
    }
    long raw = 0;
    long measuredMax = 0;
    long allMax = 0;
    for (Criterion c : rows) {
      raw += Points.centi(c.points());
      allMax += Points.centi(c.max());
      measuredMax += c.measured() ? Points.centi(c.max()) : 0;
    }
    if (measuredMax < allMax && measuredMax > 0) {
      // What could not be measured earns nothing; the measured criteria are scaled up to the whole, and
      // the scaling is its own row so that the rows still add up to the score.
      long scaled = Math.round((double) raw * allMax / measuredMax);
      rows.add(new Criterion(SCALING, SCALING_PILLAR, Points.of(scaled - raw), 0,
          String.format(java.util.Locale.ROOT, "%s điểm chưa đo được; %s/%s điểm đã đo quy về thang %s",
              Points.of(allMax - measuredMax), Points.of(raw), Points.of(measuredMax), Points.of(allMax)), "", ""));
      raw = scaled;
    }
    List<Criterion> capRows = caps.apply(m, raw);
    long score = raw;
    for (Criterion c : capRows) {
      score += Points.centi(c.points());
    }
    double total = Points.of(score);
    return new Scorecard(m.portalId(), total, model.bands().band(total), rows, capRows, model.version());
  }
}
