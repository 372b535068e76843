package vn.dvcwatch.alert;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import vn.dvcwatch.registry.Portal;

/**
 * Who receives an alert, or why nobody does. Pure: the caller supplies what it knows about the
 * portal's situation (maintenance, flapping, the watchdog's own network).
 */
public final class AlertRouter {
  public static final String MAINTENANCE = "maintenance";
  public static final String FLAPPING = "flapping";
  public static final String NETWORK = "watchdog_network";
  public static final String NO_RECIPIENTS = "no_recipients";
  /** A monthly report of a month nothing was monitored in (a fresh installation's first month). */
  public static final String NO_DATA = "no_data";

  /** The portal's situation when the alert is raised. */
  public record Situation(boolean maintenance, boolean flapping, boolean networkProblem) {
    public static final Situation NORMAL = new Situation(false, false, false);
  }

  /** Recipients (lower-case, distinct, in routing order), or the reason the alert is suppressed. */
  public record Route(List<String> recipients, String suppressedReason) {
    public boolean suppressed() {
      return suppressedReason != null;
    }

    static Route suppress(String reason) {
      return new Route(List.of(), reason);
    }
  }

  private final String nationalCopy;
  private final Set<AlertKind> optOut;
  private final Set<AlertKind> nationalOptOut;

  public AlertRouter(AlertSettings settings) {
    this.nationalCopy = settings.nationalCopy();
    this.optOut = settings.optOut();
    this.nationalOptOut = settings.nationalOptOut();
  }

  public Route route(AlertKind kind, Portal portal, Situation s) {
    if (s.maintenance() && kind.silencedByMaintenance()) {
      return Route.suppress(MAINTENANCE);
    }
    if (s.flapping() && (kind == AlertKind.DOWN || kind == AlertKind.RECOVERED)) {
      return Route.suppress(FLAPPING);
    }
    // When most of the fleet fails at once the fault is probably ours: do not page every owner.
    if (s.networkProblem() && kind == AlertKind.DOWN) {
      return Route.suppress(NETWORK);
    }
    Set<String> to = new LinkedHashSet<>();
    boolean nationalOnly = kind == AlertKind.WATCHDOG_NETWORK || kind == AlertKind.DIGEST || kind == AlertKind.ESCALATION
        || portal == null;
    if (!nationalOnly && !optOut.contains(kind) && portal.contacts() != null) {
      for (String c : portal.contacts()) {
        if (c != null && !c.isBlank()) {
          to.add(c.trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    if (nationalCopy != null && !nationalOptOut.contains(kind)) {
      to.add(nationalCopy.trim().toLowerCase(Locale.ROOT));
    }
    return to.isEmpty() ? Route.suppress(NO_RECIPIENTS) : new Route(new ArrayList<>(to), null);
  }
}
