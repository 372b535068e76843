package vn.dvcwatch.store;

import java.time.Duration;

/**
 * Everything the store needs from the configuration, in one record so that tests and benchmarks can
 * build a store without a whole configuration.
 *
 * @param url null or blank for embedded PostgreSQL; else {@code postgresql://…} or {@code jdbc:postgresql://…}
 * @param poolSize the pool's maximum number of connections (its wait queue is bounded at 16 × this)
 * @param bufferCapacity probe results held in memory while the database is slow or away
 * @param batchSize probe results per insert statement; a full batch is flushed at once
 * @param flushEvery the longest a probe result waits in the buffer when the database is up
 * @param rawRetention raw probe results older than this are dropped (whole daily partitions)
 * @param rollupRetention hourly and daily rollups older than this are deleted
 */
public record DbSettings(String url, String user, String password, int poolSize, int bufferCapacity,
    int batchSize, Duration flushEvery, Duration rawRetention, Duration rollupRetention) {

  public static DbSettings from(DbConfig db, RetentionSettings retention) {
    return new DbSettings(db.url(), db.user(), db.password(), db.poolSize(), db.bufferCapacity(), db.batchSize(),
        db.flushEvery(), retention.raw(), retention.rollups());
  }

  /** Embedded defaults for tests and benchmarks: the same numbers as an empty configuration file. */
  public static DbSettings embeddedDefaults() {
    vn.dvcwatch.config.YamlNode empty = vn.dvcwatch.config.YamlNode.parse("(defaults)", "{}", java.util.Map.of());
    return from(DbConfig.from(empty.get("db")), RetentionSettings.from(empty.get("retention")));
  }

  public boolean embedded() {
    return url == null || url.isBlank();
  }

  public DbSettings withUrl(String newUrl) {
    return new DbSettings(newUrl, user, password, poolSize, bufferCapacity, batchSize, flushEvery, rawRetention,
        rollupRetention);
  }

  public DbSettings withBuffer(int capacity, int batch, Duration every) {
    return new DbSettings(url, user, password, poolSize, capacity, batch, every, rawRetention, rollupRetention);
  }
}
