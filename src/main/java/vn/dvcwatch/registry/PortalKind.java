package vn.dvcwatch.registry;

/** The kinds of portal in the fleet (docs/FLEET.md). */
public enum PortalKind {
  NATIONAL, MINISTRY, PROVINCE;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
