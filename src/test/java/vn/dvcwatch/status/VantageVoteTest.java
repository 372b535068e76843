package vn.dvcwatch.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The vote, one row per case. A vantage is written {@code name=STATUS} (cause "connect" when DOWN,
 * "slow" when DEGRADED), {@code name=STATUS!} when it abstains, {@code name=STATUS@-90} when it last
 * checked 90 s ago (the window is 60 s).
 */
class VantageVoteTest {
  private static final Instant NOW = Instant.parse("2026-12-04T07:00:00Z");

  @ParameterizedTest(name = "{0}, quorum {1} -> {2} {3}")
  @CsvSource(delimiter = '|', value = {
      // reports                                | quorum | status   | failing
      "hn=UP hcm=UP dn=UP                        | 0 | UP       | ''",
      "hn=DOWN hcm=UP dn=UP                      | 0 | PARTIAL  | hn",
      "hn=DOWN hcm=DOWN dn=UP                    | 0 | DOWN     | hcm hn",
      "hn=DOWN hcm=DOWN dn=DOWN                  | 0 | DOWN     | dn hcm hn",
      // a single node is a vote of one: exactly today's verdict
      "local=DOWN                                | 0 | DOWN     | local",
      "local=UP                                  | 0 | UP       | ''",
      // two voters: one failing is no majority
      "hn=DOWN hcm=UP                            | 0 | PARTIAL  | hn",
      "hn=DOWN hcm=DOWN                          | 0 | DOWN     | hcm hn",
      // an abstaining vantage (its own network is suspect) does not count either way
      "hn=DOWN! hcm=UP dn=UP                     | 0 | UP       | ''",
      "hn=DOWN hcm=DOWN! dn=UP                   | 0 | PARTIAL  | hn",
      "hn=DOWN hcm=UP! dn=DOWN                   | 0 | DOWN     | dn hn",
      // a vantage that has not checked the portal within the window does not vote
      "hn=DOWN hcm=UP@-90 dn=UP@-90              | 0 | DOWN     | hn",
      "hn=DOWN@-61 hcm=UP dn=UP                  | 0 | UP       | ''",
      "hn=DOWN@-60 hcm=DOWN dn=UP                | 0 | DOWN     | hcm hn",
      // nobody votes: unknown, not up
      "hn=UNKNOWN hcm=DOWN! dn=UP@-300           | 0 | UNKNOWN  | ''",
      "''                                        | 0 | UNKNOWN  | ''",
      // a configured quorum makes DOWN stricter, never looser
      "a=DOWN b=DOWN c=DOWN d=UP                 | 3 | DOWN     | a b c",
      "a=DOWN b=DOWN c=UP d=UP                   | 3 | PARTIAL  | a b",
      "a=DOWN b=DOWN c=DOWN d=UP                 | 4 | PARTIAL  | a b c",
      "a=DOWN b=UP c=UP                          | 1 | PARTIAL  | a",
      // not down: the worst status a majority sees at least as bad
      "hn=DEGRADED hcm=UP dn=UP                  | 0 | UP       | ''",
      "hn=DEGRADED hcm=DEGRADED dn=UP            | 0 | DEGRADED | ''",
      "hn=FLAPPING hcm=DEGRADED dn=UP            | 0 | DEGRADED | ''",
      "hn=FLAPPING hcm=FLAPPING dn=UP            | 0 | FLAPPING | ''",
      // a minority failing outweighs a slow majority: it is named
      "hn=DOWN hcm=DEGRADED dn=DEGRADED          | 0 | PARTIAL  | hn",
  })
  void theVote(String reports, int quorum, PortalStatus status, String failing) {
    VantageVote.Verdict v = new VantageVote(Duration.ofSeconds(60), quorum).decide(parse(reports), NOW);
    assertThat(v.status()).isEqualTo(status);
    assertThat(v.failing()).containsExactlyElementsOf(names(failing));
  }

  @Test
  void theVotersAreNamedAndTheCauseIsTheOneMostFailingVantagesGive() {
    List<VantageVote.Report> reports = List.of(
        new VantageVote.Report("hn", PortalStatus.DOWN, "timeout", NOW, false),
        new VantageVote.Report("dn", PortalStatus.DOWN, "connect", NOW, false),
        new VantageVote.Report("hcm", PortalStatus.DOWN, "connect", NOW, false),
        new VantageVote.Report("ct", PortalStatus.UP, null, NOW, true));
    VantageVote.Verdict v = new VantageVote(Duration.ofSeconds(60), 0).decide(reports, NOW);
    assertThat(v).isEqualTo(new VantageVote.Verdict(PortalStatus.DOWN, "connect", List.of("dn", "hcm", "hn"),
        List.of("dn", "hcm", "hn")));
  }

  /**
   * The single-node rule across vantages: a vantage that saw a refused certificate outranks those whose
   * probes timed out (before their handshake, or after it), however many they are.
   */
  @Test
  void aRefusedCertificateOutranksWhatTheOtherVantagesSawFail() {
    List<VantageVote.Report> reports = List.of(
        new VantageVote.Report("hn", PortalStatus.DOWN, "timeout", NOW, false),
        new VantageVote.Report("dn", PortalStatus.DOWN, "certificate", NOW, false),
        new VantageVote.Report("hcm", PortalStatus.DOWN, "timeout", NOW, false));
    assertThat(new VantageVote(Duration.ofSeconds(60), 0).decide(reports, NOW).cause()).isEqualTo("certificate");
    VantageVote.Verdict partial = new VantageVote(Duration.ofSeconds(60), 0).decide(List.of(reports.get(1),
        new VantageVote.Report("ct", PortalStatus.UP, null, NOW, false),
        new VantageVote.Report("hp", PortalStatus.UP, null, NOW, false)), NOW);
    assertThat(partial.status()).isEqualTo(PortalStatus.PARTIAL);
    assertThat(partial.cause()).isEqualTo("certificate");
  }

  @Test
  void aMinorityFailureCarriesItsCauseToo() {
    VantageVote.Verdict v = new VantageVote(Duration.ofSeconds(60), 0).decide(parse("hn=UP hcm=DOWN dn=UP"), NOW);
    assertThat(v.cause()).isEqualTo("connect");
    assertThat(v.voters()).containsExactly("dn", "hcm", "hn");
  }

  @Test
  void aWindowAndAQuorumMustMakeSense() {
    assertThatThrownBy(() -> new VantageVote(Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VantageVote(Duration.ofSeconds(1), -1)).isInstanceOf(IllegalArgumentException.class);
  }

  private static List<String> names(String text) {
    return text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
  }

  private static List<VantageVote.Report> parse(String text) {
    List<VantageVote.Report> out = new ArrayList<>();
    for (String item : names(text)) {
      String[] kv = item.split("=");
      String rest = kv[1];
      Instant at = NOW;
      int agoAt = rest.indexOf('@');
      if (agoAt >= 0) {
        at = NOW.plusSeconds(Long.parseLong(rest.substring(agoAt + 1)));
        rest = rest.substring(0, agoAt);
      }
      boolean abstains = rest.endsWith("!");
      PortalStatus s = PortalStatus.valueOf(abstains ? rest.substring(0, rest.length() - 1) : rest);
      String cause = s == PortalStatus.DOWN ? "connect" : s == PortalStatus.DEGRADED ? "slow" : null;
      out.add(new VantageVote.Report(kv[0], s, cause, at, abstains));
    }
    return out;
  }
}
