package vn.dvcwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * A command whose standard output is its result ({@code check --json}, {@code report --format csv}) logs to
 * standard error, so that a warning logged on the way (a blocked-thread warning under load did) never breaks
 * the JSON a script reads; the service commands keep logging to standard output. A child JVM with the
 * product's own logback.xml, routed the way {@link Main#main} routes it.
 */
class LogRoutingTest {

  /** The child: route as Main does, log one warning, print the command's "result". */
  public static void main(String[] args) {
    Main.routeLogs(args);
    LoggerFactory.getLogger(LogRoutingTest.class).warn("a warning on the way");
    System.out.println("{\"result\":true}");
  }

  @ParameterizedTest(name = "{0}: the log goes to {1}")
  @CsvSource({"check --json https://example.test/, stderr", "report --month 2026-11, stderr",
      "--quiet check x, stderr", "run, stdout", "demo, stdout"})
  void dataCommandsLogToStandardError(String args, String stream) throws Exception {
    String javaBin = ProcessHandle.current().info().command().orElse("java");
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(javaBin, "-Xmx64m",
        "-Dlogback.configurationFile=" + Path.of("src/main/resources/logback.xml").toAbsolutePath(),
        "-cp", System.getProperty("java.class.path"), LogRoutingTest.class.getName()));
    command.addAll(java.util.List.of(args.split(" ")));
    Process child = new ProcessBuilder(command).start();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (stream.equals("stderr")) {
      assertThat(out.strip()).isEqualTo("{\"result\":true}");
      assertThat(err).contains("a warning on the way");
    } else {
      assertThat(out).contains("a warning on the way", "{\"result\":true}");
    }
  }
}
