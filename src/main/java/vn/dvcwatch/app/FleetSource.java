package vn.dvcwatch.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.config.StartupException;
import vn.dvcwatch.registry.Fleet;
import vn.dvcwatch.registry.Portal;
import vn.dvcwatch.registry.RegistryLoader;
import vn.dvcwatch.registry.RegistryWatcher;
import vn.dvcwatch.registry.Vietnam;
import vn.dvcwatch.sim.SimFleet;
import vn.dvcwatch.sim.SimOptions;

/**
 * Where the watched portals come from: the registry file (`run`, hot-reloaded) or the simulated fleet that stands in
 * for it (`demo`). The one place that knows the difference; the watchdog reads the active portals, the map, and the
 * extra trust (CA files, host names) the prober needs to reach them. The portals are read from any thread (the web
 * room's handlers); they change on the watchdog's context.
 */
abstract sealed class FleetSource permits FleetSource.Registry, FleetSource.Simulated {
  private static final Logger LOG = LoggerFactory.getLogger(FleetSource.class);

  private volatile Map<String, Portal> active = Map.of();
  private volatile FleetMap map = FleetMap.NONE;

  /** The source for {@code mode}; call on the caller's thread, not inside a Vert.x context (the demo makes its own). */
  static FleetSource of(Service.Mode mode, AppConfig cfg, DemoSettings demo, Path dataDir) {
    return mode == Service.Mode.RUN ? new Registry(cfg.registry()) : new Simulated(cfg.registry(), demo, dataDir);
  }

  /** Loads the portals (file reads and, in the demo, certificates and ports off the loop). */
  abstract Future<Void> start(Vertx vertx);

  /** The portals watched today, by id, in file order. */
  final Map<String, Portal> active() {
    return active;
  }

  final FleetMap map() {
    return map;
  }

  /** The fleet's name for reports. */
  abstract String name();

  /** CA files the prober must trust on top of {@code probe.extraCaFiles} (the simulator's CA). */
  List<Path> extraCaFiles() {
    return List.of();
  }

  /** Host names the prober must resolve on top of {@code probe.hostsFile} (the simulated portals'). */
  Map<String, String> extraHosts() {
    return Map.of();
  }

  /** From now on, each change of the fleet (after the source took it) goes to {@code listener}, on the watchdog's context. */
  void watch(Consumer<Fleet> listener) {}

  /** Reads the registry file again (the admin API); call on the watchdog's context. */
  Future<Fleet> reload() {
    return Future.failedFuture(new IllegalStateException("the demo's fleet is simulated; there is no registry file to reload"));
  }

  /** The simulated fleet of a demo (null in `run`); drills switch its portals' modes. */
  SimFleet sim() {
    return null;
  }

  /** Stops following registry edits; first of the stop steps, so no change arrives while the rooms stop. */
  void stopWatching() {}

  /** Closes what the source started (the simulated portals); last of the stop steps. */
  Future<Void> close() {
    return Future.succeededFuture();
  }

  final void take(List<Portal> watched, FleetMap newMap) {
    LocalDate today = LocalDate.now(Vietnam.ZONE);
    active = watched.stream().filter(p -> p.active(today))
        .collect(Collectors.toMap(Portal::id, p -> p, (a, b) -> a, LinkedHashMap::new));
    map = newMap;
  }

  /** `run`: the registry file, watched for edits when {@code registry.watch} is on. */
  static final class Registry extends FleetSource {
    private final vn.dvcwatch.registry.RegistrySettings cfg;
    private RegistryWatcher watcher;

    Registry(vn.dvcwatch.registry.RegistrySettings cfg) {
      this.cfg = cfg;
    }

    @Override
    Future<Void> start(Vertx vertx) {
      Path file = cfg.file();
      return vertx.executeBlocking(() -> new RegistryWatcher(vertx, file, RegistryLoader.load(file)), false).map(w -> {
        watcher = w;
        Fleet loaded = w.fleet();
        watcher.onChange(changed -> take(changed.portals(), new FleetMap(changed.name(), file, changed.portals())));
        take(loaded.portals(), new FleetMap(loaded.name(), file, loaded.portals()));
        return null;
      });
    }

    @Override
    String name() {
      return watcher.fleet().name();
    }

    @Override
    void watch(Consumer<Fleet> listener) {
      watcher.onChange(listener);
      if (cfg.watch()) {
        watcher.start(2000);
      }
    }

    @Override
    Future<Fleet> reload() {
      return watcher.reload();
    }

    @Override
    void stopWatching() {
      if (watcher != null) {
        watcher.stop();
      }
    }
  }

  /**
   * `demo`: real HTTPS portals on loopback, one per active portal of the fleet file (names, map year and lineage
   * come from that file when it exists).
   */
  static final class Simulated extends FleetSource {
    private final Path file;
    private final DemoSettings demo;
    private final Path dataDir;
    private final Vertx simVertx;
    private SimFleet sim;

    Simulated(vn.dvcwatch.registry.RegistrySettings cfg, DemoSettings demo, Path dataDir) {
      this.file = demo.fleetFile() != null ? demo.fleetFile() : cfg.file();
      this.demo = demo;
      this.dataDir = dataDir;
      // The simulated portals get their own Vert.x (their own event loops), as real portals are other machines:
      // a hostile or busy simulated portal must not borrow the watchdog's loops and distort the very timings it
      // measures. Created here, on the caller's thread: Vert.x warns when one is created inside another's context.
      this.simVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    }

    private record Loaded(Fleet fleet, Path scenario) {}

    @Override
    Future<Void> start(Vertx vertx) {
      return vertx.executeBlocking(() -> new Loaded(Files.exists(file) ? RegistryLoader.load(file) : null, scenario()),
              false)
          .compose(loaded -> {
            List<Portal> names = loaded.fleet() == null ? List.of() : loaded.fleet().portals();
            take(names, loaded.fleet() == null ? FleetMap.NONE : new FleetMap(loaded.fleet().name(), file, names));
            List<Portal> watched = List.copyOf(active().values());
            int count = demo.portals() > 0 ? demo.portals() : watched.isEmpty() ? DemoSettings.DEFAULT_PORTALS : watched.size();
            return SimFleet.start(simVertx, new SimOptions(count, demo.simBasePort(), demo.seed(), loaded.scenario(),
                    watched, dataDir.resolve("sim")))
                .recover(e -> Future.failedFuture(e instanceof IllegalStateException && e.getMessage().startsWith("cannot listen")
                    ? new StartupException(SimPorts.inUse(demo.simBasePort(), count, e), e) : e));
          })
          .map(started -> {
            sim = started;
            take(started.registry(), map());
            LOG.info("simulated fleet: {} portals on 127.0.0.1 from port {}, CA {}", active().size(), demo.simBasePort(),
                started.caFile());
            return null;
          });
    }

    private Path scenario() {
      if (demo.scenario() != null) {
        return DemoSettings.NO_SCENARIO.equals(demo.scenario().toString()) ? null : demo.scenario();
      }
      Path dflt = Path.of("conf", "scenarios", "demo.yaml");
      return Files.exists(dflt) ? dflt : null;
    }

    @Override
    String name() {
      return "demo";
    }

    @Override
    List<Path> extraCaFiles() {
      return List.of(sim.caFile());
    }

    @Override
    Map<String, String> extraHosts() {
      return sim.hosts();
    }

    @Override
    SimFleet sim() {
      return sim;
    }

    @Override
    Future<Void> close() {
      return (sim == null ? Future.<Void>succeededFuture() : sim.close()).transform(x -> simVertx.close());
    }
  }
}
