package vn.dvcwatch.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.cluster.ClusterSettings;

/**
 * The watchdog's PostgreSQL (docs/STORAGE.md): embedded in {@code dataDir/pg} when no URL is configured, else any
 * external PostgreSQL ≥ 14. Start-up runs the migrations off the event loop, builds the one pool of the
 * process and the logs on it, and starts the timers that flush the probe buffer, ping the database and
 * keep partitions, rollups and retention up to date.
 */
public final class Store {
  private static final Logger LOG = LoggerFactory.getLogger(Store.class);
  private static final Duration PING_EVERY = Duration.ofSeconds(2);
  private static final Duration HOUSEKEEPING_EVERY = Duration.ofMinutes(1);
  private static final Duration CLOSE_FLUSH_WAIT = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final EmbeddedDatabase embedded;
  private final Pool pool;
  private final DbHealth health = new DbHealth();
  private final ProbeLog probes;
  private final IncidentLog incidents;
  private final GradeLog grades;
  private final MaintenanceLog maintenance;
  private final SlaQueries sla;
  private final Housekeeping housekeeping;
  private final DbEndpoint endpoint;
  private final long[] timers = {-1, -1, -1};

  private Store(Vertx vertx, DbSettings s, EmbeddedDatabase embedded, DbEndpoint endpoint, String vantage) {
    this.vertx = vertx;
    this.embedded = embedded;
    this.endpoint = endpoint;
    PoolOptions po = new PoolOptions().setMaxSize(s.poolSize()).setMaxWaitQueueSize(s.poolSize() * 16)
        .setConnectionTimeout(DbEndpoint.connectTimeoutMs()).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
        .setName("dvc-store");
    this.pool = PgBuilder.pool().with(po)
        .with(new io.vertx.core.net.NetClientOptions().setConnectTimeout(DbEndpoint.connectTimeoutMs()))
        .connectingTo(endpoint.connect()).using(vertx).build();
    Partitions partitions = new Partitions(pool);
    this.probes = new ProbeLog(vertx, pool, health, partitions, s, vantage);
    this.incidents = new IncidentLog(pool, health);
    this.grades = new GradeLog(pool, health);
    this.maintenance = new MaintenanceLog(pool);
    this.sla = new SlaQueries(incidents, maintenance, pool);
    this.housekeeping = new Housekeeping(pool, partitions, probes, maintenance, s);
  }

  /**
   * The options the store connects to a local PostgreSQL on {@code port} with (user and password
   * {@code postgres}), session settings included: for a process that shares the store's database and must
   * behave as the store's connections do (the cluster drills' nodes).
   */
  public static PgConnectOptions localConnectOptions(int port) {
    return DbEndpoint.embedded(port).connect();
  }

  /**
   * Starts the database (embedded when {@code settings.url} is blank), migrates it and returns the store.
   * A stale {@code postmaster.pid} left by {@code kill -9} is handled; the data directory is kept.
   */
  public static Future<Store> start(Vertx vertx, DbSettings settings, Path dataDir) {
    return start(vertx, settings, dataDir, ClusterSettings.SINGLE_VANTAGE);
  }

  /** As {@link #start(Vertx, DbSettings, Path)}, storing every probe result under {@code vantage}. */
  public static Future<Store> start(Vertx vertx, DbSettings settings, Path dataDir, String vantage) {
    return vertx.executeBlocking(() -> {
      EmbeddedDatabase emb = settings.embedded() ? EmbeddedDatabase.start(dataDir) : null;
      try {
        DbEndpoint endpoint = emb != null ? DbEndpoint.embedded(emb.port()) : DbEndpoint.external(settings);
        migrate(endpoint);
        return new Store(vertx, settings, emb, endpoint, vantage);
      } catch (RuntimeException e) {
        if (emb != null) {
          emb.stop();
        }
        throw e;
      }
    }, false).compose(store -> store.startJobs(settings)
        .recover(e -> store.close().transform(x -> Future.failedFuture(e))).map(store));
  }

  private static void migrate(DbEndpoint endpoint) {
    Flyway flyway = Flyway.configure().dataSource(endpoint.jdbcUrl(), endpoint.user(), endpoint.password())
        .locations("classpath:db/migration").load();
    var result = flyway.migrate();
    // The result's target version is null when nothing was applied (every restart): ask for the current one.
    MigrationInfo current = flyway.info().current();
    LOG.info("database schema at version {} ({} migrations applied now)",
        current == null ? "none" : current.getVersion().getVersion(), result.migrationsExecuted);
  }

  private Future<Void> startJobs(DbSettings s) {
    return housekeeping.startUp(Instant.now()).onSuccess(x -> {
      timers[0] = vertx.setPeriodic(s.flushEvery().toMillis(), id -> {
        if (health.up()) {
          probes.kick();
        }
      });
      timers[1] = vertx.setPeriodic(PING_EVERY.toMillis(), id -> ping());
      timers[2] = vertx.setPeriodic(HOUSEKEEPING_EVERY.toMillis(), id -> periodicHousekeeping(Instant.now()));
    });
  }

  private void ping() {
    pool.query("SELECT 1").execute().onSuccess(x -> health.reachable()).onFailure(health::failed);
  }

  /**
   * The database as a {@code postgresql://user:password@host:port/db} URL: what other processes are given to share it
   * (the nodes of {@code demo --vantages}, on embedded PostgreSQL started by the launcher).
   */
  public String url() {
    var o = endpoint.connect();
    return "postgresql://" + o.getUser() + ":" + o.getPassword() + "@" + o.getHost() + ":" + o.getPort() + "/"
        + o.getDatabase();
  }

  public Pool pool() {
    return pool;
  }

  /** Last known database reachability (for {@code /health/ready}). */
  public boolean up() {
    return health.up();
  }

  public ProbeLog probes() {
    return probes;
  }

  public IncidentLog incidents() {
    return incidents;
  }

  public GradeLog grades() {
    return grades;
  }

  public MaintenanceLog maintenance() {
    return maintenance;
  }

  public SlaQueries sla() {
    return sla;
  }

  /**
   * Runs housekeeping now: partitions, retention if due, and rollups including the running hour and day
   * (the periodic run leaves those until they end). For tests, benchmarks and the admin API.
   */
  public Future<Void> housekeep(Instant now) {
    return housekeeping.run(now, true);
  }

  /** What the minute timer runs (tests call it with a chosen clock). */
  Future<Void> periodicHousekeeping(Instant now) {
    return housekeeping.run(now, false);
  }

  /** The embedded database, or null when external (tests stop and restart it to simulate an outage). */
  EmbeddedDatabase embedded() {
    return embedded;
  }

  /** Flushes the buffer (waiting at most a few seconds), closes the pool and stops embedded PostgreSQL. */
  public Future<Void> close() {
    for (int i = 0; i < timers.length; i++) {
      if (timers[i] >= 0) {
        vertx.cancelTimer(timers[i]);
        timers[i] = -1;
      }
    }
    return probes.flush().timeout(CLOSE_FLUSH_WAIT.toMillis(), TimeUnit.MILLISECONDS)
        .onFailure(e -> LOG.warn("closing with {} probe results unwritten ({})", probes.bufferDepth(), e.toString()))
        .transform(x -> pool.close())
        .transform(x -> embedded == null ? Future.<Void>succeededFuture()
            : vertx.executeBlocking(() -> {
              embedded.stop();
              return null;
            }, false))
        .mapEmpty();
  }
}
