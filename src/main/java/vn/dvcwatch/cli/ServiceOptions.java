package vn.dvcwatch.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/** The flags `demo` and `run` share. Flags win over the environment, which wins over the file. */
final class ServiceOptions extends DataOptions {
  @Option(names = "--port", paramLabel = "PORT", description = "Web port (default 8080, or http.port).")
  Integer port;

  @Override
  void overrides(Map<String, String> env) {
    if (port != null) {
      if (port < 0 || port > 65535) {
        throw new Main.UsageError("--port " + port + " is not a port number (0-65535)");
      }
      env.put("DVC_HTTP_PORT", Integer.toString(port));
    }
  }
}
