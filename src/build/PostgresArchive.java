import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * Build step (pom.xml, generate-resources): one trimmed PostgreSQL archive for every platform the jar supports,
 * made from zonky's per-platform binaries. The product runs only initdb, pg_ctl and postgres (store.EmbeddedDatabase);
 * the archive keeps those, the libraries they link, PL/pgSQL, the snowball dictionaries, the encoding conversions
 * and share/, and leaves out the client libraries, static libraries, pgxs and the other extensions.
 *
 * <p>All platforms go into one solid xz stream, each under its own directory ({@code linux-x86_64/...}). The 27 MB
 * ICU data library is the same data on every platform; placed last in one platform and first in the next, the
 * second copy lies within the dictionary of the first and costs almost nothing. Hence a dictionary of 32 MB
 * (preset 8) at least: with preset 6 (8 MB) both copies are paid in full.
 *
 * <p>Compressing takes minutes of CPU, so the result is kept under a key of its inputs (this file, the preset and
 * every input's digest) in a cache outside target/ (the local Maven repository by default): a clean build with the
 * same inputs copies it, and a build whose output already has the key does nothing.
 *
 * <p>Usage: {@code java -cp <commons-compress, xz> PostgresArchive.java <output.txz> <cache dir> <preset>
 * <platform>=<zonky binaries jar>...}. Writes the archive and {@code <output>.properties} (key, platforms).
 */
public final class PostgresArchive {
  /** What the product runs, relative to a platform's root. */
  private static final Pattern KEEP = Pattern.compile(String.join("|",
      "bin/(initdb|pg_ctl|postgres)",
      "lib/lib(crypto|ssl|icudata|icui18n|icuuc|lzma|xml2|z|pq)[.]so[.].+",
      // macOS (optional, pom profile "macos") links more libraries (Kerberos, iconv, lz4, zstd...): all but the client's
      "lib/(?!libecpg|libpgtypes)lib[^/]+[.]dylib",
      "lib/postgresql/(plpgsql|dict_snowball|[a-z0-9_]+_and_[a-z0-9_]+|euc2004_sjis2004)[.](so|dylib)",
      "share/postgresql/(?!extension/).+",
      "share/postgresql/extension/plpgsql[.-].+"));
  private static final Pattern ICU_DATA = Pattern.compile("lib/libicudata[.].*");

  private record Entry(TarArchiveEntry header, byte[] data) {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      throw new IllegalArgumentException("usage: PostgresArchive <output.txz> <cache dir> <preset> <platform>=<jar>...");
    }
    Path output = Path.of(args[0]);
    Path cacheDir = Path.of(args[1]);
    int preset = Integer.parseInt(args[2]);
    List<String> platforms = new ArrayList<>();
    List<Path> jars = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      if (args[i].isBlank()) {
        continue; // an optional platform left out (pom.xml, postgres.archive.darwin)
      }
      String[] kv = args[i].split("=", 2);
      platforms.add(kv[0]);
      jars.add(Path.of(kv[1]));
    }
    String key = key(preset, platforms, jars);
    Path info = output.resolveSibling(output.getFileName() + ".properties");
    if (Files.isRegularFile(output) && key.equals(readKey(info))) {
      System.out.println("[postgres-archive] up to date: " + output);
      return;
    }
    Path cached = cacheDir.resolve("postgres-" + key + ".txz");
    Files.createDirectories(output.getParent());
    if (Files.isRegularFile(cached)) {
      System.out.println("[postgres-archive] from the cache: " + cached);
      Files.copy(cached, output, StandardCopyOption.REPLACE_EXISTING);
    } else {
      long start = System.nanoTime();
      Path tmp = Files.createTempFile(output.getParent(), "postgres-", ".part");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        write(out, preset, platforms, jars);
      }
      Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING);
      System.out.printf("[postgres-archive] %s: %d bytes, preset %d, %.0f s%n", output, Files.size(output), preset,
          (System.nanoTime() - start) / 1e9);
      Files.createDirectories(cacheDir);
      Path part = Files.createTempFile(cacheDir, "postgres-", ".part");
      Files.copy(output, part, StandardCopyOption.REPLACE_EXISTING);
      Files.move(part, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    Properties p = new Properties();
    p.setProperty("key", key);
    p.setProperty("platforms", String.join(",", platforms));
    try (OutputStream out = Files.newOutputStream(info)) {
      p.store(out, "written by src/build/PostgresArchive.java");
    }
  }

  private static void write(OutputStream out, int preset, List<String> platforms, List<Path> jars) throws IOException {
    try (XZOutputStream xz = new XZOutputStream(out, new LZMA2Options(preset));
         TarArchiveOutputStream tar = new TarArchiveOutputStream(xz)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (int i = 0; i < platforms.size(); i++) {
        List<Entry> entries = kept(jars.get(i));
        // ICU data last on even platforms, first on odd ones: each pair of copies stays adjacent
        boolean icuFirst = i % 2 == 1;
        entries.sort(Comparator.comparing((Entry e) -> ICU_DATA.matcher(e.header().getName()).matches() != icuFirst)
            .thenComparing(e -> e.header().getName()));
        for (Entry e : entries) {
          TarArchiveEntry h = e.header();
          h.setName(platforms.get(i) + "/" + h.getName());
          tar.putArchiveEntry(h);
          tar.write(e.data());
          tar.closeArchiveEntry();
        }
      }
    }
  }

  /** The kept files and symbolic links of one zonky binaries jar (its only .txz). */
  private static List<Entry> kept(Path jar) throws IOException {
    List<Entry> out = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry txz = zip.stream().filter(z -> z.getName().endsWith(".txz")).findFirst()
          .orElseThrow(() -> new IOException("no .txz in " + jar));
      try (InputStream in = zip.getInputStream(txz);
           TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(in))) {
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
          String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
          if (e.isDirectory() || !KEEP.matcher(name).matches()) {
            continue;
          }
          TarArchiveEntry h = e.isSymbolicLink() ? new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK)
              : new TarArchiveEntry(name);
          h.setMode(e.getMode());
          h.setModTime(e.getModTime());
          byte[] data = new byte[0];
          if (e.isSymbolicLink()) {
            h.setLinkName(e.getLinkName());
          } else {
            ByteArrayOutputStream buf = new ByteArrayOutputStream((int) e.getSize());
            tar.transferTo(buf);
            data = buf.toByteArray();
            h.setSize(data.length);
          }
          out.add(new Entry(h, data));
        }
      }
    }
    return out;
  }

  private static String key(int preset, List<String> platforms, List<Path> jars) throws Exception {
    MessageDigest all = MessageDigest.getInstance("SHA-256");
    // this file itself: a change to what is kept makes a new archive (run from the project's directory)
    all.update(Files.readAllBytes(Path.of("src", "build", "PostgresArchive.java")));
    all.update(("preset " + preset).getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < jars.size(); i++) {
      all.update(platforms.get(i).getBytes(StandardCharsets.UTF_8));
      all.update(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jars.get(i))));
    }
    return HexFormat.of().formatHex(all.digest()).substring(0, 20);
  }

  private static String readKey(Path info) throws IOException {
    if (!Files.isRegularFile(info)) {
      return null;
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(info)) {
      p.load(in);
    }
    return p.getProperty("key");
  }
}
