package vn.dvcwatch.config;

/**
 * A start-up that cannot go on for a reason the operator must act on (a data directory of an older
 * PostgreSQL, a port range in use). The message says what was found and exactly what to do; it is logged
 * as it is, without a stack trace, and the process exits with 1.
 */
public class StartupException extends RuntimeException {
  public StartupException(String message) {
    super(message);
  }

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
