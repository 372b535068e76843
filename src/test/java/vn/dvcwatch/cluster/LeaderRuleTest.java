package vn.dvcwatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.dvcwatch.cluster.LeaderRule.Action;

/**
 * The election's decision, case by case. Members are written oldest first as {@code name} (pid 1) or
 * {@code name/pid}; the row as {@code node/pid}, fresh (renewed within the lease), recent (within the
 * takeover grace). Three members are configured, so a majority is two.
 */
class LeaderRuleTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // case                                         | self | view  | leading | row        | fresh | recent | action
      "alone of three                                 | a    | a     | false   | -/0        | false | false  | NO_QUORUM",
      "a leader that lost its majority                | a    | a     | true    | a/1        | true  | true   | NO_QUORUM",
      "not even in its own view (shutting down)       | a    | b c   | false   | -/0        | false | false  | NO_QUORUM",
      "a leader with its majority renews              | a    | a b c | true    | a/1        | true  | true   | RENEW",
      "first election: the oldest claims              | a    | a b   | false   | -/0        | false | false  | CLAIM",
      "first election: the younger waits              | b    | a b   | false   | -/0        | false | false  | FOLLOW",
      "a live leader in view is followed              | b    | a b c | false   | a/1        | true  | true   | FOLLOW",
      "the oldest does not depose a live leader       | a    | a b c | false   | b/1        | true  | true   | FOLLOW",
      "leader gone from the view, lease running: wait | b    | b c   | false   | a/1        | true  | true   | FOLLOW",
      "leader gone, lease over: the oldest claims     | b    | b c   | false   | a/1        | false | true   | CLAIM",
      "leader gone, lease over: the younger waits     | c    | b c   | false   | a/1        | false | true   | FOLLOW",
      "thawed with a stale view: the lease wins       | c    | c a   | false   | b/1        | true  | true   | FOLLOW",
      "a restarted leader waits out its old lease     | a    | a/2 b | false   | a/1        | true  | true   | FOLLOW",
      "a restarted leader's expired row is claimable  | a    | a/2 b | false   | a/1        | false | true   | CLAIM",
      "holder in view but silent past the lease       | a    | a b c | false   | b/1        | false | true   | CLAIM",
      "silent holder: the younger waits for takeover  | c    | a b c | false   | b/1        | false | true   | FOLLOW",
      "silent past the takeover: anyone may claim     | c    | a b c | false   | b/1        | false | false  | CLAIM",
      "gone and silent past the takeover: anyone      | c    | b c   | false   | a/1        | false | false  | CLAIM",
      "never claimed: only the oldest, however long   | b    | a b   | false   | -/0        | false | false  | FOLLOW",
      "own row from before a step-down is not live    | a    | a b   | false   | a/1        | true  | true   | CLAIM",
  })
  void decides(String name, String self, String view, boolean leading, String row, boolean fresh, boolean recent,
      Action expected) {
    List<Peer> members = Arrays.stream(view.split(" ")).map(LeaderRuleTest::peer).toList();
    Peer me = members.stream().filter(p -> p.node().equals(self)).findFirst().orElse(peer(self));
    String[] holder = row.split("/");
    LeaderRow r = new LeaderRow(holder[0].equals("-") ? 0 : 7, holder[0].equals("-") ? null : holder[0],
        Long.parseLong(holder[1]), fresh, recent);
    assertThat(LeaderRule.next(me, members, 2, leading, r)).isEqualTo(expected);
  }

  private static Peer peer(String spec) {
    String[] p = spec.split("/");
    return new Peer(p[0], p[0], p.length > 1 ? Long.parseLong(p[1]) : 1);
  }
}
