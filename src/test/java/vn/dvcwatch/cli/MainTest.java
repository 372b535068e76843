package vn.dvcwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MainTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void helpListsTheFourCommands() {
    Run r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("demo", "run", "check", "simulate");
  }

  @ParameterizedTest(name = "{0} --help")
  @CsvSource({"demo", "run", "check", "simulate"})
  void everyCommandHasHelp(String command) {
    Run r = run(command, "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("Usage: dvc-watch " + command);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "demo --portals x                  | '--portals'",
      "demo --port 99999                 | --port 99999 is not a port number",
      "demo --portals 0                  | --portals 0 is out of range",
      "demo --fleet 2024                 | --fleet 2024 is not a map we ship: use 2023 or 2025",
      "demo --vantages 6                 | --vantages 6 is out of range 1-5",
      "demo --vantages 0                 | --vantages 0 is out of range 1-5",
      "demo --vantages 3 --port 65534    | --port 65534 leaves no room for 3 boards",
      "check                             | Missing required parameter: 'URL'",
      "simulate                          | Missing required option: '--portals=N'",
      "frobnicate                        | Unmatched argument",
      "run --config does/not/exist.yaml  | does/not/exist.yaml:0: (file): no such file",
      "demo --config src/test/resources/config/invalid-bad-port.yaml | invalid-bad-port.yaml:2: http.port",
  })
  void badArgumentsGiveOneLineAndExitCode2(String args, String expected) {
    Run r = run(args.trim().split("\\s+"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).contains(expected).startsWith("dvc-watch: ");
    assertThat(r.err().strip().lines()).hasSize(1);
  }
}
