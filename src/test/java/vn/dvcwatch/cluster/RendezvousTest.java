package vn.dvcwatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rendezvous hashing of portals over vantages: every node computes the same share from the same list, the
 * work is split evenly (each vantage's load within a stated bound of {@code portals × k / n}), and a join or a
 * leave moves exactly the portals whose top {@code k} changes, each by one vantage.
 */
class RendezvousTest {
  private static final List<String> NAMED = List.of("hanoi", "hcm", "danang", "haiphong", "cantho");

  static List<String> portals(int n) {
    // the shape of real ids: ministries and provinces by slug, then numbered agencies
    List<String> ids = new ArrayList<>(List.of("bo-tai-chinh", "bo-y-te", "ha-noi", "tp-ho-chi-minh", "da-nang"));
    IntStream.range(ids.size(), n).forEach(i -> ids.add("cong-" + i));
    return ids;
  }

  static List<String> numbered(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> "v" + i).toList();
  }

  static Map<String, Integer> loads(List<String> portals, List<String> vantages, int k) {
    Map<String, Integer> load = new HashMap<>();
    vantages.forEach(v -> load.put(v, 0));
    for (String p : portals) {
      Rendezvous.top(p, vantages, k).forEach(v -> load.merge(v, 1, Integer::sum));
    }
    return load;
  }

  /**
   * The stated bound: each vantage's load is binomial (n independent draws of probability k/n), so it stays
   * within four standard deviations of the mean, plus one for rounding. For 1,000 portals over 3 vantages with
   * k = 1 that is 333 ± 61 (18 %); for 83 it is 28 ± 18.
   */
  static double bound(int portals, int n, int k) {
    double p = (double) k / n;
    return 4 * Math.sqrt(portals * p * (1 - p)) + 1;
  }

  @ParameterizedTest(name = "{0} portals")
  @CsvSource({"83", "1000"})
  void eachVantagesLoadIsWithinTheBoundOfAnEvenSplit(int count) {
    List<String> ps = portals(count);
    for (int n = 3; n <= 5; n++) {
      for (List<String> vantages : List.of(numbered(n), NAMED.subList(0, n))) {
        for (int k = 1; k < n; k++) {
          double mean = (double) count * k / n;
          Map<String, Integer> load = loads(ps, vantages, k);
          assertThat(load.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(count * k);
          for (Map.Entry<String, Integer> e : load.entrySet()) {
            assertThat(Math.abs(e.getValue() - mean)).as("%s of %s, k=%d: %s", e.getKey(), vantages, k, load)
                .isLessThanOrEqualTo(bound(count, n, k));
          }
        }
      }
    }
  }

  @Test
  void aPortalHasKDistinctVantagesAndAllWhenKIsZeroOrTooLarge() {
    assertThat(Rendezvous.top("ha-noi", numbered(5), 2)).hasSize(2).doesNotHaveDuplicates();
    assertThat(Rendezvous.top("ha-noi", numbered(3), 0)).containsExactlyInAnyOrderElementsOf(numbered(3));
    assertThat(Rendezvous.top("ha-noi", numbered(2), 3)).containsExactlyInAnyOrderElementsOf(numbered(2));
    // the order of the list given does not matter: every node sees the members in its own order
    assertThat(Rendezvous.top("ha-noi", List.of("v3", "v1", "v2"), 2)).isEqualTo(Rendezvous.top("ha-noi", numbered(3), 2));
  }

  @Test
  void theWeightIsFixedAcrossJvmsAndVersions() {
    // two nodes of different builds must agree: a change of the hash is a change of every assignment
    assertThat(Rendezvous.weight("ha-noi", "hanoi")).isEqualTo(Rendezvous.weight("ha-noi", "hanoi"));
    assertThat(Rendezvous.weight("ab", "c")).isNotEqualTo(Rendezvous.weight("a", "bc"));
    assertThat(Rendezvous.top("bo-y-te", NAMED, 5)).containsExactly(GOLDEN);
  }

  /** Computed once with this hash; it must never change. */
  private static final String[] GOLDEN = {"danang", "hcm", "cantho", "hanoi", "haiphong"};

  @ParameterizedTest(name = "{0} vantages, k={1}")
  @CsvSource({"3,1", "3,2", "4,1", "4,2", "4,3", "5,2"})
  void aJoinMovesOnlyThePortalsWhoseTopKNowHoldsTheNewcomer(int n, int k) {
    List<String> ps = portals(1000);
    List<String> before = numbered(n);
    List<String> after = numbered(n + 1);
    String newcomer = "v" + (n + 1);
    int moved = 0;
    for (String p : ps) {
      Set<String> was = new HashSet<>(Rendezvous.top(p, before, k));
      Set<String> is = new HashSet<>(Rendezvous.top(p, after, k));
      if (!was.equals(is)) {
        moved++;
        assertThat(is).as(p).contains(newcomer);
        Set<String> lost = new HashSet<>(was);
        lost.removeAll(is);
        assertThat(lost).as("one vantage pushed out for %s", p).hasSize(1);
      }
    }
    // about k / (n + 1) of the portals, the newcomer's fair share, and no more
    double share = 1000.0 * k / (n + 1);
    assertThat(moved).isEqualTo(loads(ps, after, k).get(newcomer));
    assertThat(Math.abs(moved - share)).isLessThanOrEqualTo(bound(1000, n + 1, k));
  }

  @ParameterizedTest(name = "{0} vantages, k={1}")
  @CsvSource({"3,1", "3,2", "4,1", "4,2", "5,3"})
  void aLeaveMovesOnlyTheLeaversPortals(int n, int k) {
    List<String> ps = portals(1000);
    List<String> before = numbered(n);
    String leaver = "v2";
    List<String> after = before.stream().filter(v -> !v.equals(leaver)).toList();
    for (String p : ps) {
      Set<String> was = new HashSet<>(Rendezvous.top(p, before, k));
      Set<String> is = new HashSet<>(Rendezvous.top(p, after, k));
      if (!was.contains(leaver)) {
        assertThat(is).as(p + " did not have the leaver: it stays").isEqualTo(was);
      } else {
        assertThat(is).as(p).containsAll(was.stream().filter(v -> !v.equals(leaver)).toList()).doesNotContain(leaver)
            .hasSize(Math.min(k, after.size()));
      }
    }
  }
}
