package vn.dvcwatch.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GradeHysteresisTest {
  /**
   * Each row: confirmations, an optional restored grade, the bands of consecutive evaluations, and the
   * confirmed grade after each evaluation, with {@code *} marking an evaluation that changed it.
   */
  @ParameterizedTest(name = "{3}: {2} → {4}")
  @CsvSource(delimiter = '|', value = {
      "2 | - | A         | first grade without an event    | A",
      "2 | - | A B       | one evaluation in B is noise    | A A",
      "2 | - | A B B     | two in B confirm B              | A A B*",
      "2 | - | A B A B   | back and forth never confirms   | A A A A",
      "2 | - | A C B     | C then B: both reached B        | A A B*",
      "2 | - | A B C C   | B then C: B first, then C       | A A B* C*",
      "2 | - | C B D     | one up, one down: no change     | C C C",
      "2 | - | E A A     | recovery is confirmed the same  | E E A*",
      "1 | - | A B       | one confirmation is immediate   | A B*",
      "3 | - | A B B B   | three confirmations             | A A A B*",
      "2 | B | A         | restored grade, one A is noise  | B",
      "2 | B | A A       | restored grade, two A confirm   | B A*",
      "2 | B | B         | restored grade, same band       | B",
  })
  void followsTheBandOnlyAfterConfirmations(int confirmations, String restored, String bands, String name,
      String expected) {
    GradeHysteresis h = new GradeHysteresis(confirmations);
    if (!restored.equals("-")) {
      h.restore(restored);
    }
    List<String> seen = new ArrayList<>();
    for (String band : bands.trim().split("\\s+")) {
      boolean changed = h.observe(band);
      seen.add(h.confirmed() + (changed ? "*" : ""));
    }
    assertThat(String.join(" ", seen)).isEqualTo(expected.trim());
  }
}
