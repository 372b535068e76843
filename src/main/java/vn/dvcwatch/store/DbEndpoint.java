package vn.dvcwatch.store;

import io.vertx.pgclient.PgConnectOptions;
import vn.dvcwatch.cluster.LeaderElection;

/**
 * Where the database is, in both forms the store needs: the pg client's options (the event-loop pool)
 * and a JDBC URL (Flyway, at start-up only). Credentials in the URL win over {@code db.user/password}.
 */
record DbEndpoint(PgConnectOptions connect, String jdbcUrl) {
  private static final int CONNECT_TIMEOUT_MS = 5_000;
  /*
   * PostgreSQL ends a session left idle inside a transaction for this long, and frees its locks. No
   * transaction of ours waits on anything but the database between its statements, so only a frozen or
   * cut-off process gets here. Without it, a cluster leader frozen inside a fenced write keeps the epoch
   * row's FOR SHARE lock, and every next leader's claim waits behind it, until it thaws (docs/CLUSTER.md).
   * The leader lease itself: the successor may claim only once the lease has run out anyway.
   */
  static final int IDLE_IN_TRANSACTION_MS = (int) LeaderElection.LEASE.toMillis();

  static DbEndpoint embedded(int port) {
    return of(new PgConnectOptions().setHost("localhost").setPort(port).setDatabase("postgres")
        .setUser("postgres").setPassword("postgres"));
  }

  /** {@code postgresql://user:pw@host:port/db?…}, {@code postgres://…} or {@code jdbc:postgresql://…}. */
  static DbEndpoint external(DbSettings s) {
    String url = s.url().trim();
    if (url.startsWith("jdbc:")) {
      url = url.substring("jdbc:".length());
    }
    PgConnectOptions o = PgConnectOptions.fromUri(url);
    if (!url.matches("^[a-z]+://[^/@]*@.*")) {
      o.setUser(s.user()).setPassword(s.password());
    }
    return of(o);
  }

  private static DbEndpoint of(PgConnectOptions o) {
    o.setPipeliningLimit(256).setCachePreparedStatements(true).setReconnectAttempts(0)
        .addProperty("idle_in_transaction_session_timeout", Integer.toString(IDLE_IN_TRANSACTION_MS));
    String jdbc = "jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase()
        + "?connectTimeout=" + CONNECT_TIMEOUT_MS / 1000;
    return new DbEndpoint(o, jdbc);
  }

  String user() {
    return connect.getUser();
  }

  String password() {
    return connect.getPassword();
  }

  static int connectTimeoutMs() {
    return CONNECT_TIMEOUT_MS;
  }
}
