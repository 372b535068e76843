package vn.dvcwatch.probe;

/** Turns a failure into the short technical detail a portal team reads: the innermost cause's message. */
final class Failures {
  private Failures() {}

  static Throwable rootOf(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    return r;
  }

  static String describe(Throwable t) {
    Throwable r = rootOf(t);
    String m = r.getMessage();
    return m == null || m.isBlank() ? r.getClass().getSimpleName() : m;
  }
}
