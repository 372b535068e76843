package vn.dvcwatch.grade;

import java.util.ArrayList;
import java.util.List;

/**
 * A group of weighted checks worth {@code max} points, applied to the homepage and the eForm page. Each
 * check's maximum is {@code max × weight / Σ weights}; a check earns that maximum times the mean share
 * of the pages measured (a page never fetched is left out: its downtime already costs availability).
 * When neither page was ever measured the checks earn nothing: silence is not a pass.
 */
final class PostureChecks<P> {
  private final String pillar;
  private final double max;
  private final List<PostureCheck<P>> checks;
  private final long[] centiMax;

  PostureChecks(String pillar, double max, List<PostureCheck<P>> checks) {
    this.pillar = pillar;
    this.max = max;
    this.checks = List.copyOf(checks);
    double[] raw = new double[checks.size()];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = rawMax(i);
    }
    this.centiMax = Points.apportion(raw);
  }

  private double rawMax(int i) {
    int total = 0;
    for (PostureCheck<P> c : checks) {
      total += c.weight();
    }
    return total == 0 ? 0 : max * checks.get(i).weight() / total;
  }

  List<Criterion> rate(P home, P eform) {
    double[] raw = new double[checks.size()];
    boolean[] unmeasured = new boolean[checks.size()];
    for (int i = 0; i < raw.length; i++) {
      PostureCheck<P> c = checks.get(i);
      P h = home != null && c.measured().test(home) ? home : null;
      P e = eform != null && c.measured().test(eform) ? eform : null;
      int pages = (h == null ? 0 : 1) + (e == null ? 0 : 1);
      // Fetched pages on which the check could not be made: not measured, not passed.
      unmeasured[i] = pages == 0 && (home != null || eform != null);
      double share = (h == null ? 0 : clamp(c.share().applyAsDouble(h))) + (e == null ? 0 : clamp(c.share().applyAsDouble(e)));
      raw[i] = pages == 0 ? 0 : rawMax(i) * share / pages;
    }
    long[] points = Points.apportion(raw);
    List<Criterion> out = new ArrayList<>(checks.size());
    for (int i = 0; i < raw.length; i++) {
      PostureCheck<P> c = checks.get(i);
      String measurement = measurement(c, home, eform);
      out.add(unmeasured[i] ? Hint.unmeasured(c.id(), pillar, centiMax[i], "chưa đo được: " + measurement)
          : c.hint().row(c.id(), pillar, points[i], centiMax[i], measurement));
    }
    return out;
  }

  private static double clamp(double share) {
    return Math.max(0, Math.min(1, share));
  }

  private static <P> String measurement(PostureCheck<P> c, P home, P eform) {
    if (home == null && eform == null) {
      return "chưa đo được (chưa tải được trang nào)";
    }
    String h = home == null ? "" : "trang chủ: " + c.describe().apply(home);
    String e = eform == null ? "" : "eForm: " + c.describe().apply(eform);
    return h.isEmpty() ? e : e.isEmpty() ? h : h + "; " + e;
  }
}
