package vn.dvcwatch.registry;

/** The kinds of portal in the fleet (SPEC §4). */
public enum PortalKind {
  NATIONAL, MINISTRY, PROVINCE;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
