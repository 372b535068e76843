package vn.dvcwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.XZInputStream;

/**
 * The trimmed PostgreSQL archive the build makes (src/build/PostgresArchive.java) and the resolver that cuts the
 * running platform's part out of it. That the database starts from it, the whole suite shows: every embedded
 * PostgreSQL of the tests and of the product comes through {@link BundledPostgres}.
 */
class BundledPostgresTest {
  private static final int EM_X86_64 = 62;
  private static final int EM_AARCH64 = 183;

  @TempDir Path cache;

  @Test
  void theArchiveHoldsBothLinuxPlatformsServerBinariesAndNothingOfTheClientSide() throws IOException {
    assertThat(BundledPostgres.platforms()).isEqualTo("linux-x86_64,linux-arm_64");
    Set<String> names = new TreeSet<>();
    try (InputStream in = BundledPostgres.class.getResourceAsStream(BundledPostgres.ARCHIVE);
         TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(in))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        names.add(e.getName());
      }
    }
    for (String platform : new String[] {"linux-x86_64", "linux-arm_64"}) {
      assertThat(names).contains(platform + "/bin/postgres", platform + "/bin/initdb", platform + "/bin/pg_ctl",
          platform + "/lib/postgresql/plpgsql.so", platform + "/lib/postgresql/dict_snowball.so",
          platform + "/lib/postgresql/utf8_and_win.so", platform + "/share/postgresql/postgres.bki",
          platform + "/share/postgresql/extension/plpgsql.control", platform + "/lib/libpq.so.5");
    }
    assertThat(names).noneMatch(n -> n.contains("/bin/psql") || n.endsWith(".a") || n.contains("ecpg")
        || n.contains("/pgxs/") || n.contains("pg_stat_statements") || n.startsWith("darwin-"));
  }

  @Test
  void eachPlatformsPartIsItsOwnArchitecture() throws IOException {
    BundledPostgres resolver = new BundledPostgres(cache);
    assertThat(elfMachines(resolver.getPgBinary("Linux", "x86_64")))
        .containsEntry("bin/postgres", EM_X86_64).containsEntry("bin/initdb", EM_X86_64).containsEntry("bin/pg_ctl", EM_X86_64);
    assertThat(elfMachines(resolver.getPgBinary("Linux", "aarch64")))
        .containsEntry("bin/postgres", EM_AARCH64).containsEntry("bin/initdb", EM_AARCH64)
        .containsEntry("bin/pg_ctl", EM_AARCH64);
    // cut once per machine: a second start reads the cached file
    try (var files = Files.list(cache)) {
      assertThat(files.map(p -> p.getFileName().toString())).hasSize(2).allMatch(n -> n.endsWith(".txz"));
    }
  }

  @Test
  void anotherPlatformIsToldToUseAnExternalDatabase() {
    assertThatThrownBy(() -> new BundledPostgres(cache).getPgBinary("Windows", "x86_64"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("linux-x86_64,linux-arm_64 only, not for windows-x86_64")
        .hasMessageContaining("DVC_DB_URL");
  }

  /** The ELF machine of each file under bin/ in one platform's .txz. */
  private static Map<String, Integer> elfMachines(InputStream txz) throws IOException {
    Map<String, Integer> out = new HashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(txz))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (e.getName().startsWith("bin/")) {
          byte[] header = tar.readNBytes(20);
          assertThat(header).startsWith(0x7f, 'E', 'L', 'F');
          out.put(e.getName(), (header[18] & 0xff) | (header[19] & 0xff) << 8);
        }
      }
    }
    return out;
  }
}
