package vn.dvcwatch.probe;

import java.util.regex.Pattern;

/** Turns a failure into the short technical detail a portal team reads: the innermost cause's message. */
final class Failures {
  private static final Pattern NATIVE_CALL = Pattern.compile("^\\w+\\(\\.\\.\\) failed: ");

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
    if (m == null || m.isBlank()) {
      return r.getClass().getSimpleName();
    }
    // the native transport names the system call first ("finishConnect(..) failed: Connection refused"); the
    // portal's team needs what happened, as the JDK's transport says it
    return NATIVE_CALL.matcher(m).replaceFirst("");
  }
}
