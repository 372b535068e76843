package vn.dvcwatch.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The entry point of {@code dvc-watch.jar}: four commands, each with {@code --help}. */
@Command(name = "dvc-watch", mixinStandardHelpOptions = true, version = "dvc-watch 0.1.0",
    description = {
        "Uptime, performance and security-posture watchdog for Vietnam's online public-service portals.",
        "Probes every portal, grades it A–E, ranks the fleet and streams changes to a live board."},
    subcommands = {DemoCommand.class, RunCommand.class, CheckCommand.class, SimulateCommand.class,
        ReportCommand.class},
    footer = {"", "Exit codes: 0 ok (check: portal UP), 1 not UP / failure, 2 bad arguments or config."})
public final class Main implements Runnable {
  /** Exit code for bad arguments or configuration (docs/API.md). */
  public static final int BAD_ARGS = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    routeLogs(args); // before the first logger exists
    vn.dvcwatch.probe.LegacyTls.allowInThisJvm(); // before any TLS context exists
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Commands whose standard output is their result: a log line there would break {@code check --json}. */
  private static final java.util.Set<String> DATA_COMMANDS = java.util.Set.of("check", "report");

  /** Sends the log to standard error when the command's standard output is data (logback.xml reads it). */
  static void routeLogs(String[] args) {
    for (String a : args) {
      if (!a.startsWith("-")) {
        if (DATA_COMMANDS.contains(a)) {
          System.setProperty("dvc.log.target", "System.err");
        }
        return;
      }
    }
  }

  /** Runs a command line and returns its exit code (tests call this; only main exits). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(e -> e instanceof vn.dvcwatch.config.ConfigException ? BAD_ARGS : 1);
    cl.setParameterExceptionHandler((ex, a) -> {
      String where = ex.getCommandLine().getCommandName();
      ex.getCommandLine().getErr().println("dvc-watch: " + ex.getMessage().replace('\n', ' ')
          + " (see 'dvc-watch" + ("dvc-watch".equals(where) ? "" : " " + where) + " --help')");
      return BAD_ARGS;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> {
      if (ex instanceof vn.dvcwatch.config.ConfigException) {
        c.getErr().println("dvc-watch: " + ex.getMessage());
        return BAD_ARGS;
      }
      if (ex instanceof UsageError) {
        c.getErr().println("dvc-watch: " + ex.getMessage());
        return BAD_ARGS;
      }
      throw ex;
    });
    return cl.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A bad argument found after parsing (a missing file, an unusable URL): exit code 2, one line. */
  public static final class UsageError extends RuntimeException {
    public UsageError(String message) {
      super(message);
    }
  }
}
