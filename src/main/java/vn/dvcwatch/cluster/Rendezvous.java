package vn.dvcwatch.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Which vantages probe a portal when {@code probe.vantagesPerPortal} spreads the fleet: rendezvous
 * (highest-random-weight) hashing, as a pure function. Every (portal, vantage) pair has a weight from a
 * fixed 64-bit hash of the two names; a portal is probed by the {@code k} live vantages with the highest
 * weights. Every node computes the same answer from the same live list, with nothing to exchange, and a
 * change of the list moves only what it must: a vantage that leaves hands each of its portals to the
 * vantage next in that portal's order, and one that joins takes only the portals where it ranks in the
 * top {@code k} (about {@code k/n} of them), each from the vantage it pushes out. The hash is
 * FNV-1a over the UTF-8 names with the MurmurHash3 finalizer: the same on every JVM and version, unlike
 * {@link String#hashCode}'s weak low bits, so the loads are binomial (within a few standard deviations
 * of {@code portals × k / n}).
 */
public final class Rendezvous {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Rendezvous() {}

  /**
   * The {@code k} vantages that probe {@code portal}, best first; all of them when there are no more than
   * {@code k} (or {@code k} is 0: every vantage probes every portal).
   */
  public static List<String> top(String portal, Collection<String> vantages, int k) {
    List<String> ranked = new ArrayList<>(vantages);
    ranked.sort(Comparator.comparingLong((String v) -> weight(portal, v)).reversed().thenComparing(v -> v));
    return k <= 0 || k >= ranked.size() ? ranked : List.copyOf(ranked.subList(0, k));
  }

  /** The weight of a (portal, vantage) pair: a fixed hash of both names, compared as unsigned. */
  static long weight(String portal, String vantage) {
    long h = FNV_OFFSET;
    h = fnv(h, portal);
    h = (h ^ 0xff) * FNV_PRIME; // a byte no UTF-8 text contains: ("ab", "c") and ("a", "bc") differ
    h = fnv(h, vantage);
    // the MurmurHash3 finalizer spreads FNV's last bytes over every bit; flipping the sign bit makes the
    // signed comparison of Long order the weights as unsigned numbers
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h ^ Long.MIN_VALUE;
  }

  private static long fnv(long h, String s) {
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * FNV_PRIME;
    }
    return h;
  }
}
