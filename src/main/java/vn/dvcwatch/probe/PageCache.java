package vn.dvcwatch.probe;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * Most portals serve the same HTML probe after probe; parsing it again every 30 s would be most of the
 * watchdog's CPU. The last findings per URL are kept with a checksum of the page and reused while the page
 * is unchanged. One entry per URL of the fleet; cleared wholesale if a changing fleet ever grows it past
 * {@link #MAX_ENTRIES}.
 */
final class PageCache {
  static final int MAX_ENTRIES = 50_000;

  private record Entry(long checksum, int length, PageInspector.Findings findings) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  PageInspector.Findings inspect(String url, byte[] page, Function<byte[], PageInspector.Findings> inspector) {
    long checksum = checksum(page);
    Entry e = entries.get(url);
    if (e != null && e.checksum() == checksum && e.length() == page.length) {
      return e.findings();
    }
    PageInspector.Findings findings = inspector.apply(page);
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(url, new Entry(checksum, page.length, findings));
    return findings;
  }

  /** The findings of this very page at this URL if they are kept, else null (a new or changed page: parse it). */
  PageInspector.Findings cached(String url, byte[] page) {
    Entry e = entries.get(url);
    return e != null && e.length() == page.length && e.checksum() == checksum(page) ? e.findings() : null;
  }

  private static long checksum(byte[] page) {
    CRC32C crc = new CRC32C();
    crc.update(page);
    return crc.getValue();
  }

  boolean knows(String url) {
    return entries.containsKey(url);
  }

  /** Drops the findings of every URL that starts with {@code prefix} (the warm-up pass's pages). */
  void forget(String prefix) {
    entries.keySet().removeIf(url -> url.startsWith(prefix));
  }
}
