package vn.dvcwatch.result;


/** Which page of a portal a probe looks at: the homepage, or a procedure's eForm page. */
public enum Target {
  HOMEPAGE, EFORM;

  /** The lower-case label used in JSON, metrics and the database. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Target fromLabel(String label) {
    return valueOf(label.toUpperCase(java.util.Locale.ROOT));
  }
}
