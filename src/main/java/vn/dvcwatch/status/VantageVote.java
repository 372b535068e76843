package vn.dvcwatch.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.dvcwatch.result.Cause;

/**
 * One verdict from several vantages (docs/CLUSTER.md), as a pure function. Each vantage confirms a
 * portal's status on its own ({@link StatusTracker}: retries, confirmation, flapping); the vote combines
 * their statuses:
 *
 * <ul>
 *   <li>A vantage <em>votes</em> when its status of the portal is known, it checked the portal within the
 *       window, and it does not abstain (a vantage that cannot reach most of its fleet suspects its own
 *       network: the fleet-wide failure check of {@link StatusTracker}).
 *   <li>DOWN when a strict majority of the voters see it DOWN, and at least {@code quorum} of them when a
 *       quorum is configured (Better Stack's "3 of 4 locations"); a quorum never lowers the majority.
 *   <li>PARTIAL when some voters, but not enough, see it DOWN: failing from a minority, named in
 *       {@link Verdict#failing()}, never an outage.
 *   <li>Otherwise the worst status that a strict majority of the voters sees at least as bad (UP, then
 *       DEGRADED, then FLAPPING): one slow vantage of three does not make the portal slow.
 *   <li>UNKNOWN when nobody votes.
 * </ul>
 */
public final class VantageVote {
  /** The order of "at least as bad" among the statuses that are not DOWN. */
  private static final List<PortalStatus> BETTER_TO_WORSE = List.of(PortalStatus.UP, PortalStatus.DEGRADED,
      PortalStatus.FLAPPING);

  /**
   * What one vantage says about one portal.
   *
   * @param status its own confirmed status
   * @param cause its cause, null when UP
   * @param checkedAt when it last probed the portal's homepage
   * @param abstains its own network is suspect: it does not vote
   */
  public record Report(String vantage, PortalStatus status, String cause, Instant checkedAt, boolean abstains) {}

  /**
   * The voted status, with the cause most of the failing (or worst) voters give, the vantages that voted
   * and those that see the portal DOWN (all sorted by name).
   */
  public record Verdict(PortalStatus status, String cause, List<String> voters, List<String> failing) {}

  private final Duration window;
  private final int quorum;

  /**
   * @param window a vantage that has not checked the portal for longer does not vote
   * @param quorum the least number of vantages that must see a portal DOWN, on top of a strict majority
   *     of the voters; 0: the majority alone
   */
  public VantageVote(Duration window, int quorum) {
    if (window.isNegative() || window.isZero() || quorum < 0) {
      throw new IllegalArgumentException("window " + window + ", quorum " + quorum);
    }
    this.window = window;
    this.quorum = quorum;
  }

  public Verdict decide(Collection<Report> reports, Instant now) {
    Instant oldest = now.minus(window);
    List<Report> voters = reports.stream()
        .filter(r -> !r.abstains() && r.status() != PortalStatus.UNKNOWN && !r.checkedAt().isBefore(oldest))
        .sorted(Comparator.comparing(Report::vantage)).toList();
    List<String> names = voters.stream().map(Report::vantage).toList();
    if (voters.isEmpty()) {
      return new Verdict(PortalStatus.UNKNOWN, null, names, List.of());
    }
    List<Report> down = voters.stream().filter(r -> r.status() == PortalStatus.DOWN).toList();
    List<String> failing = down.stream().map(Report::vantage).toList();
    if (majority(down.size(), voters.size()) && down.size() >= quorum) {
      return new Verdict(PortalStatus.DOWN, commonCause(down), names, failing);
    }
    if (!down.isEmpty()) {
      return new Verdict(PortalStatus.PARTIAL, commonCause(down), names, failing);
    }
    for (int i = BETTER_TO_WORSE.size() - 1; i > 0; i--) {
      int rank = i;
      List<Report> atLeast = voters.stream().filter(r -> BETTER_TO_WORSE.indexOf(r.status()) >= rank).toList();
      if (majority(atLeast.size(), voters.size())) {
        return new Verdict(BETTER_TO_WORSE.get(i), commonCause(atLeast), names, failing);
      }
    }
    return new Verdict(PortalStatus.UP, null, names, failing);
  }

  private static boolean majority(int agree, int voters) {
    return 2 * agree > voters;
  }

  /**
   * A refused certificate if any of them saw one (the single-node rule of {@link StatusTracker}: a browser
   * stops at the certificate, so what another vantage saw fail after it, or before its handshake, is not
   * the cause); else the cause given most often, a tie going to the vantage first by name.
   */
  private static String commonCause(List<Report> reports) {
    if (reports.stream().anyMatch(r -> Cause.CERTIFICATE.equals(r.cause()))) {
      return Cause.CERTIFICATE;
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    reports.stream().filter(r -> r.cause() != null).forEach(r -> counts.merge(r.cause(), 1, Integer::sum));
    return counts.entrySet().stream().max(Comparator.comparingInt(Map.Entry::getValue)).map(Map.Entry::getKey)
        .orElse(null);
  }
}
