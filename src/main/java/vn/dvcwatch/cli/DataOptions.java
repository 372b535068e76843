package vn.dvcwatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import vn.dvcwatch.app.AppConfig;

/**
 * The flags of every command that opens the watchdog's database ({@code run}, {@code demo}, {@code report}): the
 * embedded database's directory, and the one way the configuration is read (the file, then the environment).
 */
class DataOptions {
  @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data",
      description = "Embedded database and state (default ${DEFAULT-VALUE}).")
  Path data;

  /** The configuration: {@code configFile} (when {@code required}, it must exist), the environment winning. */
  AppConfig load(Path configFile, boolean required) {
    Map<String, String> env = new HashMap<>(System.getenv());
    overrides(env);
    if (configFile == null || (!required && !Files.exists(configFile))) {
      return AppConfig.defaults(env);
    }
    return AppConfig.load(configFile, env);
  }

  /** Flags that win over the environment, written into it before the configuration is read. */
  void overrides(Map<String, String> env) {}
}
