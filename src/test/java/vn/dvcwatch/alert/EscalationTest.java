package vn.dvcwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Tuple;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dvcwatch.config.YamlNode;
import vn.dvcwatch.status.Incident;
import vn.dvcwatch.result.Target;

/**
 * Escalation of unacknowledged outages on the alert clock, and the signed one-click acknowledgement link, with real
 * PostgreSQL, GreenMail and an HTTP server serving the alert routes.
 */
class EscalationTest extends AlertFixture {
  static final Pattern LINK = Pattern.compile("http://dvc\\.test/ack/(\\S+)");
  MovableClock clock;
  HttpServer server;
  WebClient web;

  @BeforeEach
  void freshIncidents() {
    pool.query("TRUNCATE incident, acknowledgement").execute().await();
    clock = new MovableClock();
    clock.now = T0;
  }

  @AfterEach
  void closeWeb() {
    if (server != null) {
      server.close().await();
      web.close();
    }
  }

  @Override
  AlertSettings settings() {
    AlertSettings s = super.settings();
    return new AlertSettings(true, s.smtp(), NATIONAL, "http://dvc.test", java.util.Set.of(), java.util.Set.of(), 20,
        false, s.digestTime(), s.retryBase(), s.retryMax(), s.pollInterval(), s.lease(), s.sendTimeout(),
        s.flapOpenings(), s.flapWindow());
  }

  AlertService startAt(MovableClock c) {
    return startAt(c, "escalateAfter: 30m");
  }

  AlertService startAt(MovableClock c, String alertsYaml) {
    alerts = new AlertService(pool, settings(), ChannelSettings.from(YamlNode.parse("t.yaml", alertsYaml)),
        MaintenanceCalendar.NONE, c).portals(id -> "ha-noi".equals(id) ? HA_NOI : null);
    alerts.start(vertx).await();
    return alerts;
  }

  /** The incident as the store writes it, with its DOWN alert in the same transaction. */
  void openStored(Incident i) {
    pool.withTransaction(c -> c.preparedQuery("INSERT INTO incident (id, portal_id, target, cause, started_at)"
        + " VALUES ($1, $2, $3, $4, $5)").execute(Tuple.of(i.id(), i.portalId(), i.target().label(), i.cause(),
            i.start().atOffset(ZoneOffset.UTC)))
        .compose(x -> alerts.onIncidentOpened(c, HA_NOI, i))).await();
  }

  static Incident incident(String id, Instant start) {
    return new Incident(id, "ha-noi", start, null, "connect", Target.HOMEPAGE);
  }

  @Test
  void escalatesOnceAfterTheDelayAndNotAgainAfterARestart() throws Exception {
    startAt(clock);
    openStored(incident("ha-noi:e1", T0));
    clock.now = T0.plus(Duration.ofMinutes(29));
    assertThat(alerts.escalateDue().await()).isZero();
    clock.now = T0.plus(Duration.ofMinutes(30));
    assertThat(alerts.escalateDue().await()).isEqualTo(1);
    assertThat(alerts.escalateDue().await()).isZero();

    // A new process on the same database: the escalation is in PostgreSQL, not in memory.
    alerts.stop().await();
    MovableClock later = new MovableClock();
    later.now = T0.plus(Duration.ofHours(2));
    startAt(later);
    assertThat(alerts.escalateDue().await()).isZero();
    awaitQuiet();

    List<String> national = mailbox.subjectsFor(NATIONAL);
    assertThat(national).hasSize(2);
    assertThat(national.get(1)).isEqualTo(
        "[dvc-watch] Chuyển cấp: Cổng DVC Thành phố Hà Nội gián đoạn đã 30 phút chưa có người xác nhận");
    // The owner's contacts got the outage, not the escalation: it goes one level up.
    assertThat(mailbox.subjectsFor(CONTACT_1)).hasSize(1);
  }

  /**
   * The next level is the national office as configured: its address ({@code nationalCopy}) and every channel
   * {@code for: [national]} (or {@code [all]}); the province's own channel and contacts had the outage and do not
   * get the escalation. There are two levels (owner, national office): an escalation is the last step.
   */
  @Test
  void theEscalationReachesTheNationalOfficesRecipientsAndNotTheProvincesChannel() {
    startAt(clock, """
        escalateAfter: 45m
        channels:
          - {name: truc-quoc-gia, type: email, to: [trucban@cds.gov.vn], for: [national]}
          - {name: so-ha-noi, type: email, to: [so@hanoi.gov.vn], for: ["UBND Thành phố Hà Nội"]}
        """);
    openStored(incident("ha-noi:e9", T0));
    clock.now = T0.plus(Duration.ofMinutes(44));
    assertThat(alerts.escalateDue().await()).isZero();
    clock.now = T0.plus(Duration.ofMinutes(45));
    assertThat(alerts.escalateDue().await()).isEqualTo(1);
    awaitQuiet();
    String escalation = "[dvc-watch] Chuyển cấp: Cổng DVC Thành phố Hà Nội gián đoạn đã 45 phút chưa có người xác nhận";
    assertThat(mailbox.subjectsFor(NATIONAL)).hasSize(2).contains(escalation);
    assertThat(mailbox.subjectsFor("trucban@cds.gov.vn")).containsExactly(escalation);
    assertThat(mailbox.subjectsFor("so@hanoi.gov.vn")).hasSize(1).doesNotContain(escalation);
    assertThat(mailbox.subjectsFor(CONTACT_1)).hasSize(1).doesNotContain(escalation);
  }

