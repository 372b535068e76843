package vn.dvcwatch.store;

/**
 * A write failed because the database could not be reached (refused, reset, timed out, or the server
 * answering that it is shutting down or starting up). Never a {@link io.vertx.pgclient.PgException}, so
 * callers that skip what the server refuses (a PgException) and retry everything else retry this.
 */
public final class DatabaseUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DatabaseUnavailableException(Throwable cause) {
    super("database unavailable: " + cause.getMessage(), cause);
  }
}
