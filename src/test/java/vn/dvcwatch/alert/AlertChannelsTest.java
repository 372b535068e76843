package vn.dvcwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import vn.dvcwatch.config.YamlNode;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.result.Target;
import vn.dvcwatch.testkit.Poll;

/**
 * The webhook, Slack, Teams and Telegram channels against a real HTTP receiver on loopback, with the outbox in real
 * PostgreSQL and email through GreenMail: each event once per channel with a valid signature, retries with backoff,
 * timeouts, refused redirects, a failing channel holding up nobody else, and no secret in logs, API or metrics.
 */
class AlertChannelsTest extends AlertFixture {
  static final String HMAC_KEY = "k3y-for-the-webhook-0123456789";
  static final String BOT_TOKEN = "123456:AAbbCCddEEff_secret-bot";
  static final String SLACK_PATH = "/services/T000/B000/slack-secret-token";
  static final String TEAMS_PATH = "/webhookb2/teams-secret-token";

  Receiver receiver;

  @BeforeEach
  void receiver() {
    receiver = new Receiver(vertx);
  }

  @AfterEach
  void closeReceiver() {
    receiver.close();
  }

  ChannelSettings channels(String yaml) {
    return ChannelSettings.from(YamlNode.parse("test.yaml", yaml)).withCalls(Duration.ofMillis(400),
        Duration.ofMillis(400), 64 * 1024);
  }

  String allFour() {
    return """
        channels:
          - {name: soc, type: webhook, url: "%s", secret: "%s", for: [all]}
          - {name: ops, type: slack, url: "%s", for: [all]}
          - {name: so, type: teams, url: "%s", for: ["UBND Thành phố Hà Nội"]}
          - {name: tg, type: telegram, url: "%s", botToken: "%s", chatId: "-100200", for: [all]}
        """.formatted(receiver.url("/hook"), HMAC_KEY, receiver.url(SLACK_PATH), receiver.url(TEAMS_PATH),
        receiver.url("/tg"), BOT_TOKEN);
  }

  AlertService startWith(ChannelSettings ch, Clock clock) {
    alerts = new AlertService(pool, settings(), ch, MaintenanceCalendar.NONE, clock).portals(id -> HA_NOI);
    alerts.start(vertx).await();
    return alerts;
  }

  static Incident incident(String id, Instant start) {
    return new Incident(id, "ha-noi", start, null, "connect", Target.HOMEPAGE);
  }

