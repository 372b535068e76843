package vn.dvcwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.config.StartupException;

/**
 * A {@code --data} directory of the previous releases, whose cluster was made by the PostgreSQL 14 they
 * embedded: the start is refused with the way out, and not one byte of the old directory changes. The old
 * cluster is made here by the real 14 binaries (copied to target/postgres-old by the build), with a row in it.
 */
class OldDataDirectoryTest {
  private static final Path OLD_BINARIES = Path.of("target", "postgres-old", "postgres-old-linux-amd64.jar");

  @Test
  void aClusterMadeByPostgres14IsRefusedAndLeftAsItWas() throws Exception {
    assumeTrue(System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64"),
        "the old binaries in the build are linux amd64 ones");
    assertThat(OLD_BINARIES).as("copied by the build (maven-dependency-plugin, generate-test-resources)").exists();
    Path data = Fixtures.dataDir("old-14");
    Path pg = data.resolve("pg");
    try (ZipFile jar = new ZipFile(OLD_BINARIES.toFile());
         EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(pg).setCleanDataDirectory(false)
             .setRegisterShutdownHook(false).setPgBinaryResolver((system, hardware) -> open(jar)).start();
         Connection c = old.getPostgresDatabase().getConnection();
         Statement st = c.createStatement()) {
      st.execute("CREATE TABLE history (note text)");
      st.execute("INSERT INTO history VALUES ('một năm lịch sử')");
      try (ResultSet rs = st.executeQuery("SHOW server_version_num")) {
        rs.next();
        assertThat(rs.getInt(1) / 10000).isEqualTo(14);
      }
    }
    // a kill -9 of the old release would have left this: the refusal must not remove it either
    Files.writeString(pg.resolve("postmaster.pid"), "999999\n" + pg + "\n", StandardCharsets.US_ASCII);
    Map<String, String> before = snapshot(data);

    assertThatThrownBy(() -> EmbeddedDatabase.start(data))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("made by PostgreSQL 14")
        .hasMessageContaining("embeds PostgreSQL " + EmbeddedDatabase.BUNDLED_MAJOR)
        .hasMessageContaining("Nothing in it was changed")
        .hasMessageContaining("pg_upgrade -U postgres -b /usr/lib/postgresql/14/bin -B /usr/lib/postgresql/17/bin -d "
            + data.resolve("pg-14").toAbsolutePath().normalize() + " -D " + pg.toAbsolutePath().normalize())
        .hasMessageContaining("DVC_DB_URL");

    assertThat(snapshot(data)).isEqualTo(before);
  }

  @Test
  void theBundledMajorIsTheOneThatMakesNewClusters() throws Exception {
    Path data = Fixtures.dataDir("new-cluster");
    EmbeddedDatabase db = EmbeddedDatabase.start(data);
    try {
      assertThat(Files.readString(data.resolve("pg").resolve("PG_VERSION")).trim())
          .isEqualTo(Integer.toString(EmbeddedDatabase.BUNDLED_MAJOR));
    } finally {
      db.stop();
    }
    // and a restart on it is not refused
    EmbeddedDatabase again = EmbeddedDatabase.start(data);
    again.stop();
  }

  private static InputStream open(ZipFile jar) throws IOException {
    return jar.getInputStream(jar.getEntry("postgres-linux-x86_64.txz"));
  }

  /** Every file and directory under {@code dir}: its content digest (files) and modification time. */
  private static Map<String, String> snapshot(Path dir) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.toList()) {
        String digest = Files.isRegularFile(p)
            ? HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))) : "dir";
        out.put(dir.relativize(p).toString(), digest + " " + Files.getLastModifiedTime(p));
      }
    }
    return out;
  }
}
