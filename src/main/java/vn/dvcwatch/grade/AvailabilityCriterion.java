package vn.dvcwatch.grade;

import vn.dvcwatch.grade.ScoringModel.Availability;

/** Availability, 30 points: time-weighted uptime of the homepage and eForm over the window (docs/SCORING.md). */
final class AvailabilityCriterion {
  static final String ID = "availability.uptime";
  private static final Hint HINT = new Hint(
      "Giảm thời gian ngừng hoạt động: giám sát máy chủ, có hệ thống dự phòng và khắc phục sự cố nhanh hơn.",
      "Reduce downtime: monitor the servers, add redundancy and fix incidents faster.");

  private final Availability rules;

  AvailabilityCriterion(Availability rules) {
    this.rules = rules;
  }

  Criterion rate(Measurements m) {
    long max = Points.centi(rules.max());
    if (m.uptime() == null) {
      return HINT.row(ID, "availability", 0, max, "chưa có lượt đo nào");
    }
    double pct = m.uptime() * 100;
    long points = Math.min(max, Points.centi(rules.points(pct)));
    return HINT.row(ID, "availability", points, max,
        Points.percent(m.uptime()) + " thời gian hoạt động (trang chủ và eForm, " + rules.days() + " ngày gần nhất)");
  }
}
