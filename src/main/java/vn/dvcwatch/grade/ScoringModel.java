package vn.dvcwatch.grade;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import vn.dvcwatch.config.YamlNode;

/**
 * The scoring model of docs/SCORING.md (version 1, or version 2 with the browser room's figures): weights, thresholds, caps and bands, read from
 * {@code conf/scoring.yaml}. Kept as data so that a published ranking can be re-derived from the file
 * that produced it; the arithmetic lives in {@link Scorer}.
 *
 * @param evaluateEvery how often the fleet is re-scored (by default every 30 s)
 * @param confirmations consecutive evaluations in a new band before a grade changes
 * @param minProbes fewer homepage probes than this in the availability window: the score is provisional
 */
public record ScoringModel(Bands bands, Duration evaluateEvery, int confirmations, int minProbes, Availability availability,
    Performance performance, TlsRules tls, HeaderRules headers, PageRules page, Caps caps, int version,
    BrowserRules browser) {
  /** The newest model version this build knows (the {@code version} of conf/scoring.yaml). */
  public static final int LATEST_VERSION = 2;
  static final String RESOURCE = "/vn/dvcwatch/grade/scoring.yaml";

  /** Reads and validates a scoring file; every rejection names the file, line and field. */
  public static ScoringModel load(Path file) {
    return parse(file.toString(), vn.dvcwatch.config.ConfigLoader.read(file));
  }

  /** The model shipped in the jar (identical to {@code conf/scoring.yaml}). */
  public static ScoringModel defaults() {
    return resource(RESOURCE);
  }

  /** Model v1 as it shipped before v2 (to re-derive a v1 score; the history keeps v1 scores as they were). */
  public static ScoringModel v1() {
    return resource(RESOURCE_V1);
  }

  static final String RESOURCE_V1 = "/vn/dvcwatch/grade/scoring-v1.yaml";

  private static ScoringModel resource(String name) {
    try (InputStream in = ScoringModel.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + name);
      }
      return parse("classpath:" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + name, e);
    }
  }

  /** Parses scoring YAML text; {@code file} is only used in error messages. */
  public static ScoringModel parse(String file, String text) {
    return ScoringModelReader.read(YamlNode.parse(file, text));
  }

  /** MIC grade bands: the lowest score of A, B, C and D; anything lower is E. */
  public record Bands(double a, double b, double c, double d) {
    public String band(double score) {
      if (score >= a) {
        return "A";
      }
      if (score >= b) {
        return "B";
      }
      if (score >= c) {
        return "C";
      }
      return score >= d ? "D" : "E";
    }
  }

  /** One point of a piecewise-linear curve. */
  public record Point(double x, double y) {}

  /** Uptime (percent, points) curve, highest uptime first; linear between points, flat beyond the ends. */
  public record Availability(double max, int days, List<Point> curve) {
    public double points(double uptimePercent) {
      if (uptimePercent >= curve.get(0).x()) {
        return curve.get(0).y();
      }
      for (int i = 1; i < curve.size(); i++) {
        Point hi = curve.get(i - 1);
        Point lo = curve.get(i);
        if (uptimePercent >= lo.x()) {
          return lo.y() + (hi.y() - lo.y()) * (uptimePercent - lo.x()) / (hi.x() - lo.x());
        }
      }
      return curve.get(curve.size() - 1).y();
    }
  }

  /**
   * Full points at or better than {@code full}, none at or worse than {@code zero}, linear between.
   * Works both ways: for times lower is better ({@code full < zero}), for shares higher is better.
   */
  public record Scale(double max, double full, double zero) {
    public double points(double value) {
      double f = (zero - value) / (zero - full);
      return max * Math.max(0, Math.min(1, f));
    }
  }

  /** The five performance sub-criteria and the window their percentiles are taken over. */
  public record Performance(Duration window, int percentile, Scale homeTtfb, Scale homeTotal, Scale eformTtfb,
      Scale eformTotal, double aTtfbMs, double aTotalMs, Scale stability) {}

  /** SSL-Labs-style TLS rating: category weights, points share per letter, letter caps. */
  public record TlsRules(double max, double protocolWeight, double keyWeight, double cipherWeight,
      Map<Character, Double> letterShare, char legacyCap, char noForwardSecrecyCap, char weakKeyCap,
      char weakCipherCap) {}

  /** Observatory-style header penalties (points out of 100 before scaling to {@code max}). */
  public record HeaderRules(double max, int cspMissing, int cspUnsafeInline, int hstsMissing, int hstsShort,
      int frameMissing, int redirectMissing, int nosniffMissing, int referrerMissing, int cookieNotSecure,
      int cookieNotHttpOnly, int cookieNoSameSite, int mixedContent, int serverVersion) {}

  /** Page-check weights by impact, and the count of offending elements at which a count check gives 0. */
  public record PageRules(double max, int lang, int title, int viewport, int zoom, int alt, int altZeroAt,
      int labels, int labelsZeroAt, int links, int linksZeroAt, int refresh, int privacy) {}

  /**
   * Model v2's use of the browser room: only figures measured with {@code method} are scored; visual
   * stability (CLS) on {@code cls}; axe-core's violated rules weighted by impact, a page's WCAG share
   * reaching 0 when the weights of its violated rules add up to {@code zeroAt}.
   */
  public record BrowserRules(String method, Scale cls, int critical, int serious, int moderate, int minor, int zeroAt) {
    /** The weight of one violated rule of this impact (an impact axe did not give counts as minor). */
    public int weight(String impact) {
      return switch (impact == null ? "" : impact) {
        case "critical" -> critical;
        case "serious" -> serious;
        case "moderate" -> moderate;
        default -> minor;
      };
    }
  }

  /** Score caps for the two conditions a citizen's browser would warn about. */
  public record Caps(double noHttps, double invalidCertificate) {}
}
