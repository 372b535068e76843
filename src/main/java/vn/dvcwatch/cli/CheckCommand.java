package vn.dvcwatch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** One-shot probe and grade of one URL, for a portal team fixing their site. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Probe and grade one URL once and print a readable report (or JSON).",
        "Exit code 0 when the portal is UP, 1 otherwise, 2 on bad arguments."})
final class CheckCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "URL", description = "http:// or https:// URL of the page to check.")
  String url;

  @Option(names = "--json", description = "Print one JSON object instead of the report.")
  boolean json;

  @Option(names = "--ca", paramLabel = "FILE", description = "Also trust this CA (PEM), e.g. the simulator's.")
  Path ca;

  @Option(names = "--hosts", paramLabel = "FILE",
      description = "Resolve names from this /etc/hosts-style file first (e.g. the simulator's hosts file).")
  Path hosts;

  @Override
  public Integer call() {
    throw new Main.UsageError("check is not available in this build yet");
  }
}
