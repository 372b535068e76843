package vn.dvcwatch.sim;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A fleet started for one test class, with its manifest read back by portal id. */
record TestFleet(Vertx vertx, SimFleet fleet, Map<String, JsonObject> manifest) {

  static TestFleet start(int portals, long seed, Path dir) throws IOException {
    Vertx vertx = Vertx.vertx();
    SimFleet fleet = SimFleet.start(vertx, new SimOptions(portals, freeBase(portals), seed, null, List.of(), dir)).await();
    Map<String, JsonObject> manifest = new JsonObject(Files.readString(fleet.manifestFile())).getJsonArray("portals")
        .stream().map(JsonObject.class::cast).collect(Collectors.toMap(p -> p.getString("id"), Function.identity()));
    return new TestFleet(vertx, fleet, manifest);
  }

  /**
   * A base port below the ephemeral range (32768+) whose 2N ports are free now. Ports the system hands out
   * for port 0 lie in that range, where a client connecting to a refused portal can be given the very same
   * port as its own source and connect to itself, so REFUSED would not refuse.
   */
  static int freeBase(int portals) throws IOException {
    return vn.dvcwatch.testkit.LowPorts.block(2 * portals);
  }

  /** The {@code posture} object of a portal's manifest entry. */
  JsonObject posture(String id) {
    return manifest.get(id).getJsonObject("posture");
  }

  void close() {
    fleet.close().await();
    vertx.close().await();
  }
}
