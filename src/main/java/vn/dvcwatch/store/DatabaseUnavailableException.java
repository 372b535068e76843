package vn.dvcwatch.store;

/**
 * A write failed because the database could not be reached ({@link DbFailure#UNREACHABLE}: refused, reset,
 * timed out, or the server answering that it is shutting down or starting up). Callers retry it.
 */
public final class DatabaseUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DatabaseUnavailableException(Throwable cause) {
    super("database unavailable: " + cause.getMessage(), cause);
  }
}