  @Test
  void eachEventReachesEachChannelOnceWithAValidSignature() {
    startWith(channels(allFour()), Clock.systemUTC());
    Incident i = incident("ha-noi:ch1", T0);
    open(i);
    close(i.close(T0.plus(Duration.ofMinutes(65))));
    awaitQuiet();
    awaitChannelPasses(2);

    List<Receiver.Call> hook = receiver.calls("/hook");
    assertThat(hook).hasSize(2);
    for (Receiver.Call c : hook) {
      String ts = c.headers().get("X-DvcWatch-Timestamp");
      assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(ts))).isLessThan(300);
      assertThat(c.headers().get("X-DvcWatch-Signature")).isEqualTo("sha256=" + ChannelMessage.sign(HMAC_KEY, ts, c.body()));
    }
    assertThat(hook.stream().map(c -> new JsonObject(c.body()).getString("id")))
        .containsExactly("down:ha-noi:ch1", "recovered:ha-noi:ch1");
    assertThat(new JsonObject(hook.get(0).body()).getString("subject")).contains("Cổng DVC Thành phố Hà Nội đang gián đoạn");
    assertThat(hook.get(0).headers().get("X-DvcWatch-Delivery")).isEqualTo("down:ha-noi:ch1");

    assertThat(receiver.calls(SLACK_PATH)).hasSize(2);
    assertThat(new JsonObject(receiver.calls(SLACK_PATH).get(1).body()).getString("text"))
        .contains("đã hoạt động trở lại sau 1 giờ 5 phút");
    // Teams: the channel is for the portal's owner, and gets its portal's alerts.
    assertThat(receiver.calls(TEAMS_PATH)).hasSize(2);
    assertThat(receiver.calls(TEAMS_PATH).get(0).body()).contains("AdaptiveCard").contains("gián đoạn");
    List<Receiver.Call> tg = receiver.calls("/tg/bot" + BOT_TOKEN + "/sendMessage");
    assertThat(tg).hasSize(2);
    assertThat(new JsonObject(tg.get(0).body()).getString("chat_id")).isEqualTo("-100200");
    assertThat(receiver.calls).hasSize(8);

    // Chat rooms get their own short text: subject, facts, the portal link and the signed acknowledgement link;
    // not the mail's advice paragraph nor its "automatic email, do not reply" footer.
    String slack = new JsonObject(receiver.calls(SLACK_PATH).get(0).body()).getString("text");
    String telegram = new JsonObject(tg.get(0).body()).getString("text");
    for (String chat : List.of(slack, telegram)) {
      assertThat(chat).startsWith("[dvc-watch] Cổng DVC Thành phố Hà Nội đang gián đoạn (không kết nối được)\n")
          .contains("\nNguyên nhân: không kết nối được\n", "\nBắt đầu từ: ", "\nXem chi tiết: ",
              "/portals/ha-noi\n", "\nXác nhận đã tiếp nhận sự cố (dừng chuyển cấp): ", "/ack/")
          .doesNotContain("Email gửi tự động", "vui lòng không trả lời", "-- ", "Hệ thống giám sát đã xác nhận lỗi");
    }
    assertThat(telegram).isEqualTo(slack);
    JsonObject card = new JsonObject(receiver.calls(TEAMS_PATH).get(0).body()).getJsonArray("attachments").getJsonObject(0)
        .getJsonObject("content");
    assertThat(card.getJsonArray("body").getJsonObject(0).getString("text"))
        .isEqualTo("[dvc-watch] Cổng DVC Thành phố Hà Nội đang gián đoạn (không kết nối được)");
    assertThat(card.getJsonArray("body").getJsonObject(1).getString("text")).startsWith("Nguyên nhân: ").contains("/ack/")
        .doesNotContain("Email gửi tự động");
    // The generic webhook still carries the whole mail text for systems that file it.
    assertThat(new JsonObject(hook.get(0).body()).getString("text")).contains("Hệ thống giám sát đã xác nhận lỗi");

    // The outbox: one row per channel per event, each sent once.
    assertThat(count("SELECT count(*) FROM alert_outbox WHERE channel <> 'email' AND state = 'sent' AND attempts = 1"))
        .isEqualTo(8);
    assertThat(mailbox.subjectsFor(CONTACT_1)).hasSize(2);
  }

  @Test
  void aChannelForAnotherOwnerGetsNothingAndTheNationalOneOnlyFleetWideAlerts() {
    startWith(channels("""
        channels:
          - {name: hcm, type: slack, url: "%s", for: ["UBND Thành phố Hồ Chí Minh"]}
          - {name: nat, type: slack, url: "%s", for: [national]}
        """.formatted(receiver.url("/hcm"), receiver.url("/nat"))), Clock.systemUTC());
    open(incident("ha-noi:ch2", T0));
    alerts.onWatchdogNetwork(true, 80, 83, T0).await();
    awaitQuiet();
    awaitChannelPasses(2);
    assertThat(receiver.calls("/hcm")).isEmpty();
    assertThat(receiver.calls("/nat")).hasSize(1);
    assertThat(receiver.calls("/nat").get(0).body()).contains("Máy giám sát nghi mất kết nối mạng");
  }

  @Test
  void aReceiverThatAnswers500IsRetriedWithBackoffUntilItTakesTheAlert() {
    receiver.on("/hook", (req, n) -> req.response().setStatusCode(n <= 3 ? 500 : 204).end());
    startWith(channels(allFour()), Clock.systemUTC());
    open(incident("ha-noi:ch3", T0));
    Poll.await("webhook delivered", () -> count("SELECT count(*) FROM alert_outbox WHERE recipient = 'webhook:soc'"
        + " AND state = 'sent'") == 1, Duration.ofSeconds(15));
    awaitChannelPasses(3);
    List<Receiver.Call> hook = receiver.calls("/hook");
    assertThat(hook).hasSize(4);
    // 50 ms, 100 ms, 200 ms: each wait at least the backoff and longer than the one before (polling adds at most 50 ms)
    long[] gaps = new long[3];
    for (int k = 0; k < 3; k++) {
      gaps[k] = (hook.get(k + 1).atNanos() - hook.get(k).atNanos()) / 1_000_000;
    }
    assertThat(gaps[0]).isGreaterThanOrEqualTo(50);
    assertThat(gaps[1]).isGreaterThanOrEqualTo(100);
    assertThat(gaps[2]).isGreaterThanOrEqualTo(200);
    assertThat(count("SELECT attempts FROM alert_outbox WHERE recipient = 'webhook:soc'")).isEqualTo(4);
    assertThat(alerts.channelFailures("webhook:soc")).isEqualTo(3);
    assertThat(alerts.channelDelivered("webhook:soc")).isEqualTo(1);
    // The others were not held up: one call each.
    assertThat(receiver.calls(SLACK_PATH)).hasSize(1);
  }

  @Test
  void aReceiverThatHangsTimesOutAndIsRetried() {
    receiver.on("/hook", (req, n) -> {
      if (n > 1) {
        req.response().end("ok");
      } // the first request is never answered
    });
    startWith(channels(allFour()), Clock.systemUTC());
    open(incident("ha-noi:ch4", T0));
    Poll.await("webhook delivered", () -> count("SELECT count(*) FROM alert_outbox WHERE recipient = 'webhook:soc'"
        + " AND state = 'sent'") == 1, Duration.ofSeconds(15));
    List<Receiver.Call> hook = receiver.calls("/hook");
    assertThat(hook).hasSize(2);
    assertThat((hook.get(1).atNanos() - hook.get(0).atNanos()) / 1_000_000).isGreaterThanOrEqualTo(400);
    assertThat(alerts.channelFailures("webhook:soc")).isEqualTo(1);
  }

  @Test
  void aRedirectToAnotherHostIsRefusedAndNotFollowed() {
    try (Receiver elsewhere = new Receiver(vertx)) {
      // "localhost" is another host name than 127.0.0.1 for the client: a redirect there would be a new host.
      String target = "http://localhost:" + elsewhere.port + "/stolen";
      receiver.on("/hook", (req, n) -> req.response().setStatusCode(302).putHeader("Location", target).end());
      startWith(channels(allFour()), Clock.systemUTC());
      open(incident("ha-noi:ch5", T0));
      Poll.await("three refused attempts", () -> receiver.calls("/hook").size() >= 3, Duration.ofSeconds(15));
      awaitChannelPasses(2);
      assertThat(elsewhere.calls).isEmpty();
      JsonObject row = row("webhook:soc");
      assertThat(row.getString("state")).isIn("pending", "sending");
      assertThat(row.getString("last_error")).contains("HTTP 302").contains("redirects are not followed")
          .contains("to host localhost").doesNotContain("/stolen");
      assertThat(receiver.calls(SLACK_PATH)).hasSize(1);
    }
  }

  @Test
  void aFailingSlackChannelDoesNotDelayEmailOrTheOtherChannels() {
    receiver.on(SLACK_PATH, (req, n) -> req.response().setStatusCode(503).end("down"));
    startWith(channels(allFour()), Clock.systemUTC());
    long started = System.nanoTime();
    open(incident("ha-noi:ch6", T0));
    mailbox.await(3);
    Poll.await("webhook delivered", () -> receiver.calls("/hook").size() == 1, Duration.ofSeconds(10));
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
    Poll.await("slack retried", () -> receiver.calls(SLACK_PATH).size() >= 3, Duration.ofSeconds(10));
    assertThat(row("slack:ops").getString("state")).isIn("pending", "sending");
    assertThat(row("slack:ops").getString("last_error")).isEqualTo("HTTP 503");
    assertThat(count("SELECT count(*) FROM alert_outbox WHERE channel = 'email' AND state = 'sent'")).isEqualTo(3);
  }

  @Test
  void aResponseOverTheCapFailsTheCall() {
    receiver.on("/hook", (req, n) -> req.response().end(n == 1 ? "x".repeat(200_000) : "ok"));
    startWith(channels(allFour()), Clock.systemUTC());
    open(incident("ha-noi:ch7", T0));
    Poll.await("webhook delivered", () -> count("SELECT count(*) FROM alert_outbox WHERE recipient = 'webhook:soc'"
        + " AND state = 'sent'") == 1, Duration.ofSeconds(15));
    assertThat(receiver.calls("/hook")).hasSize(2);
    assertThat(alerts.channelFailures("webhook:soc")).isEqualTo(1);
  }

  @Test
  void secretsNeverAppearInLogsTheAdminApiOrMetrics() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try {
      // Every channel fails, in ways whose errors could carry the URL: refused connection, 500, a redirect.
      receiver.on("/hook", (req, n) -> req.response().setStatusCode(500).end("bad " + req.uri()));
      receiver.on(SLACK_PATH, (req, n) -> req.response().setStatusCode(301)
          .putHeader("Location", receiver.url(SLACK_PATH + "/again")).end());
      receiver.on(TEAMS_PATH, (req, n) -> req.connection().close());
      String yaml = allFour().replace(receiver.url("/tg"), "http://127.0.0.1:1/tg");
      ChannelSettings ch = channels(yaml);
      startWith(ch, Clock.systemUTC());
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      alerts.bindMetrics(metrics);
      open(incident("ha-noi:ch8", T0));
      Poll.await("every channel failed twice", () -> List.of("webhook:soc", "slack:ops", "teams:so", "telegram:tg").stream()
          .allMatch(r -> alerts.channelFailures(r) >= 2), Duration.ofSeconds(15));

      HttpServer server = vertx.createHttpServer();
      Router router = Router.router(vertx);
      router.route().handler(BodyHandler.create(false));
      new AlertRoutes(alerts).mountAdmin(router);
      new AlertRoutes(alerts).mountPublic(router);
      server.requestHandler(router).listen(0, "127.0.0.1").await();
      WebClient web = WebClient.create(vertx);
      String admin = web.get(server.actualPort(), "127.0.0.1", "/api/v1/admin/alerts").send().await().bodyAsString();
      String pub = web.get(server.actualPort(), "127.0.0.1", "/api/v1/portals/ha-noi/alerts").send().await().bodyAsString();
      server.close().await();
      web.close();

      assertThat(new JsonArray(admin).stream().map(o -> ((JsonObject) o).getString("recipient")))
          .contains("webhook:soc", "slack:ops", "teams:so", "telegram:tg");
      assertThat(admin).contains("HTTP 500").contains("HTTP 301");
      String logText = String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
      assertThat(logText).contains("slack:ops").contains("telegram:tg");
      String scrape = metrics.scrape();
      assertThat(scrape).contains("dvc_alert_channel_failures_total{channel=\"slack:ops\"}");
      String lastErrors = String.join("\n", rows("SELECT coalesce(last_error, '') FROM alert_outbox"));
      for (String secret : List.of(HMAC_KEY, BOT_TOKEN, "slack-secret-token", "teams-secret-token", SLACK_PATH,
          TEAMS_PATH)) {
        assertThat(logText).as("logs").doesNotContain(secret);
        assertThat(admin).as("admin API").doesNotContain(secret);
        assertThat(pub).as("public API").doesNotContain(secret);
        assertThat(scrape).as("metrics").doesNotContain(secret);
        assertThat(lastErrors).as("stored errors").doesNotContain(secret);
        assertThat(ch.toString()).doesNotContain(secret);
      }
    } finally {
      root.detachAppender(logs);
    }
  }

  void awaitChannelPasses(int n) {
    long from = alerts.channelPasses();
    Poll.await(n + " more passes of the channel sender", () -> alerts.channelPasses() >= from + n, Duration.ofSeconds(10));
  }

  static long count(String sql) {
    return pool.query(sql).execute().await().iterator().next().getLong(0);
  }

  static List<String> rows(String sql) {
    List<String> out = new java.util.ArrayList<>();
    pool.query(sql).execute().await().forEach(r -> out.add(r.getString(0)));
    return out;
  }

  static JsonObject row(String recipient) {
    var r = pool.preparedQuery("SELECT state, last_error, attempts FROM alert_outbox WHERE recipient = $1")
        .execute(io.vertx.sqlclient.Tuple.of(recipient)).await().iterator().next();
    return new JsonObject(Map.of("state", r.getString("state"), "last_error", String.valueOf(r.getString("last_error")),
        "attempts", r.getInteger("attempts")));
  }
}
