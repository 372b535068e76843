package vn.dvcwatch.app;

import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import vn.dvcwatch.alert.AlertKind;
import vn.dvcwatch.alert.AlertSettings;
import vn.dvcwatch.config.AppConfig;

/** The alert room's settings from the application config (which validated every field at load). */
final class AlertConfig {
  private AlertConfig() {}

  static AlertSettings from(AppConfig cfg) {
    AppConfig.Alerts a = cfg.alerts();
    AppConfig.Smtp m = a.smtp();
    AlertSettings d = AlertSettings.defaults();
    Set<AlertKind> optOut = EnumSet.noneOf(AlertKind.class);
    for (String kind : a.optOut()) {
      optOut.add(AlertKind.valueOf(kind.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
    }
    AlertSettings.Smtp smtp = new AlertSettings.Smtp(m.host(), m.port(),
        AlertSettings.StartTls.valueOf(m.starttls().toUpperCase(Locale.ROOT)), m.ssl(),
        blankToNull(m.username()), blankToNull(m.password()), m.from());
    return new AlertSettings(a.enabled(), smtp, blankToNull(a.nationalCopy()), cfg.http().publicUrl().toString(),
        optOut, Set.of(), a.ratePerHour(), a.digest(), LocalTime.parse(a.digestAt()), a.retryBase(), a.retryMax(),
        d.pollInterval(), d.lease(), d.sendTimeout(), d.flapOpenings(), d.flapWindow());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
