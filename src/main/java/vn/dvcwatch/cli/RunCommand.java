package vn.dvcwatch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.dvcwatch.app.Service;
import vn.dvcwatch.app.AppConfig;

/** Production: the real fleet from the registry file, external or embedded PostgreSQL. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Watch the real fleet (registry.file, default conf/portals.yaml) until stopped.")
final class RunCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", defaultValue = "conf/dvc-watch.yaml",
      description = "Configuration file (default ${DEFAULT-VALUE}).")
  Path config;

  @Mixin ServiceOptions service;

  @Override
  public Integer call() {
    AppConfig cfg = service.load(config, true);
    return Service.run(cfg, service.data, Service.Mode.RUN, null);
  }
}
