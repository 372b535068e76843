package vn.dvcwatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import vn.dvcwatch.app.AppConfig;

/** The flags `demo` and `run` share. Flags win over the environment, which wins over the file. */
final class ServiceOptions {
  @Option(names = "--port", paramLabel = "PORT", description = "Web port (default 8080, or http.port).")
  Integer port;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data",
      description = "Embedded database and state (default ${DEFAULT-VALUE}).")
  Path data;

  AppConfig load(Path configFile, boolean required) {
    Map<String, String> env = new HashMap<>(System.getenv());
    if (port != null) {
      if (port < 0 || port > 65535) {
        throw new Main.UsageError("--port " + port + " is not a port number (0-65535)");
      }
      env.put("DVC_HTTP_PORT", Integer.toString(port));
    }
    if (configFile == null || (!required && !Files.exists(configFile))) {
      return AppConfig.defaults(env);
    }
    return AppConfig.load(configFile, env);
  }
}
