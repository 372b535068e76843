package vn.dvcwatch.store;

import java.time.Duration;
import java.util.Set;
import vn.dvcwatch.config.YamlNode;

/** The {@code db:} section; a blank {@code url} means embedded PostgreSQL under the data directory. */
public record DbConfig(String url, String user, String password, int poolSize, int bufferCapacity, int batchSize,
    Duration flushEvery) {
  static final Set<String> KEYS = Set.of("url", "user", "password", "poolSize", "bufferCapacity", "batchSize",
      "flushEvery");

  public static DbConfig from(YamlNode d) {
    d.only(KEYS);
    String url = d.get("url").string("");
    if (!url.isBlank() && !url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
      throw d.get("url").fail("expected postgresql://host:port/database, got \"" + url + "\"");
    }
    return new DbConfig(url, d.get("user").string("postgres"), d.get("password").string("postgres"),
        d.get("poolSize").integer(8, 1, 100), d.get("bufferCapacity").integer(100_000, 100, 10_000_000),
        d.get("batchSize").integer(500, 1, 10_000), d.get("flushEvery").duration(Duration.ofSeconds(1)));
  }

  public boolean embedded() {
    return url == null || url.isBlank();
  }
}