  @Test
  void anAcknowledgedOutageIsNotEscalated() {
    startAt(clock);
    openStored(incident("ha-noi:e2", T0));
    openStored(incident("ha-noi:e3", T0.plus(Duration.ofMinutes(1))));
    clock.now = T0.plus(Duration.ofMinutes(10));
    AckLinks.Ack a = alerts.ackLinks().acknowledge("ha-noi:e2", "Trực ban Hà Nội", "admin", clock.instant()).await();
    assertThat(a.created()).isTrue();
    clock.now = T0.plus(Duration.ofHours(1));
    assertThat(alerts.escalateDue().await()).isEqualTo(1);
    assertThat(pool.query("SELECT alert_key FROM alert_outbox WHERE kind = 'escalation'").execute().await()
        .iterator().next().getString(0)).isEqualTo("escalation:ha-noi:e3");
  }

  @Test
  void aPortalAcknowledgementFromTheAdminApiAlsoStopsIt() {
    startAt(clock);
    openStored(incident("ha-noi:e4", T0));
    pool.query("INSERT INTO acknowledgement (portal_id, by_whom, created_at) VALUES ('ha-noi', 'ops',"
        + " '" + T0.plusSeconds(60) + "')").execute().await();
    clock.now = T0.plus(Duration.ofHours(1));
    assertThat(alerts.escalateDue().await()).isZero();
  }

  @Test
  void theSignedLinkShowsAPageOnGetAcknowledgesOnPostOnceAndRefusesTamperingAndExpiry() throws Exception {
    startAt(clock);
    openStored(incident("ha-noi:e5", T0));
    MimeMessage m = mailbox.await(3).get(0);
    String text = Mailbox.part(m, "text/plain");
    assertThat(text).contains("Xác nhận đã tiếp nhận sự cố (dừng chuyển cấp): http://dvc.test/ack/");
    Matcher found = LINK.matcher(text);
    assertThat(found.find()).isTrue();
    String token = found.group(1);
    serve();

    clock.now = T0.plus(Duration.ofMinutes(5));
    HttpResponse<Buffer> get = web.get("/ack/" + token).send().await();
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.bodyAsString()).contains("Xác nhận đã tiếp nhận").contains("<form method=\"post\">")
        .contains("Cổng DVC Thành phố Hà Nội gián đoạn từ 14:05 ngày 24/11/2026");
    assertThat(get.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(get.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(alerts.ackLinks().existing("ha-noi:e5").await()).as("a GET acknowledges nothing").isNull();

    HttpResponse<Buffer> post = web.post("/ack/" + token).sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap()
        .add("by", "Nguyễn Văn An")).await();
    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(post.bodyAsString()).contains("Nguyễn Văn An (liên kết trong email) xác nhận lúc 14:10 ngày 24/11/2026");
    HttpResponse<Buffer> again = web.post("/ack/" + token).sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap()
        .add("by", "Người khác")).await();
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.bodyAsString()).contains("Nguyễn Văn An");
    assertThat(pool.query("SELECT count(*) FROM acknowledgement").execute().await().iterator().next().getLong(0))
        .isEqualTo(1);
    clock.now = T0.plus(Duration.ofHours(1));
    assertThat(alerts.escalateDue().await()).isZero();

    // Tampering: another incident's id with this signature, a changed expiry, a changed signature.
    String[] parts = token.split("\\.");
    String otherId = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("ha-noi:e6".getBytes());
    for (String bad : List.of(otherId + "." + parts[1] + "." + parts[2],
        parts[0] + "." + (Long.parseLong(parts[1]) + 86400) + "." + parts[2],
        parts[0] + "." + parts[1] + "." + parts[2].substring(1) + "A", "garbage")) {
      assertThat(web.get("/ack/" + bad).send().await().statusCode()).as(bad).isEqualTo(403);
      assertThat(web.post("/ack/" + bad).send().await().statusCode()).as(bad).isEqualTo(403);
    }
    // Expiry: the link works for 7 days from the incident's start.
    clock.now = T0.plus(Duration.ofDays(7)).plusSeconds(1);
    assertThat(web.get("/ack/" + token).send().await().statusCode()).isEqualTo(410);
    assertThat(web.post("/ack/" + token).send().await().statusCode()).isEqualTo(410);
  }

  @Test
  void theAdminApiAcknowledgesOneIncident() {
    startAt(clock);
    openStored(incident("ha-noi:e7", T0));
    serve();
    HttpResponse<Buffer> first = web.post("/api/v1/admin/incidents/ha-noi:e7/acknowledge")
        .sendJsonObject(new JsonObject().put("by", "Trần Thị Bình")).await();
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.bodyAsJsonObject().getString("by")).isEqualTo("Trần Thị Bình");
    assertThat(web.post("/api/v1/admin/incidents/ha-noi:e7/acknowledge")
        .sendJsonObject(new JsonObject().put("by", "x")).await().statusCode()).isEqualTo(409);
    assertThat(web.post("/api/v1/admin/incidents/nope/acknowledge")
        .sendJsonObject(new JsonObject().put("by", "x")).await().statusCode()).isEqualTo(404);
    assertThat(web.post("/api/v1/admin/incidents/ha-noi:e7/acknowledge")
        .sendJsonObject(new JsonObject()).await().statusCode()).isEqualTo(400);
  }

  void serve() {
    Router router = Router.router(vertx);
    router.route("/api/v1/admin/*").handler(io.vertx.ext.web.handler.BodyHandler.create(false));
    new AlertRoutes(alerts).mountPublic(router);
    new AlertRoutes(alerts).mountAdmin(router);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
  }
}
