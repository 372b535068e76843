package vn.dvcwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import vn.dvcwatch.app.AppConfig;
import vn.dvcwatch.config.YamlNode;

/**
 * The Dockerfile and docker-compose.yml cannot be built or run on the build machines, so what can be
 * checked is checked against the code: the jar the build makes, the port and health route the product
 * serves, the files copied, and every {@code DVC_*} variable against the settings the product reads.
 */
class DeploymentFilesTest {
  private static final Pattern HEALTH_URL = Pattern.compile("https?://[^/\\s]+:(\\d+)(/\\S*)");

  /** One instruction of a Dockerfile: keyword and its arguments (continuation lines joined). */
  record Instruction(String keyword, String args) {}

  /** A build stage: its name (or index) and its instructions. */
  record Stage(String name, List<Instruction> instructions) {
    List<String> all(String keyword) {
      return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::args).toList();
    }

    String last(String keyword) {
      List<String> found = all(keyword);
      assertThat(found).as(keyword + " in stage " + name).isNotEmpty();
      return found.get(found.size() - 1);
    }
  }

  static List<Stage> dockerfile() throws Exception {
    List<Stage> stages = new ArrayList<>();
    StringBuilder logical = new StringBuilder();
    for (String raw : Files.readAllLines(Path.of("Dockerfile"))) {
      String line = raw.strip();
      if (logical.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
        continue;
      }
      if (line.endsWith("\\")) {
        logical.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      logical.append(line);
      String text = logical.toString().strip();
      logical.setLength(0);
      String[] parts = text.split("\\s+", 2);
      Instruction i = new Instruction(parts[0].toUpperCase(java.util.Locale.ROOT), parts.length > 1 ? parts[1] : "");
      if (i.keyword().equals("FROM")) {
        String[] from = i.args().split("\\s+");
        stages.add(new Stage(from.length == 3 && from[1].equalsIgnoreCase("AS") ? from[2] : Integer.toString(stages.size()),
            new ArrayList<>()));
      }
      stages.get(stages.size() - 1).instructions().add(i);
    }
    return stages;
  }

  private static String finalName() throws Exception {
    Matcher m = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(Files.readString(Path.of("pom.xml")));
    assertThat(m.find()).as("pom.xml has a finalName").isTrue();
    return m.group(1).strip();
  }

  /** The configuration the container runs with: its CMD's config file and the compose environment. */
  private static AppConfig containerConfig(Map<String, String> env) throws Exception {
    Path file = Path.of("conf", "dvc-watch.yaml");
    return AppConfig.from(YamlNode.parse(file.toString(), Files.readString(file), env), Path.of("."));
  }

  @Test
  void theDockerfileCopiesFilesThatExistAndRunsTheJarTheBuildMakes() throws Exception {
    List<Stage> stages = dockerfile();
    assertThat(stages).hasSize(2);
    Stage build = stages.get(0);
    Stage run = stages.get(1);
    String buildDir = build.last("WORKDIR");
    Map<String, String> copiedIntoBuild = new HashMap<>();
    for (String copy : build.all("COPY")) {
      String[] a = copy.split("\\s+");
      assertThat(a).as("COPY " + copy).hasSize(2);
      assertThat(Path.of(a[0])).as("COPY source " + a[0]).exists();
      copiedIntoBuild.put(a[0], a[1]);
    }
    assertThat(build.last("RUN")).contains("mvn").contains("package");
    String jar = buildDir + "/target/" + finalName() + ".jar";

    String clusterJar = buildDir + "/target/" + vn.dvcwatch.cluster.ClusterArtifact.FILE;
    String runJar = null;
    String runClusterJar = null;
    for (String copy : run.all("COPY")) {
      String[] a = copy.split("\\s+");
      assertThat(a).as("COPY " + copy).hasSize(3);
      assertThat(a[0]).isEqualTo("--from=" + build.name());
      String source = a[1];
      if (source.equals(clusterJar)) {
        runClusterJar = a[2];
      } else if (source.endsWith(".jar")) {
        assertThat(source).as("the jar Maven makes (finalName)").isEqualTo(jar);
        runJar = a[2];
      } else {
        String inRepo = Path.of(buildDir).relativize(Path.of(source)).toString();
        assertThat(copiedIntoBuild).as(source + " was copied into the build stage").containsKey(inRepo);
        assertThat(Path.of(inRepo)).exists();
      }
    }
    assertThat(runJar).as("the runtime stage copies the jar").isNotNull();
    assertThat(runClusterJar).as("the cluster's libraries, where the jar's Class-Path looks for them")
        .isEqualTo(Path.of(runJar).resolveSibling(vn.dvcwatch.cluster.ClusterArtifact.FILE).toString());
    assertThat(run.last("ENTRYPOINT")).contains("\"" + runJar + "\"");
    String cmd = run.last("CMD");
    Matcher config = Pattern.compile("\"--config\",\\s*\"([^\"]+)\"").matcher(cmd);
    assertThat(config.find()).as("CMD names the config file").isTrue();
    assertThat(Path.of(config.group(1))).as("the config the CMD names is in the conf the image copies").exists();
  }

  @Test
  void theImageRunsAsAnUnprivilegedUserAndExposesTheServedPort() throws Exception {
    Stage run = dockerfile().get(1);
    String user = run.last("USER");
    assertThat(user).isNotIn("root", "0", "0:0", "root:root");
    assertThat(String.join("\n", run.all("RUN"))).as("the user is created").contains("useradd --system").contains(" " + user);
    int port = containerConfig(Map.of()).http().port();
    assertThat(run.last("EXPOSE")).isEqualTo(Integer.toString(port));
    assertThat(containerConfig(Map.of()).http().host()).as("reachable from outside the container").isEqualTo("0.0.0.0");
  }

  /** What the runtime stage installs with apt-get (options left out). */
  private static List<String> aptPackages(Stage run) {
    Matcher m = Pattern.compile("apt-get install ([^&|;]+)").matcher(String.join("\n", run.all("RUN")));
    assertThat(m.find()).as("the runtime stage installs packages with apt-get").isTrue();
    return java.util.Arrays.stream(m.group(1).strip().split("\\s+")).filter(p -> !p.startsWith("-")).toList();
  }

  @Test
  void theImageHasTheBrowserTheBrowserRoomLooksForAndWhatItsHealthcheckRuns() throws Exception {
    Stage run = dockerfile().get(1);
    List<String> packages = aptPackages(run);
    // Debian's chromium installs /usr/bin/chromium, a path the browser room tries when browser.path is empty
    assertThat(packages).contains("chromium");
    assertThat(vn.dvcwatch.browser.BrowserSettings.CANDIDATES).contains("/usr/bin/chromium");
    assertThat(containerConfig(Map.of()).browser().path()).as("conf leaves the path to the search").isEmpty();
    assertThat(packages).as("a Java 17 runtime").anyMatch(p -> p.startsWith("openjdk-17-jre"));
    Matcher tool = Pattern.compile("CMD\\s+(\\S+)").matcher(run.last("HEALTHCHECK"));
    assertThat(tool.find()).as("HEALTHCHECK runs a command").isTrue();
    assertThat(packages).as("the HEALTHCHECK's command is installed").contains(tool.group(1));
  }

  @Test
  void theHealthcheckAsksTheRealLivenessRoute() throws Exception {
    Stage run = dockerfile().get(1);
    Matcher m = HEALTH_URL.matcher(run.last("HEALTHCHECK"));
    assertThat(m.find()).as("HEALTHCHECK has a URL").isTrue();
    assertThat(Integer.parseInt(m.group(1))).isEqualTo(containerConfig(Map.of()).http().port());
    String path = m.group(2); // /health/live, served below by the product's own health routes

    Vertx vertx = Vertx.vertx();
    try {
      Router router = Router.router(vertx);
      new HealthRoutes(() -> Future.succeededFuture(new JsonObject().put("status", "UP")),
          () -> Future.succeededFuture("")).mount(router);
      HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.actualPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(r.body()).getString("status")).isEqualTo("UP");
    } finally {
      vertx.close().await();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> compose() throws Exception {
    return new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
  }

  /** {@code ${NAME:-default}} as compose resolves it with NAME unset. */
  private static String unsetDefault(Object value) {
    return String.valueOf(value).replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1");
  }

  /** The product's configuration as a compose service's environment makes it; every DVC_ variable is read. */
  @SuppressWarnings("unchecked")
  private static AppConfig appConfig(Map<String, Object> service) throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    ((Map<String, Object>) service.get("environment")).forEach((k, v) -> env.put(k, unsetDefault(v)));
    assertThat(env).allSatisfy((k, v) -> assertThat(k).startsWith("DVC_"));
    YamlNode root = YamlNode.parse("conf/dvc-watch.yaml", Files.readString(Path.of("conf", "dvc-watch.yaml")), env);
    AppConfig cfg = AppConfig.from(root, Path.of("."));
    assertThat(root.unreadOverrides()).as("DVC_ variables no setting reads").isEmpty();
    return cfg;
  }

  @Test
  @SuppressWarnings("unchecked")
  void composeServicesPortsAndVariablesMatchTheProduct() throws Exception {
    Map<String, Object> services = (Map<String, Object>) compose().get("services");
    List<String> clusterNodes = List.of("dvc-hn", "dvc-hcm", "dvc-dn");
    assertThat(services).containsOnlyKeys("postgres", "dvc-watch", "prometheus", "grafana", "dvc-hn", "dvc-hcm",
        "dvc-dn");

    AppConfig cfg = appConfig((Map<String, Object>) services.get("dvc-watch"));
    Map<String, Object> app = (Map<String, Object>) services.get("dvc-watch");
    int port = cfg.http().port();
    assertThat((List<String>) app.get("ports")).containsExactly(port + ":" + port);
    assertThat(app.get("build")).isEqualTo(".");
    assertThat(cfg.cluster().enabled()).as("the default service is one node").isFalse();

    // The three-node profile: each node a cluster member of the others, its own vantage, its web on a port of
    // its own, the same database.
    java.util.Set<String> vantages = new java.util.HashSet<>();
    java.util.Set<String> hostPorts = new java.util.HashSet<>(List.of(port + ""));
    for (String name : clusterNodes) {
      Map<String, Object> node = (Map<String, Object>) services.get(name);
      assertThat((List<String>) node.get("profiles")).as(name).containsExactly("cluster");
      AppConfig nodeCfg = appConfig(node);
      assertThat(nodeCfg.cluster().enabled()).as(name).isTrue();
      assertThat(nodeCfg.cluster().members()).extracting(m -> m.host()).as(name)
          .containsExactlyInAnyOrderElementsOf(clusterNodes);
      assertThat(vantages.add(nodeCfg.cluster().vantage())).as(name + "'s vantage is its own").isTrue();
      assertThat(nodeCfg.db().url()).isEqualTo(cfg.db().url());
      List<String> ports = (List<String>) node.get("ports");
      assertThat(ports).hasSize(1);
      assertThat(ports.get(0)).endsWith(":" + nodeCfg.http().port());
      assertThat(hostPorts.add(ports.get(0).split(":")[0])).as(name + "'s host port is its own").isTrue();
      assertThat(((Map<String, Object>) node.get("depends_on"))).containsKey(URI.create(cfg.db().url()).getHost());
    }
    URI db = URI.create(cfg.db().url());
    assertThat(services).containsKey(db.getHost());
    assertThat(((Map<String, Object>) app.get("depends_on"))).containsKey(db.getHost());
    Map<String, Object> pg = (Map<String, Object>) services.get(db.getHost());
    Map<String, String> pgEnv = (Map<String, String>) pg.get("environment");
    assertThat(db.getPath()).isEqualTo("/" + pgEnv.get("POSTGRES_DB"));
    assertThat(cfg.db().user()).isEqualTo(pgEnv.get("POSTGRES_USER"));
    assertThat(cfg.db().password()).isEqualTo(unsetDefault(pgEnv.get("POSTGRES_PASSWORD")));
    assertThat((String) pg.get("image")).as("the PostgreSQL major the suite runs on").isEqualTo("postgres:17");

    String scrape = Files.readString(Path.of("dashboards", "prometheus.yml"));
    assertThat(scrape).as("Prometheus scrapes the service by its compose name").contains("\"dvc-watch:" + port + "\"");
    for (Object service : services.values()) {
      for (Object volume : (List<Object>) ((Map<String, Object>) service).getOrDefault("volumes", List.of())) {
        String source = String.valueOf(volume).split(":")[0];
        if (source.startsWith("./")) {
          assertThat(Path.of(source)).as("mounted " + source).exists();
        }
      }
    }
  }
}
